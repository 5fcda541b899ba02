// Journey (c): a member signs in; the administration entries are not in the navigation, and
// opening the users page (or the audit log) by its URL shows the no-permission message.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import {
  account, requireServer, launchBrowser, openPage, screenshot, byTest, signIn,
} from './browser.mjs'

describe('member journey', { concurrency: false }, () => {
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
      await screenshot(page, `member-FAILED-${name.replace(/\W+/g, '_')}`).catch(() => {})
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

  step('c1 a member signs in without the admin navigation', async () => {
    await signIn(page, account('member'))
    await byTest(page, 'nav-c1').waitFor()
    await byTest(page, 'nav-tokens').waitFor()
    assert.equal(await byTest(page, 'nav-users').count(), 0)
    assert.equal(await byTest(page, 'nav-audit').count(), 0)
    assert.equal(await byTest(page, 'org-create-button').count(), 0)
    await screenshot(page, 'c1-member-members-directory')
  })

  step('c2 the users page opened by URL says there is no permission', async () => {
    await page.goto('/admin/users')
    const message = byTest(page, 'no-permission')
    await message.waitFor()
    assert.match(await message.innerText(), /没有权限/)
    assert.equal(await byTest(page, 'users-table').count(), 0)
    await screenshot(page, 'c2-users-no-permission')
  })

  step('c3 so does the audit log', async () => {
    await page.goto('/admin/audit')
    await byTest(page, 'no-permission').waitFor()
    assert.equal(await byTest(page, 'audit-table').count(), 0)
    await screenshot(page, 'c3-audit-no-permission')
  })

  step('no CSP violation or uncaught error', async () => {
    assert.deepEqual(problems, [])
  })
})
