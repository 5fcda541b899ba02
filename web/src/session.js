// The signed-in user, shared by the whole UI. The session itself is an HttpOnly cookie; the CSRF
// token lives only in memory and is fetched again through /auth/me after a reload.
import { reactive } from 'vue'
import { api, setCsrfToken } from './api.js'

export const session = reactive({ user: null, loaded: false })

function apply(data) {
  session.user = data && data.user ? data.user : null
  setCsrfToken(data ? data.csrf_token : null)
}

export function clearSession() {
  session.user = null
  setCsrfToken(null)
}

/** Loads the current session; leaves session.user null when not signed in (401). */
export async function loadSession() {
  try {
    const { data } = await api('GET', '/auth/me')
    apply(data)
  } catch (err) {
    clearSession()
    if (err.status !== 401) throw err
  } finally {
    session.loaded = true
  }
}

export async function signIn(login, password) {
  const { data } = await api('POST', '/auth/login', { body: { login, password } })
  apply(data)
  session.loaded = true
  return session.user
}

export async function signOut() {
  try {
    await api('POST', '/auth/logout')
  } finally {
    clearSession()
  }
}
