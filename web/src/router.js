// Routes of the SPA (HTML5 history: the server answers index.html for unknown non-/api paths).
// Pages with meta.roles are hidden from other roles; opened by URL they show "no permission".
import { createRouter, createWebHistory } from 'vue-router'
import { session, loadSession } from './session.js'
import { showError } from './api.js'
import { CAPABILITIES } from './capabilities.js'
import { safeRedirect } from './util.js'
import AppLayout from './layouts/AppLayout.vue'
import LoginView from './views/LoginView.vue'
import MembersView from './views/MembersView.vue'
import PlannedView from './views/PlannedView.vue'
import UsersView from './views/UsersView.vue'
import AuditView from './views/AuditView.vue'
import TokensView from './views/TokensView.vue'
import PatentsView from './views/PatentsView.vue'
import PatentView from './views/PatentView.vue'
import PatentImportView from './views/PatentImportView.vue'
import { PATENT_IMPORT_ROLES } from './permissions.js'
import NotFoundView from './views/NotFoundView.vue'
import VerifyView from './views/VerifyView.vue'
import SearchView from './views/SearchView.vue'
import DashboardView from './views/DashboardView.vue'
import EnforcementView from './views/EnforcementView.vue'
import CaseView from './views/CaseView.vue'
import JointOpsView from './views/JointOpsView.vue'
import JointOpView from './views/JointOpView.vue'

const planned = CAPABILITIES.filter((c) => !c.ready).map((c) => ({
  path: c.path.slice(1),
  name: `cap-${c.key}`,
  component: PlannedView,
  props: { capability: c.key },
  meta: { nav: c.key },
}))

const routes = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true } },
  { path: '/verify', name: 'verify', component: VerifyView, meta: { public: true } },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', redirect: '/members' },
      { path: 'members/:id?', name: 'members', component: MembersView, meta: { nav: 'c1' } },
      { path: 'patents', name: 'patents', component: PatentsView, meta: { nav: 'c2' } },
      { path: 'patents/import', name: 'patent-import', component: PatentImportView, meta: { nav: 'patentImport', roles: PATENT_IMPORT_ROLES } },
      { path: 'patents/:number', name: 'patent', component: PatentView, meta: { nav: 'c2' } },
      { path: 'search', name: 'search', component: SearchView, meta: { nav: 'c3' } },
      { path: 'analytics', name: 'analytics', component: DashboardView, meta: { nav: 'c3' } },
      { path: 'enforcement', name: 'enforcement', component: EnforcementView, meta: { nav: 'c7' } },
      { path: 'enforcement/cases/:id', name: 'case', component: CaseView, meta: { nav: 'c7' } },
      { path: 'enforcement/joint-operations', name: 'joint-ops', component: JointOpsView, meta: { nav: 'c7', roles: ['admin', 'office'] } },
      { path: 'enforcement/joint-operations/:id', name: 'joint-op', component: JointOpView, meta: { nav: 'c7', roles: ['admin', 'office'] } },
      ...planned,
      { path: 'admin/users', name: 'users', component: UsersView, meta: { nav: 'users', roles: ['admin'] } },
      { path: 'admin/audit', name: 'audit', component: AuditView, meta: { nav: 'audit', roles: ['admin', 'office'] } },
      { path: 'tokens', name: 'tokens', component: TokensView, meta: { nav: 'tokens' } },
      { path: ':pathMatch(.*)*', name: 'not-found', component: NotFoundView },
    ],
  },
]

export const router = createRouter({ history: createWebHistory(), routes })

router.beforeEach(async (to) => {
  if (!session.loaded) {
    try {
      await loadSession()
    } catch (err) {
      showError(err)
    }
  }
  if (!to.meta.public && !session.user) {
    return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
  }
  if (to.name === 'login' && session.user) return safeRedirect(to.query.redirect)
  return true
})
