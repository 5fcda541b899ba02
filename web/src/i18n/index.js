// vue-i18n set-up: zh-CN by default, English switchable; the choice is kept in localStorage.
// The Element Plus locale follows the UI locale (see epLocale, used by App.vue).
import { computed } from 'vue'
import { createI18n } from 'vue-i18n'
import epZhCn from 'element-plus/es/locale/lang/zh-cn'
import epEn from 'element-plus/es/locale/lang/en'
import zhCN from './zh-CN.js'
import en from './en.js'

export const LOCALES = ['zh-CN', 'en']
const STORAGE_KEY = 'ipa.locale'

function storedLocale() {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY)
    return LOCALES.includes(saved) ? saved : 'zh-CN'
  } catch {
    return 'zh-CN'
  }
}

export const i18n = createI18n({
  legacy: false,
  globalInjection: true,
  locale: storedLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
  missingWarn: false,
  fallbackWarn: false,
})

const EP_LOCALES = { 'zh-CN': epZhCn, en: epEn }
export const epLocale = computed(() => EP_LOCALES[i18n.global.locale.value] || epZhCn)

/** Translates outside components (API errors, messages boxes). */
export function t(key, params) {
  return i18n.global.t(key, params || {})
}

export function currentLocale() {
  return i18n.global.locale.value
}

function applyDocument(locale) {
  document.documentElement.lang = locale
  document.title = i18n.global.t('app.name')
}

/** Switches the UI (and Element Plus) language and remembers it. */
export function setLocale(locale) {
  if (!LOCALES.includes(locale)) return
  i18n.global.locale.value = locale
  try {
    window.localStorage.setItem(STORAGE_KEY, locale)
  } catch {
    // Private mode without storage: the choice lasts for this page only.
  }
  applyDocument(locale)
}

applyDocument(i18n.global.locale.value)
