// Journey (e): coordinated enforcement. tj_office registers a case against the Hebei respondent
// of a Beijing case, links the related Beijing case, uploads evidence, downloads its receipt and
// verifies it offline on /verify, then transfers the case to Hebei; he_office accepts, after
// which Tianjin can no longer upload. A member sees only the cases its organisation is party to.
// Needs a server with demo data (ipalliance serve --demo) and IPA_{TJ_OFFICE,HE_OFFICE,MEMBER}_*.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { journey, byTest, screenshot, signIn, account, openPage } from './browser.mjs'

const evidenceBytes = Buffer.from(`ipalliance enforcement journey ${Date.now()}\n假冒专利标识照片（测试）\n`)
const evidenceSha = createHash('sha256').update(evidenceBytes).digest('hex')

/** Picks the option with `label` of the Element Plus select marked data-test=`id`. */
async function choose(page, id, label) {
  await byTest(page, id).click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

journey('coordinated enforcement', 'enforcement', (step, ctx) => {
  const state = {}

  step('e1 tj_office opens the case register', async () => {
    const { page } = ctx
    await signIn(page, account('tj_office'))
    await byTest(page, 'nav-c7').click()
    await page.waitForURL('**/enforcement')
    await byTest(page, 'cases-table').locator('[data-test="case-row-number"]').first().waitFor()
    assert.match(await page.locator('h1').innerText(), /案件登记簿/)
    const { items } = await (await page.request.get('/api/v1/cases', { params: { office: 'BJ', limit: 200 } })).json()
    const bj = items.find((c) => c.patents.length > 0 && c.respondent && c.respondent.name)
    assert.ok(bj, 'the demo data has a Beijing case with a patent')
    state.bj = bj
    await screenshot(page, 'e1-case-register')
  })

  step('e2 registers a case against the Hebei respondent and links the related Beijing case', async () => {
    const { page } = ctx
    await byTest(page, 'case-register-button').click()
    const dialog = byTest(page, 'case-register-body')
    await dialog.locator('.el-radio', { hasText: '填写名称' }).click()
    await dialog.locator('[data-test="case-form-complainant-name"]').fill('天津某电器有限公司')
    await dialog.locator('[data-test="case-form-respondent-name"]').fill(state.bj.respondent.name)
    if (state.bj.respondent.credit_code) await dialog.locator('[data-test="case-form-respondent-credit"]').fill(state.bj.respondent.credit_code)
    await dialog.locator('[data-test="case-form-patents"]').fill(state.bj.patents[0].application_number)
    await dialog.locator('.el-cascader').first().click()
    await page.locator('.el-cascader-node:visible', { hasText: '天津市' }).first().locator('.el-radio').click()
    await page.keyboard.press('Escape')
    await dialog.locator('[data-test="case-form-place-address"]').fill('滨海新区某商场一层')
    await dialog.locator('[data-test="case-form-description"]').fill('商场门店销售涉嫌侵权产品（浏览器测试）')
    await screenshot(page, 'e2-register-dialog')
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/cases') && r.request().method() === 'POST'),
      byTest(page, 'case-form-submit').click(),
    ])
    assert.equal(res.status(), 201)
    const created = await res.json()
    state.caseId = created.id
    state.number = created.number
    const related = dialog.locator(`[data-test="related-case"][data-number="${state.bj.number}"]`)
    await related.waitFor()
    await related.locator('[data-test="related-link-button"]').click()
    await related.locator('[data-test="related-linked"]').waitFor()
    await screenshot(page, 'e2-related-linked')
    await byTest(page, 'case-open-created').click()
    await page.waitForURL(`**/enforcement/cases/${state.caseId}`)
    assert.equal(await byTest(page, 'case-number').innerText(), state.number)
  })

  step('e3 uploads an evidence file and sees it listed with its SHA-256', async () => {
    const { page } = ctx
    await byTest(page, 'evidence-upload-file').setInputFiles({ name: 'shop-photo.txt', mimeType: 'text/plain', buffer: evidenceBytes })
    await page.locator('[data-test="evidence-place"]').fill('天津市滨海新区某商场')
    await page.locator('[data-test="evidence-method"]').fill('拍照')
    await byTest(page, 'evidence-upload-submit').click()
    const sha = byTest(page, 'evidence-sha256').first()
    await sha.waitFor()
    assert.equal(await sha.getAttribute('data-sha256'), evidenceSha)
    assert.match(await byTest(page, 'evidence-table').innerText(), /shop-photo\.txt[\s\S]*拍照/)
    await screenshot(page, 'e3-evidence-listed')
  })

  step('e4 downloads the receipt and verifies it with the file on /verify', async () => {
    const { page } = ctx
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30000 }),
      byTest(page, 'evidence-download-receipt').first().click(),
    ])
    const path = await download.path()
    const receipt = readFileSync(path, 'utf8')
    assert.match(receipt, /leaf_index/)
    await page.goto('/verify')
    await byTest(page, 'receipt-file').setInputFiles({ name: 'receipt.json', mimeType: 'application/json', buffer: Buffer.from(receipt) })
    await page.waitForFunction(() => document.querySelector('[data-test="receipt-text"]')?.value.includes('leaf_index'))
    await byTest(page, 'evidence-file').setInputFiles({ name: 'shop-photo.txt', mimeType: 'text/plain', buffer: evidenceBytes })
    await byTest(page, 'verify-submit').click()
    await byTest(page, 'verify-ok').waitFor()
    const text = await byTest(page, 'verify-result').innerText()
    assert.match(text, /核验通过/)
    assert.ok(text.includes(state.number), 'the receipt names the case')
    await screenshot(page, 'e4-receipt-verified')
  })

  step('e5 requests a transfer to Hebei', async () => {
    const { page } = ctx
    await page.goto(`/enforcement/cases/${state.caseId}`)
    await byTest(page, 'case-number').waitFor()
    await page.locator('#tab-transfers').click()
    await choose(page, 'transfer-to', '河北省知识产权局')
    await page.locator('[data-test="transfer-reason-text"]').fill('被请求人住所地在石家庄')
    await byTest(page, 'transfer-request').click()
    await byTest(page, 'transfer-pending').waitFor()
    await screenshot(page, 'e5-transfer-requested')
  })

  step('e6 he_office accepts the transfer', async () => {
    const he = await openPage(ctx.browser)
    try {
      await signIn(he.page, account('he_office'))
      await he.page.goto(`/enforcement/cases/${state.caseId}`)
      await byTest(he.page, 'transfer-accept').click()
      await he.page.waitForFunction(() => document.querySelector('[data-test="case-owner"]')?.textContent.includes('河北'))
      assert.equal(await byTest(he.page, 'case-access-tag').innerText(), '承办')
      await screenshot(he.page, 'e6-he-accepted')
      assert.deepEqual(he.problems, [])
    } finally {
      await he.context.close()
    }
  })

  step('e7 tj_office can no longer upload evidence', async () => {
    const { page } = ctx
    await page.reload()
    await byTest(page, 'case-owner').waitFor()
    assert.match(await byTest(page, 'case-owner').innerText(), /河北/)
    await byTest(page, 'evidence-read-only').waitFor()
    assert.equal(await byTest(page, 'evidence-upload-form').count(), 0)
    assert.equal(await byTest(page, 'case-workflow').count(), 0)
    await screenshot(page, 'e7-tj-read-only')
  })

  step('e8 a member sees only the cases of its organisation', async () => {
    const member = await openPage(ctx.browser)
    try {
      await signIn(member.page, account('member'))
      await member.page.goto('/enforcement')
      await byTest(member.page, 'cases-table').waitFor()
      await byTest(member.page, 'cases-count').waitFor()
      const { items } = await (await member.page.request.get('/api/v1/cases', { params: { limit: 200 } })).json()
      assert.ok(!items.some((c) => c.id === state.caseId), 'the new case, where the member is no party, is not listed')
      assert.ok(items.every((c) => c.access === 'full'), 'every listed case is one the member is party to')
      const tags = await byTest(member.page, 'case-access').allInnerTexts()
      assert.equal(tags.length, items.length)
      assert.ok(tags.every((x) => x.trim() === '全部'))
      await member.page.goto(`/enforcement/cases/${state.caseId}`)
      await byTest(member.page, 'case-denied').waitFor()
      await screenshot(member.page, 'e8-member-denied')
      assert.deepEqual(member.problems, [])
    } finally {
      await member.context.close()
    }
    assert.deepEqual(ctx.problems, [])
  })
})
