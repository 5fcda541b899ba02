// Vocabulary of the patent corpus (C2) shared by its pages: the names the API uses for types,
// legal statuses, event kinds, licence types and region rules (src/core/patent.cpp,
// legal_status.cpp), their tag colours, and small date helpers. Labels live in i18n `patent.*`.

export const PATENT_TYPES = ['invention', 'utility_model', 'design']

export const STATUSES = [
  'pending', 'valid', 'valid_grace', 'lapsed_restorable', 'lapsed', 'expired',
  'invalidated', 'surrendered', 'rejected', 'withdrawn',
]

/**
 * Tag colour of a status: green in force, orange in force but the annuity is overdue (grace),
 * amber lapsed but still restorable, red ended by non-payment, invalidation or rejection, grey
 * the rest (pending, expired, surrendered, withdrawn). The class is in style.css.
 */
const STATUS_TONE = {
  pending: 'grey',
  valid: 'green',
  valid_grace: 'orange',
  lapsed_restorable: 'amber',
  lapsed: 'red',
  expired: 'grey',
  invalidated: 'red',
  surrendered: 'grey',
  rejected: 'red',
  withdrawn: 'grey',
}

export function statusTone(status) {
  return STATUS_TONE[status] || 'grey'
}

export const EVENT_KINDS = [
  'examination_request', 'grant', 'annuity_paid', 'lapse_non_payment', 'restoration', 'surrender',
  'invalidation_full', 'invalidation_partial', 'term_compensation', 'transfer', 'licence',
  'pledge_registered', 'pledge_released', 'open_licence_declared', 'open_licence_withdrawn',
  'rejection', 'withdrawal',
]

/** Colour of an event's dot on the timeline (Element Plus timeline item `type`). */
const EVENT_TYPE = {
  grant: 'success',
  restoration: 'success',
  annuity_paid: 'primary',
  term_compensation: 'primary',
  transfer: 'warning',
  licence: 'warning',
  pledge_registered: 'warning',
  pledge_released: 'warning',
  open_licence_declared: 'warning',
  open_licence_withdrawn: 'warning',
  lapse_non_payment: 'danger',
  invalidation_full: 'danger',
  invalidation_partial: 'danger',
  rejection: 'danger',
  surrender: 'info',
  withdrawal: 'info',
  examination_request: 'info',
}

export function eventType(kind) {
  return EVENT_TYPE[kind] || 'info'
}

export const LICENCE_TYPES = ['exclusive', 'sole', 'ordinary', 'open']
export const REGION_RULES = ['none', 'province_code', 'address', 'applicant_name']

/** Upload formats of POST /imports and the file names each expects. */
export const IMPORT_FORMATS = [
  { key: 'cn-csv', accept: '.csv,.txt', contentType: 'text/csv' },
  { key: 'jsonl', accept: '.jsonl,.ndjson,.json,.txt', contentType: 'application/x-ndjson' },
  { key: 'uspto-xml', accept: '.xml,.txt', contentType: 'application/xml' },
  { key: 'events-csv', accept: '.csv,.txt', contentType: 'text/csv' },
]

/** Today in the browser's time zone as YYYY-MM-DD (for comparisons with API dates). */
export function todayIso() {
  const d = new Date()
  const pad = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** A CNY amount with thousands separators, e.g. 4,000. */
export function formatCny(value) {
  if (value === null || value === undefined) return ''
  return Number(value).toLocaleString('en-US')
}

/** Path of a patent page; application numbers contain dots but never slashes. */
export function patentPath(number) {
  return `/patents/${encodeURIComponent(number)}`
}
