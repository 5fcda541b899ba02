// Pure helpers of the organisation form: the form model, its JSON values, the create body, the
// PATCH body (changed fields only) and where a server error's `field` is shown.
import { OWN_ORG_FIELDS } from '../permissions.js'
import { sameJson } from '../util.js'

export const ORG_TYPES = ['company', 'university', 'institute', 'agency', 'office', 'other']
export const MEMBERSHIP_STATUSES = ['active', 'suspended', 'left']
/** GB 32100 charset: digits and capitals without I, O, S, V, Z. The check character is the server's. */
export const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{18}$/
export const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Form items that can carry a server error, named as the API names the field. */
export const FIELD_KEYS = [
  'name_zh', 'name_en', 'aliases', 'type', 'credit_code', 'region_code', 'address', 'industry',
  'membership.joined_on', 'membership.founding', 'membership.status',
  'contact.name', 'contact.phone', 'contact.email',
]

function today() {
  const d = new Date()
  const pad = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

const text = (v) => (v === null || v === undefined ? '' : String(v))
const blank = (v) => {
  const s = text(v).trim()
  return s === '' ? null : s
}

export function emptyForm() {
  return {
    name_zh: '', name_en: '', aliases: [], type: 'company', credit_code: '', regionPath: [],
    address: '', industry: '', hasMembership: true,
    membership: { joined_on: today(), founding: false, status: 'active' },
    contact: { name: '', phone: '', email: '' },
  }
}

export function formFromOrg(org) {
  const m = org.membership
  const c = org.contact || {}
  return {
    name_zh: text(org.name_zh), name_en: text(org.name_en), aliases: [...(org.aliases || [])],
    type: org.type || 'company', credit_code: text(org.credit_code), regionPath: [],
    address: text(org.address), industry: text(org.industry), hasMembership: !!m,
    membership: m
      ? { joined_on: text(m.joined_on), founding: !!m.founding, status: m.status || 'active' }
      : { joined_on: today(), founding: false, status: 'active' },
    contact: { name: text(c.name), phone: text(c.phone), email: text(c.email) },
  }
}

function contactValue(c) {
  const value = { name: blank(c && c.name), phone: blank(c && c.phone), email: blank(c && c.email) }
  return Object.values(value).some((v) => v !== null) ? value : null
}

function membershipValue(m) {
  return m ? { joined_on: blank(m.joined_on), founding: !!m.founding, status: m.status || null } : null
}

/** The values of an organisation as the API holds them (empty text as null). */
export function valuesFromOrg(org) {
  return {
    name_zh: blank(org.name_zh), name_en: blank(org.name_en),
    aliases: [...new Set((org.aliases || []).map((a) => String(a).trim()).filter(Boolean))],
    type: org.type || null,
    credit_code: blank(org.credit_code), region_code: blank(org.region_code),
    address: blank(org.address), industry: blank(org.industry),
    membership: membershipValue(org.membership), contact: contactValue(org.contact),
  }
}

/** The values the form holds; the region stays as it was unless a new one was picked. */
export function valuesFromForm(form, original) {
  const path = form.regionPath || []
  return valuesFromOrg({
    ...form,
    credit_code: text(form.credit_code).toUpperCase(),
    region_code: path.length ? path[path.length - 1] : original && original.region_code,
    membership: form.hasMembership ? form.membership : null,
  })
}

/** Body of POST /organizations: every field that has a value. */
export function createBody(form) {
  const values = valuesFromForm(form, null)
  const body = {}
  for (const [key, value] of Object.entries(values)) {
    if (value === null || (Array.isArray(value) && value.length === 0)) continue
    body[key] = value
  }
  return body
}

/** Body of PATCH /organizations/{id}: only the fields that changed (and may change). */
export function patchBody(form, org, scope) {
  const before = valuesFromOrg(org)
  const after = valuesFromForm(form, org)
  const body = {}
  for (const key of Object.keys(after)) {
    if (scope === 'own' && !OWN_ORG_FIELDS.includes(key)) continue
    if (key === 'contact' && !('contact' in org) && after.contact === null) continue
    if (!sameJson(after[key], before[key])) body[key] = after[key]
  }
  return body
}

/** The form item that shows a server error about `field` (e.g. "contact.email", "/aliases/0"). */
export function fieldKeyFor(field) {
  if (!field) return null
  let key = String(field).replace(/^\//, '').replace(/\//g, '.').replace(/\[(\w+)\]/g, '.$1')
  if (key === 'region') key = 'region_code'
  if (FIELD_KEYS.includes(key)) return key
  return FIELD_KEYS.find((k) => key.startsWith(`${k}.`)) || FIELD_KEYS.find((k) => k.startsWith(`${key}.`)) || null
}
