// Coordinated enforcement (C7) on the client: the vocabularies of cases and joint operations
// (docs/api.md), who may do what (the server decides; these only hide what it would refuse), and
// the evidence calls that are not plain JSON (multipart upload, receipt download with retry).
import { api, apiGet, downloadFile, ApiError } from './api.js'

export const OFFICES = ['BJ', 'TJ', 'HE']
export const CASE_TYPES = ['infringement_dispute', 'counterfeit_marking', 'other']
export const CASE_STATUSES = ['registered', 'accepted', 'investigating', 'mediated', 'decided', 'dismissed', 'withdrawn', 'closed']
export const TRANSFER_REASONS = ['respondent_domicile', 'place_of_infringement', 'other']
export const OUTCOME_KINDS = ['inspection', 'seizure', 'case_opened']
export const TARGET_KINDS = ['respondent', 'place', 'patent']

/** core::kCaseTransitions: the steps offered as buttons (the server refuses any other). */
export const CASE_TRANSITIONS = {
  registered: ['accepted', 'dismissed', 'withdrawn'],
  accepted: ['investigating', 'dismissed', 'withdrawn'],
  investigating: ['mediated', 'decided', 'dismissed', 'withdrawn'],
  mediated: ['closed'],
  decided: ['closed'],
  dismissed: ['closed'],
  withdrawn: ['closed'],
  closed: [],
}

const STATUS_TAG = {
  registered: 'info', accepted: 'primary', investigating: 'warning', mediated: 'success',
  decided: 'success', dismissed: 'info', withdrawn: 'info', closed: '',
}
export const statusTagType = (status) => STATUS_TAG[status] || 'info'

export const isOffice = (user) => !!user && user.role === 'office'

/** Staff of the owning office may change the case (access `write`). */
export const canWrite = (kase) => !!kase && kase.access === 'write'

export const shortHash = (hex) => (hex ? `${hex.slice(0, 12)}…` : '')

export function formatSize(bytes) {
  if (bytes == null) return ''
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

/** The CSRF token of this session (api.js keeps its copy private; /auth/me answers it again). */
async function csrfToken() {
  const { data } = await apiGet('/auth/me')
  return data && data.csrf_token
}

/**
 * Uploads one evidence file to a case (POST /cases/{id}/evidence, multipart/form-data).
 * `fields`: captured_at (UTC YYYY-MM-DDTHH:MM:SSZ), place, method, tool, notes, captured_by; empty
 * ones are left out. Returns the evidence item; throws ApiError as api() does.
 */
export async function uploadEvidence(caseId, file, fields) {
  const form = new FormData()
  form.append('file', file, file.name)
  for (const [key, value] of Object.entries(fields || {})) {
    if (value !== undefined && value !== null && String(value).trim() !== '') form.append(key, String(value).trim())
  }
  const headers = { Accept: 'application/json, application/problem+json' }
  const token = await csrfToken()
  if (token) headers['X-CSRF-Token'] = token
  let res
  try {
    res = await fetch(`/api/v1/cases/${caseId}/evidence`, {
      method: 'POST', headers, body: form, credentials: 'same-origin', cache: 'no-store',
    })
  } catch {
    throw new ApiError(0, {})
  }
  let data = null
  try {
    data = await res.json()
  } catch {
    data = null
  }
  if (!res.ok) {
    const problem = data && typeof data === 'object' ? { ...data } : {}
    if (!problem.request_id) problem.request_id = res.headers.get('x-request-id')
    throw new ApiError(res.status, problem)
  }
  return data
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Downloads the receipt of an evidence item. The server answers 503 until a co-signed checkpoint
 * covers the leaf; that is retried `attempts` times (each waits up to 5 s on the server).
 */
export async function downloadReceipt(item, attempts = 4) {
  const name = `receipt-${item.evidence_id || item.id}.json`
  for (let i = 1; ; i += 1) {
    try {
      return await downloadFile(`/evidence/${item.id}/receipt`, { wait_ms: 5000 }, name)
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 503 || i >= attempts) throw err
      await sleep(1000)
    }
  }
}

export const downloadEvidenceFile = (item) =>
  downloadFile(`/evidence/${item.id}/file`, undefined, item.file_name || `evidence-${item.id}`)

export const downloadDossier = (kase) =>
  downloadFile(`/cases/${kase.id}/dossier`, undefined, `${kase.number}-dossier.zip`)

/** The current UTC time as captured_at wants it (seconds, Z). */
export const nowUtc = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')

export const postJson = (path, body) => api('POST', path, { body })
