// The one way the UI talks to the server (/api/v1, see docs/api.md). Sends the session cookie
// (same origin) and, on every state-changing request, the CSRF token kept in memory. Errors come
// back as ApiError built from the RFC 9457 problem document.
import { ElMessage } from 'element-plus'
import { t } from './i18n/index.js'

const BASE = '/api/v1'
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

let csrfToken = null
let onUnauthenticated = null

export function setCsrfToken(token) {
  csrfToken = token || null
}

/** fn() is called when a request other than /auth/* answers 401 (session ended). */
export function setUnauthenticatedHandler(fn) {
  onUnauthenticated = fn
}

export class ApiError extends Error {
  constructor(status, problem) {
    const detail = problem.detail || fallbackDetail(status)
    super(detail)
    this.name = 'ApiError'
    this.status = status
    this.problem = problem
    this.detail = detail
    this.field = problem.field || null
    this.requestId = problem.request_id || null
  }
}

function fallbackDetail(status) {
  if (status === 0) return t('errors.network')
  const key = `errors.s${status}`
  const text = t(key)
  return text === key ? t('errors.generic', { status }) : text
}

function buildUrl(path, query) {
  let url = BASE + path
  if (query) {
    const params = new URLSearchParams()
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params.append(key, String(value))
    }
    const qs = params.toString()
    if (qs) url += (url.includes('?') ? '&' : '?') + qs
  }
  return url
}

async function readJson(res) {
  const type = res.headers.get('content-type') || ''
  if (res.status === 204 || !type.includes('json')) return null
  try {
    return await res.json()
  } catch {
    return null
  }
}

/**
 * Calls the API. Returns {data, etag, status}; throws ApiError for a non-2xx answer or when the
 * server cannot be reached (status 0). `ifMatch` is sent as If-Match (an ETag, quotes included).
 * `rawBody` (a File, Blob or string) is sent as it is, with `contentType` (default
 * application/octet-stream), instead of a JSON `body`: uploads such as POST /imports.
 */
export async function api(method, path, { query, body, ifMatch, rawBody, contentType } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' }
  if (rawBody !== undefined) headers['Content-Type'] = contentType || 'application/octet-stream'
  else if (body !== undefined) headers['Content-Type'] = 'application/json'
  if (UNSAFE.has(method) && csrfToken) headers['X-CSRF-Token'] = csrfToken
  if (ifMatch) headers['If-Match'] = ifMatch
  let res
  try {
    res = await fetch(buildUrl(path, query), {
      method,
      headers,
      body: rawBody !== undefined ? rawBody : body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    })
  } catch {
    throw new ApiError(0, {})
  }
  const data = await readJson(res)
  if (!res.ok) {
    const problem = data && typeof data === 'object' ? { ...data } : {}
    if (!problem.request_id) problem.request_id = res.headers.get('x-request-id')
    if (res.status === 401 && onUnauthenticated && !path.startsWith('/auth/')) onUnauthenticated()
    throw new ApiError(res.status, problem)
  }
  return { data, etag: res.headers.get('etag'), status: res.status }
}

export const apiGet = (path, query) => api('GET', path, { query })

/**
 * Downloads a file the API answers (e.g. GET /patents/export): fetched first so that an error
 * comes back as ApiError rather than as a downloaded problem document, then saved under the
 * name of its Content-Disposition (or `fallbackName`).
 */
export async function downloadFile(path, query, fallbackName) {
  let res
  try {
    res = await fetch(buildUrl(path, query), { credentials: 'same-origin', cache: 'no-store' })
  } catch {
    throw new ApiError(0, {})
  }
  if (!res.ok) {
    const data = await readJson(res)
    const problem = data && typeof data === 'object' ? { ...data } : {}
    if (!problem.request_id) problem.request_id = res.headers.get('x-request-id')
    if (res.status === 401 && onUnauthenticated) onUnauthenticated()
    throw new ApiError(res.status, problem)
  }
  const disposition = res.headers.get('content-disposition') || ''
  const match = /filename="?([^";]+)"?/i.exec(disposition)
  const blob = await res.blob()
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = match ? match[1] : fallbackName
  document.body.appendChild(link)
  link.click()
  document.body.removeChild(link)
  setTimeout(() => URL.revokeObjectURL(url), 10000)
  return { size: blob.size, name: link.download }
}

/** Shows an error to the user: the problem's detail (and request id) in an ElMessage. */
export function showError(err) {
  if (!(err instanceof ApiError)) {
    console.error(err)
    ElMessage.error({ message: String(err && err.message ? err.message : err), grouping: true })
    return
  }
  const suffix = err.requestId ? ` (${t('common.requestId', { id: err.requestId })})` : ''
  ElMessage.error({ message: err.detail + suffix, grouping: true, duration: 6000 })
}

/**
 * Runs one user action against the API: `busy` (a ref) is true while it runs, then the success
 * `message` or the error is shown and `after` (typically a reload) runs either way. Resolves to
 * whether the action succeeded.
 */
export async function runAction(busy, fn, message, after) {
  busy.value = true
  try {
    await fn()
    ElMessage.success(message)
    return true
  } catch (err) {
    showError(err)
    return false
  } finally {
    busy.value = false
    if (after) after()
  }
}
