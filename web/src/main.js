import { createApp } from 'vue'
import ElementPlus from 'element-plus'
import 'element-plus/dist/index.css'
import './style.css'
import App from './App.vue'
import { i18n } from './i18n/index.js'
import { router } from './router.js'
import { setUnauthenticatedHandler } from './api.js'
import { clearSession } from './session.js'

// A 401 on an ordinary request means the session ended (idle 30 min, 12 h, or logout elsewhere).
setUnauthenticatedHandler(() => {
  clearSession()
  const current = router.currentRoute.value
  if (!current.meta.public) router.replace({ name: 'login', query: { redirect: current.fullPath } })
})

createApp(App).use(i18n).use(ElementPlus).use(router).mount('#app')
