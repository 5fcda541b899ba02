// Shared set-up of the browser journeys: Debian's Chromium through playwright-core, the server
// address and demo accounts from the environment, screenshots, and sign-in.
import { mkdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, it, before, after } from 'node:test'
import { chromium } from 'playwright-core'

export const BASE_URL = (process.env.IPA_BASE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '')
export const SCREENSHOT_DIR = join(dirname(fileURLToPath(import.meta.url)), 'screenshots')
export const TIMEOUT_MS = 15000

/** Login and password of a demo account: IPA_<ROLE>_LOGIN (default the role) and IPA_<ROLE>_PASSWORD. */
export function account(role) {
  const upper = role.toUpperCase()
  const login = process.env[`IPA_${upper}_LOGIN`] || role
  const password = process.env[`IPA_${upper}_PASSWORD`]
  if (!password) throw new Error(`set IPA_${upper}_PASSWORD (and IPA_${upper}_LOGIN) to a demo account of the server`)
  return { login, password }
}

/** Fails early, with a clear message, when no server answers at BASE_URL. */
export async function requireServer() {
  try {
    const res = await fetch(`${BASE_URL}/healthz`, { signal: AbortSignal.timeout(5000) })
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
  } catch (err) {
    throw new Error(`no ipalliance server at ${BASE_URL} (${err.message}); start one, e.g. ipalliance serve --demo, and set IPA_BASE_URL`)
  }
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.IPA_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
}

/**
 * A fresh context (no cookies, no stored language) and page. `problems` collects uncaught page
 * errors and Content-Security-Policy violations, which a journey asserts to be empty.
 */
export async function openPage(browser) {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
  })
  context.setDefaultTimeout(TIMEOUT_MS)
  const page = await context.newPage()
  const problems = []
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`)
  })
  return { context, page, problems }
}

/** Saves a full-page screenshot as screenshots/<name>.png once CSS transitions have settled. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.evaluate(() => Promise.race([
    Promise.all(document.getAnimations().map((a) => a.finished.catch(() => {}))),
    new Promise((resolve) => setTimeout(resolve, 2000)),
  ]))
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

export const byTest = (page, id) => page.locator(`[data-test="${id}"]`)

/** Signs in through the login page and waits for the members directory. */
export async function signIn(page, { login, password }) {
  await page.goto('/login')
  await byTest(page, 'login-input').fill(login)
  await byTest(page, 'password-input').fill(password)
  await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST'),
    byTest(page, 'login-submit').click(),
  ])
  await page.waitForURL('**/members')
  await byTest(page, 'members-table').waitFor()
}

/**
 * A journey: ordered steps sharing one browser page. After a failed step the rest are skipped
 * and a screenshot named `<prefix>-FAILED-<step>` shows where. `steps(step, ctx)` declares the
 * steps; `ctx.page` and `ctx.problems` are set before the first one runs.
 */
export function journey(name, prefix, steps) {
  describe(name, { concurrency: false }, () => {
    const ctx = { browser: null, page: null, problems: [] }
    let failed = false
    const step = (title, fn) => it(title, async (t) => {
      if (failed) return t.skip('an earlier step failed')
      try {
        await fn()
      } catch (err) {
        failed = true
        await screenshot(ctx.page, `${prefix}-FAILED-${title.replace(/\W+/g, '_')}`).catch(() => {})
        throw err
      }
    })
    before(async () => {
      await requireServer()
      ctx.browser = await launchBrowser()
      Object.assign(ctx, await openPage(ctx.browser))
    })
    after(async () => {
      if (ctx.browser) await ctx.browser.close()
    })
    steps(step, ctx)
  })
}
