// Journey (d): the patent corpus (C2). An administrator opens the patent list, filters it and
// exports it as CSV, opens a valid granted invention (status, legal-event timeline, annuities),
// asks for the status on the day before the grant (pending), and imports a small CN CSV with one
// valid row and one wrong application-number check character (imported 1, rejected 1, the
// reason naming the expected character '3'; on a server that already has the patent from an
// earlier run: updated 1), imports a JSON Lines patent with transfer, licence and pledge events
// and checks their details on the timeline and its applicant link to the member organisation.
// A member sees no import entry and is refused the import page by URL.
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import {
  account, requireServer, launchBrowser, openPage, screenshot, byTest, signIn,
} from './browser.mjs'

const VALID_NUMBER = '201710601862.3'
const CSV_NAME = 'patent-journey.csv'
const CSV = [
  '申请号,公开号,专利类型,专利名称,申请人,发明人,申请日,公开日,授权公告日,主分类号,分类号,申请人地址',
  'CN201710601862.3,CN107357000A,发明公开,一种京津冀浏览器测试用数据采集装置,天津浏览器测试科技有限公司,张三;李四,2017-07-21,2017-11-17,,G06F 16/30,G06F 16/30;H04L 29/08,天津市滨海新区第三大街 1 号',
  'CN201710601862.4,CN107357001A,发明公开,一种校验位错误的测试装置,天津浏览器测试科技有限公司,王五,2017-07-21,2017-11-17,,G06F 16/30,G06F 16/30,天津市滨海新区第三大街 1 号',
].join('\r\n') + '\r\n'

// A patent with transfer, licence and pledge events, imported as JSON Lines (d7). 201810901234
// has the check character 1 (weights 2..9,2..5, mod 11).
const EVENTS_NUMBER = '201810901234.1'
function eventsJsonl(org) {
  const paid = [4, 5, 6, 7, 8, 9].map((year) => ({ kind: 'annuity_paid', date: `${2017 + year}-02-10`, patent_year: year }))
  return JSON.stringify({
    application_number: EVENTS_NUMBER,
    publication_number: 'CN108900001A',
    grant_number: 'CN108900001B',
    type: 'invention',
    title_zh: '一种浏览器测试用储能电池管理方法',
    title_en: 'Battery management method for browser tests',
    ipc: ['H01M 10/44', 'G06F 16/30'],
    applicants: [{ name: org.name_zh, org_id: org.id }],
    region_code: '120116',
    region_rule: 'province_code',
    filing_date: '2018-03-15',
    grant_date: '2020-06-02',
    events: [
      { kind: 'grant', date: '2020-06-02' },
      { kind: 'annuity_paid', date: '2020-06-02', patent_year: 3 },
      { kind: 'transfer', date: '2021-04-01', from: '天津转让方科技有限公司', to: '天津受让方新能源有限公司' },
      { kind: 'licence', date: '2022-01-10', from: '天津受让方新能源有限公司', licence_type: 'exclusive', licensee: '河北被许可人电池有限公司', term_start: '2022-01-15', term_end: '2026-01-14', territory: '天津市' },
      { kind: 'pledge_registered', date: '2023-05-01', from: '天津受让方新能源有限公司', to: '天津示例银行股份有限公司' },
      ...paid,
    ],
    source: 'jsonl',
  }) + '\n'
}

const isPatentGet = (r) => /\/api\/v1\/patents\/[^/?]+(\?|$)/.test(r.url()) && !r.url().includes('/export') && r.request().method() === 'GET'

/** The day before an ISO date, as YYYY-MM-DD. */
function dayBefore(iso) {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - 1)
  return d.toISOString().slice(0, 10)
}

describe('patent journey', { concurrency: false }, () => {
  let browser
  let page
  let problems
  let failed = false
  let grantDate = ''

  const step = (name, fn) => it(name, async (t) => {
    if (failed) return t.skip('an earlier step failed')
    try {
      await fn()
    } catch (err) {
      failed = true
      await screenshot(page, `patent-FAILED-${name.replace(/\W+/g, '_')}`).catch(() => {})
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

  step('d1 admin opens the patent list from the navigation', async () => {
    await signIn(page, account('admin'))
    assert.match(await byTest(page, 'nav-c2').innerText(), /专利数据/)
    await byTest(page, 'nav-patentImport').waitFor()
    await byTest(page, 'nav-c2').click()
    await page.waitForURL('**/patents')
    const rows = byTest(page, 'patents-table').locator('.el-table__row')
    await rows.first().waitFor()
    assert.ok(await rows.count() > 0, 'the demo corpus should list patents')
    assert.match(await page.locator('h1').first().innerText(), /专利数据/)
    assert.ok(await byTest(page, 'patent-row-status').count() > 0, 'each row shows its status')
    await byTest(page, 'patents-load-more').waitFor()
    await screenshot(page, 'd1-patent-list')
  })

  step('d2 filters: Beijing inventions; load more; CSV export of the selection', async () => {
    await chooseOption(page, 'patents-filter-type', /^发明$/)
    await chooseOption(page, 'patents-filter-region', /^北京$/)
    await page.waitForURL(/type=invention/)
    await page.waitForURL(/region=11/)
    const rows = byTest(page, 'patents-table').locator('.el-table__row')
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll('[data-test="patents-table"] .el-table__row td:nth-child(3)')]
      return cells.length > 0 && cells.every((c) => c.innerText.trim() === '发明')
    })
    const regions = await rows.locator('td:nth-child(6)').allInnerTexts()
    assert.ok(regions.length > 0 && regions.every((r) => r.startsWith('北京')), `regions: ${regions.slice(0, 5)}`)
    await screenshot(page, 'd2-patent-list-filtered')
    const before = await rows.count()
    await byTest(page, 'patents-load-more').click()
    await page.waitForFunction((n) => document.querySelectorAll('[data-test="patents-table"] .el-table__row').length > n, before)
    await screenshot(page, 'd2-patent-list-load-more')

    const [download] = await Promise.all([page.waitForEvent('download'), byTest(page, 'patents-export-csv').click()])
    assert.equal(download.suggestedFilename(), 'patents.csv')
    const csv = readFileSync(await download.path())
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'the CSV starts with a UTF-8 BOM')
    const lines = csv.toString('utf8').slice(1).trim().split(/\r\n/)
    assert.match(lines[0], /^application_number,publication_number,type,title/)
    assert.ok(lines.length > 1)
    assert.ok(lines.slice(1).every((l) => l.includes('"invention"') && /,"11\d{4}",/.test(l)), 'only Beijing inventions are exported')
  })

  step('d3 a valid granted invention: status, timeline, annuities', async () => {
    const row = byTest(page, 'patents-table').locator('.el-table__row', { has: page.locator('[data-status="valid"]') }).first()
    await row.waitFor()
    const number = (await row.locator('[data-test="patent-row-number"]').innerText()).trim()
    await Promise.all([page.waitForResponse(isPatentGet), row.click()])
    await page.waitForURL(`**/patents/${number}`)
    await byTest(page, 'patent-title').waitFor()
    assert.equal((await byTest(page, 'patent-number').innerText()).trim(), number)
    const today = byTest(page, 'patent-status-today')
    assert.equal(await today.getAttribute('data-status'), 'valid')
    assert.equal((await today.innerText()).trim(), '有效')
    const timeline = byTest(page, 'patent-timeline')
    await timeline.waitFor()
    const grant = timeline.locator('[data-test="patent-event"][data-kind="grant"]')
    assert.equal(await grant.count(), 1, 'the timeline shows the grant')
    assert.match(await grant.innerText(), /授权公告/)
    grantDate = (await byTest(page, 'patent-grant-date').innerText()).trim()
    assert.match(grantDate, /^\d{4}-\d{2}-\d{2}$/)
    assert.match(await grant.innerText(), new RegExp(grantDate))
    await byTest(page, 'patent-next-annuity').waitFor()
    assert.equal(await byTest(page, 'patent-annuity-next-tag').count(), 1, 'the next annuity is highlighted in the schedule')
    assert.match(await byTest(page, 'patent-annuity-bands').first().innerText(), /\+5%：\d{4}-\d{2}-\d{2} 至 \d{4}-\d{2}-\d{2}/)
    assert.ok(await byTest(page, 'patent-ipc-code').count() > 0)
    await screenshot(page, 'd3-patent-valid')
    await screenshotAt(page, byTest(page, 'patent-history'), 'd3-patent-history')
    await screenshotAt(page, byTest(page, 'patent-annuities'), 'd3-patent-annuities')
    await page.locator('.el-main').evaluate((el) => el.scrollTo(0, 0))
  })

  step('d4 the status on the day before the grant is pending', async () => {
    const date = dayBefore(grantDate)
    const input = byTest(page, 'patent-on-date-box').locator('input')
    await input.click()
    await input.fill(date)
    const [response] = await Promise.all([
      page.waitForResponse((r) => isPatentGet(r) && r.url().includes(`on=${date}`)),
      input.press('Enter'),
    ])
    assert.equal(response.status(), 200)
    await page.waitForURL(`**on=${date}`)
    const on = byTest(page, 'patent-status-on')
    await on.waitFor()
    assert.equal(await on.getAttribute('data-status'), 'pending')
    assert.equal((await on.innerText()).trim(), '审中')
    assert.match(await byTest(page, 'patent-status-on-box').innerText(), new RegExp(`${date} 的状态`))
    assert.equal(await byTest(page, 'patent-status-today').getAttribute('data-status'), 'valid', 'today is unchanged')
    await page.keyboard.press('Escape')
    await screenshot(page, 'd4-patent-status-before-grant')
  })

  step('d5 a CN CSV import: one imported, one rejected for its check character', async () => {
    const existing = await page.request.get(`/api/v1/patents/${VALID_NUMBER}`)
    const fresh = existing.status() === 404
    await byTest(page, 'nav-patentImport').click()
    await page.waitForURL('**/patents/import')
    await byTest(page, 'import-page').waitFor()
    await byTest(page, 'import-format-cn-csv').click()
    await byTest(page, 'import-file').locator('input[type=file]').setInputFiles({
      name: CSV_NAME, mimeType: 'text/csv', buffer: Buffer.from(CSV, 'utf8'),
    })
    await screenshot(page, 'd5-import-file-chosen')
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/imports?') && r.request().method() === 'POST'),
      byTest(page, 'import-submit').click(),
    ])
    assert.equal(response.status(), 202, await response.text())
    const job = page.locator('[data-test="import-job"][data-state="done"]')
    await job.waitFor()
    const summary = (await byTest(page, 'import-summary').innerText()).trim()
    const expected = fresh ? '已导入 1 条，更新 0 条，拒绝 1 条' : '已导入 0 条，更新 1 条，拒绝 1 条'
    assert.equal(summary, expected)
    assert.match(await byTest(page, 'import-records').innerText(), /已读取 2 条记录/)
    const rejections = byTest(page, 'import-rejections').locator('.el-table__row')
    assert.equal(await rejections.count(), 1)
    const cells = (await rejections.first().locator('td').allInnerTexts()).map((s) => s.trim())
    assert.equal(cells[0], CSV_NAME)
    assert.equal(cells[1], '3', 'the wrong row is line 3 of the file')
    assert.equal(cells[2], '2')
    assert.equal(cells[3], 'application_number')
    assert.match(cells[4], /expected '3'/)
    assert.equal(await byTest(page, 'import-progress').getAttribute('aria-valuenow'), '100')
    await screenshot(page, 'd5-import-summary')
    await screenshotAt(page, byTest(page, 'import-rejections'), 'd5-import-rejections')

    await byTest(page, 'lang-en').click()
    await page.waitForFunction(() => document.documentElement.lang === 'en')
    const english = (await byTest(page, 'import-summary').innerText()).trim()
    assert.equal(english, fresh ? 'imported 1, updated 0, rejected 1' : 'imported 0, updated 1, rejected 1')
    assert.match(await byTest(page, 'import-state').innerText(), /done/)
    await screenshot(page, 'd5-import-summary-english')
    await byTest(page, 'lang-zh').click()
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN')
  })

  step('d6 the imported patent opens; the rejected number does not exist', async () => {
    await page.goto(`/patents/${VALID_NUMBER}`)
    await byTest(page, 'patent-title').waitFor()
    assert.match(await byTest(page, 'patent-title').innerText(), /京津冀浏览器测试用数据采集装置/)
    assert.equal(await byTest(page, 'patent-status-today').getAttribute('data-status'), 'pending')
    assert.match(await byTest(page, 'patent-region').innerText(), /天津/)
    await screenshot(page, 'd6-imported-patent')
    await page.goto('/patents/201710601862.4')
    await byTest(page, 'patent-not-found').waitFor()
  })

  step('d7 a JSON Lines import: transfer, licence and pledge details on the timeline', async () => {
    const orgs = await (await page.request.get('/api/v1/organizations?type=company&limit=1')).json()
    const org = orgs.items[0]
    await page.goto('/patents/import')
    await byTest(page, 'import-page').waitFor()
    await byTest(page, 'import-format-jsonl').click()
    await byTest(page, 'import-file').locator('input[type=file]').setInputFiles({
      name: 'patent-journey.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(eventsJsonl(org), 'utf8'),
    })
    await byTest(page, 'import-submit').click()
    await page.locator('[data-test="import-job"][data-state="done"]').waitFor()
    assert.match(await byTest(page, 'import-summary').innerText(), /拒绝 0 条/)

    await page.goto(`/patents/${EVENTS_NUMBER}`)
    const timeline = byTest(page, 'patent-timeline')
    await timeline.waitFor()
    const transfer = timeline.locator('[data-test="patent-event"][data-kind="transfer"]')
    assert.match(await transfer.innerText(), /专利权转移[\s\S]*天津转让方科技有限公司 → 天津受让方新能源有限公司/)
    const licence = await timeline.locator('[data-test="patent-event"][data-kind="licence"]').innerText()
    for (const text of ['实施许可合同备案', '独占许可', '河北被许可人电池有限公司', '2022-01-15 ~ 2026-01-14', '天津市']) {
      assert.ok(licence.includes(text), `licence event shows ${text}: ${licence}`)
    }
    const pledge = await timeline.locator('[data-test="patent-event"][data-kind="pledge_registered"]').innerText()
    assert.match(pledge, /出质人[\s\S]*天津受让方新能源有限公司[\s\S]*质权人[\s\S]*天津示例银行股份有限公司/)
    const paid = timeline.locator('[data-test="patent-event"][data-kind="annuity_paid"]')
    assert.match(await paid.first().innerText(), /第 3 年度/)
    await screenshot(page, 'd7-patent-events')
    await screenshotAt(page, byTest(page, 'patent-timeline'), 'd7-patent-timeline')

    const link = byTest(page, 'patent-applicant-link')
    assert.equal((await link.innerText()).trim(), org.name_zh)
    await link.click()
    await page.waitForURL(`**/members/${org.id}`)
    await byTest(page, 'detail-name_zh').waitFor()
    assert.equal((await byTest(page, 'detail-name_zh').innerText()).trim(), org.name_zh)
    await screenshot(page, 'd7-applicant-member')
  })

  step('d8 a member has no import entry and is refused the import page', async () => {
    const member = await openPage(browser)
    try {
      await signIn(member.page, account('member'))
      await byTest(member.page, 'nav-c2').click()
      await byTest(member.page, 'patents-table').locator('.el-table__row').first().waitFor()
      assert.equal(await byTest(member.page, 'nav-patentImport').count(), 0)
      assert.equal(await byTest(member.page, 'patents-import-button').count(), 0)
      await byTest(member.page, 'patents-export-csv').waitFor()
      await member.page.goto('/patents/import')
      await byTest(member.page, 'no-permission').waitFor()
      assert.equal(await byTest(member.page, 'import-page').count(), 0)
      await screenshot(member.page, 'd8-member-import-no-permission')
      assert.deepEqual(member.problems, [])
    } finally {
      await member.context.close()
    }
  })

  step('no CSP violation or uncaught error', async () => {
    assert.deepEqual(problems, [])
  })
})

/** Scrolls the element into view inside the scrolling main area, then takes the screenshot. */
async function screenshotAt(page, locator, name) {
  await locator.scrollIntoViewIfNeeded()
  await screenshot(page, name)
}

/** Opens an Element Plus select by its data-test and clicks the option whose text matches. */
async function chooseOption(page, id, text) {
  await byTest(page, id).click()
  const option = page.locator('.el-select-dropdown__item:visible', { hasText: text }).first()
  await option.waitFor()
  await option.click()
  await page.locator('.el-select-dropdown:visible').waitFor({ state: 'hidden' }).catch(() => {})
}
