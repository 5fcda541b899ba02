// Journeys (a) and (b): an administrator signs in (the UI is Chinese by default), creates an
// organisation, first with a wrong credit-code check character (the server's error shows beside
// the field) then with a valid code, finds it by search, and switches the UI to English.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import {
  account, requireServer, launchBrowser, openPage, screenshot, byTest, signIn,
} from './browser.mjs'
import { randomCreditCodes } from './credit_code.mjs'

const ORG_NAME = `京津冀浏览器测试科技有限公司${Date.now().toString(36).toUpperCase()}`
const CODES = randomCreditCodes()
const isCreate = (r) => r.url().endsWith('/api/v1/organizations') && r.request().method() === 'POST'

describe('admin journey', { concurrency: false }, () => {
  let browser
  let page
  let problems
  let failed = false

  const step = (name, fn) => it(name, async (t) => {
    if (failed) return t.skip('an earlier step failed')
    try {
      await fn()
    } catch (err) {
      failed = true
      await screenshot(page, `admin-FAILED-${name.replace(/\W+/g, '_')}`).catch(() => {})
      throw err
    }
  })

  before(async () => {
    await requireServer()
    browser = await launchBrowser();
    ({ page, problems } = await openPage(browser))
  })

  after(async () => {
    if (browser) await browser.close()
  })

  step('a1 the login page is in Chinese by default', async () => {
    await page.goto('/')
    await page.waitForURL('**/login**')
    await byTest(page, 'login-submit').waitFor()
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN')
    assert.match(await byTest(page, 'product-name').innerText(), /京津冀知识产权联盟平台/)
    assert.match(await byTest(page, 'login-submit').innerText(), /登\s*录/)
    await screenshot(page, 'a1-login-zh')
  })

  step('a2 admin signs in and sees the members directory', async () => {
    await signIn(page, account('admin'))
    assert.match(await page.locator('h1').first().innerText(), /成员名录/)
    await byTest(page, 'nav-users').waitFor()
    await byTest(page, 'nav-audit').waitFor()
    assert.match(await byTest(page, 'nav-c1').innerText(), /成员与资源池/)
    await screenshot(page, 'a2-members-directory')
  })

  step('a3 a wrong check character is refused beside the credit-code field', async () => {
    await byTest(page, 'org-create-button').click()
    const form = byTest(page, 'org-form')
    await form.waitFor()
    await byTest(page, 'org-input-name_zh').fill(ORG_NAME)
    await byTest(page, 'org-input-name_en').fill('Jing-Jin-Ji Browser Test Technology Co., Ltd.')
    await byTest(page, 'org-input-address').fill('北京市海淀区中关村大街 1 号')
    await pickProvince(page, /北京/)
    await byTest(page, 'org-input-credit_code').fill(CODES.invalid)
    await screenshot(page, 'a3-create-form-filled')
    const [response] = await Promise.all([page.waitForResponse(isCreate), byTest(page, 'org-form-submit').click()])
    assert.equal(response.status(), 400, `create with ${CODES.invalid} should be refused`)
    const problem = await response.json()
    assert.equal(problem.field, 'credit_code')
    const error = byTest(page, 'org-field-credit_code').locator('.el-form-item__error')
    await error.waitFor()
    assert.equal((await error.innerText()).trim(), problem.detail.trim())
    await screenshot(page, 'a3-credit-code-error')
  })

  step('a4 a valid credit code creates the organisation', async () => {
    await byTest(page, 'org-input-credit_code').fill(CODES.valid)
    const [response] = await Promise.all([page.waitForResponse(isCreate), byTest(page, 'org-form-submit').click()])
    assert.ok(response.ok(), `create answered ${response.status()}: ${await response.text()}`)
    await byTest(page, 'org-form').waitFor({ state: 'hidden' })
    await screenshot(page, 'a4-created')
  })

  step('a5 searching finds the new organisation', async () => {
    await byTest(page, 'members-search').fill(ORG_NAME)
    await byTest(page, 'members-search-button').click()
    const row = byTest(page, 'members-table').locator('.el-table__row', { hasText: ORG_NAME })
    await row.first().waitFor()
    assert.equal(await row.count(), 1)
    await screenshot(page, 'a5-search-result')
    await row.first().click()
    await byTest(page, 'detail-credit_code').waitFor()
    assert.equal(await byTest(page, 'detail-credit_code').innerText(), CODES.valid)
    await screenshot(page, 'a6-detail')
    await page.keyboard.press('Escape')
    await byTest(page, 'detail-credit_code').waitFor({ state: 'hidden' })
  })

  step('b1 switching to English shows English labels', async () => {
    await byTest(page, 'lang-en').click()
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    assert.match(await byTest(page, 'product-name').innerText(), /Jing-Jin-Ji IP Alliance Platform/)
    assert.match(await page.locator('h1').first().innerText(), /Members directory/)
    assert.match(await byTest(page, 'nav-c1').innerText(), /Members & resource pool/)
    assert.match(await byTest(page, 'logout').innerText(), /Sign out/)
    assert.match(await byTest(page, 'org-create-button').innerText(), /New organisation/)
    await screenshot(page, 'b1-english')
  })

  step('b2 English is remembered after a reload, and planned capabilities say so', async () => {
    await page.reload()
    await byTest(page, 'members-table').waitFor()
    assert.match(await page.locator('h1').first().innerText(), /Members directory/)
    await byTest(page, 'nav-c5').click()
    await byTest(page, 'planned-page').waitFor()
    assert.match(await byTest(page, 'planned-message').innerText(), /not available yet/)
    await screenshot(page, 'b2-english-planned-capability')
  })

  step('no CSP violation or uncaught error', async () => {
    assert.deepEqual(problems, [])
  })
})

/** Opens the region cascader and selects a province (any level can be selected). */
async function pickProvince(page, name) {
  await byTest(page, 'org-field-region_code').locator('.el-cascader').click()
  const node = page.locator('.el-cascader-node:visible', { hasText: name }).first()
  await node.waitFor()
  await node.locator('.el-radio').click()
  if (await page.locator('.el-cascader__dropdown:visible').count()) {
    await page.locator('.org-form-dialog .el-dialog__title').click()
  }
  await page.locator('.el-cascader__dropdown').waitFor({ state: 'hidden' })
  const shown = await byTest(page, 'org-field-region_code').locator('input').inputValue()
  assert.match(shown, name)
}
