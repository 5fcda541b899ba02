// The query builder's side of the search language (docs/search-syntax.md): each row of the
// builder becomes one clause, and the clauses are joined with AND / OR / NOT. What the builder
// writes is what an expert would type, so the search box always shows the real query.

// Builder fields: `kind` decides the value widget and how the clause is written.
export const BUILDER_FIELDS = [
  { key: 'ALL', kind: 'text' },
  { key: 'TI', kind: 'text' },
  { key: 'AB', kind: 'text' },
  { key: 'CL', kind: 'text' },
  { key: 'TAC', kind: 'text' },
  { key: 'PA', kind: 'text' },
  { key: 'IN', kind: 'text' },
  { key: 'IPC', kind: 'ipc' },
  { key: 'AD', kind: 'dates' },
  { key: 'PD', kind: 'dates' },
  { key: 'GD', kind: 'dates' },
  { key: 'region', kind: 'region' },
  { key: 'type', kind: 'type' },
  { key: 'status', kind: 'status' },
]

export const SEARCH_SORTS = ['relevance', 'filing_desc', 'filing_asc', 'publication_desc', 'grant_desc']

export const FACETS = ['region', 'type', 'status', 'year', 'ipc_section', 'ipc_subclass', 'applicant', 'wipo_field']

// Writes a text value: one word as is, several words in parentheses (all must occur), and a
// value in quotes kept as a phrase. Quotes inside are dropped (the language has no escapes).
function textValue(raw) {
  const value = raw.trim()
  if (/^".*"$/.test(value) || /^“.*”$/.test(value)) return `"${value.slice(1, -1).replace(/["“”]/g, ' ').trim()}"`
  const words = value.replace(/["“”()（）]/g, ' ').split(/\s+/).filter(Boolean)
  if (words.length === 0) return ''
  return words.length === 1 ? words[0] : `(${words.join(' AND ')})`
}

/** One builder row → a clause, or '' when the row has no value yet. */
export function clauseOf(row) {
  const field = BUILDER_FIELDS.find((f) => f.key === row.field)
  if (!field) return ''
  switch (field.kind) {
    case 'text': {
      const v = textValue(row.value || '')
      if (!v) return ''
      return row.field === 'ALL' ? v : `${row.field}=${v}`
    }
    case 'ipc': {
      const v = (row.value || '').trim().toUpperCase()
      return v ? `IPC=${v}` : ''
    }
    case 'dates': {
      const [from, to] = Array.isArray(row.value) ? row.value : ['', '']
      if (!from && !to) return ''
      return `${row.field}=[${from || '*'} TO ${to || '*'}]`
    }
    case 'status': {
      if (!row.value) return ''
      return row.on ? `status=${row.value}@${row.on}` : `status=${row.value}`
    }
    default:
      return row.value ? `${row.field}=${row.value}` : ''
  }
}

/** Builder rows (each with `op`: AND, OR, NOT — the first row's op only counts if NOT). */
export function buildQuery(rows) {
  let out = ''
  for (const row of rows) {
    const clause = clauseOf(row)
    if (!clause) continue
    if (!out) out = row.op === 'NOT' ? `NOT ${clause}` : clause
    else out = `${out} ${row.op === 'OR' ? 'OR' : row.op === 'NOT' ? 'AND NOT' : 'AND'} ${clause}`
  }
  return out
}

/** A facet bucket → the clause that narrows a query to it. */
export function facetClause(facet, key) {
  switch (facet) {
    case 'region': return `region=${key}`
    case 'type': return `type=${key}`
    case 'status': return `status=${key}`
    case 'year': return `AD=${key}`
    case 'ipc_section':
    case 'ipc_subclass': return `IPC=${key}`
    case 'applicant': return `PA="${key.replace(/["“”]/g, ' ')}"`
    default: return ''
  }
}

/** `query` narrowed by `clause`: (query) AND clause. */
export function narrow(query, clause) {
  const q = query.trim()
  if (!clause) return q
  if (!q) return clause
  return /\bOR\b|或/.test(q) ? `(${q}) AND ${clause}` : `${q} AND ${clause}`
}
