// What the UI offers to whom. The server decides (docs/api.md, "Roles"); these only hide what
// would be refused anyway.

export const OFFICE_PROVINCE = { BJ: '11', TJ: '12', HE: '13' }

/** Fields a member, agency or expert user may change on its own organisation. */
export const OWN_ORG_FIELDS = ['name_en', 'aliases', 'address', 'contact']

export function hasRole(user, roles) {
  return !!user && (!roles || roles.includes(user.role))
}

export function canCreateOrg(user) {
  return hasRole(user, ['admin', 'office'])
}

/** 'all' when every field may change, 'own' for the member subset, null when none. */
export function orgEditScope(user, org) {
  if (!user || !org) return null
  if (user.role === 'admin') return 'all'
  if (user.role === 'office') return org.office && org.office === user.office ? 'all' : null
  if (user.org_id != null && String(user.org_id) === String(org.id)) return 'own'
  return null
}

/** Uploading patent files (POST /imports) and following the jobs: admins and office users. */
export const PATENT_IMPORT_ROLES = ['admin', 'office']

export function canImportPatents(user) {
  return hasRole(user, PATENT_IMPORT_ROLES)
}
