// Journey (d): the statistics dashboard. A signed-in office user opens /analytics from the search
// page, sees the charts drawn from non-empty data with their definitions, changes the as-of date
// and sees the valid counts change, switches the numerator, exports a chart as CSV (UTF-8 BOM and
// header) and as PNG (PNG signature), and reads the page in English.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { journey, byTest, screenshot, signIn, account } from './browser.mjs'

// The demo server's office account when the environment names none (scripts/test.sh names admin
// and member only).

const overviewResponse = (page, test = () => true) => page.waitForResponse(
  (r) => r.url().includes('/api/v1/statistics/overview') && r.status() === 200 && test(new URL(r.url())))

async function validCounts(page) {
  const out = {}
  for (const code of ['110000', '120000', '130000', '100000']) {
    out[code] = Number((await byTest(page, `valid-${code}`).locator('td').nth(1).innerText()).trim())
  }
  return out
}

// Pixels of a chart's canvas that are not background: a drawn chart has many.
async function inkedPixels(page, id) {
  return page.locator(`[data-test="chart-${id}"] canvas`).first().evaluate((canvas) => {
    const ctx = canvas.getContext('2d')
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height)
    let n = 0
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++
    return n
  })
}

async function download(page, testId) {
  const [file] = await Promise.all([page.waitForEvent('download'), byTest(page, testId).click()])
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) }
}

journey('statistics dashboard', 'dashboard', (step, ctx) => {
  step('d1 an office user opens the dashboard from the search page', async () => {
    const { page } = ctx
    await signIn(page, account('office'))
    await page.goto('/search')
    const loaded = overviewResponse(page)
    await byTest(page, 'search-to-dashboard').click()
    await page.waitForURL('**/analytics')
    await loaded
    await byTest(page, 'valid-110000').waitFor()
    await page.waitForTimeout(800) // chart animations
    for (const id of ['applications', 'grants', 'grant-ratio', 'valid', 'per-gdp', 'per-population', 'growth',
      'applicants', 'ipc-sections', 'wipo-fields', 'flows', 'flow-map', 'nbs-revision']) {
      assert.equal(await page.locator(`[data-test="chart-${id}"] canvas`).count() > 0, true, `canvas of ${id}`)
    }
    assert.ok(await inkedPixels(page, 'applications') > 2000, 'applications chart is drawn')
    assert.ok(await inkedPixels(page, 'flows') > 2000, 'flow chart is drawn')
    assert.ok(await inkedPixels(page, 'flow-map') > 2000, 'region chart is drawn')
    const counts = await validCounts(page)
    assert.ok(counts['100000'] > 0 && counts['110000'] > 0, JSON.stringify(counts))
    const defs = byTest(page, 'definition')
    assert.ok(await defs.count() >= 12)
    assert.match(await byTest(page, 'chart-applications').innerText(), /申请量：当年提交的专利申请件数/)
    assert.match(await byTest(page, 'chart-nbs-revision').innerText(), /10\.9%/)
    assert.match(await byTest(page, 'chart-per-gdp').innerText(), /NBS_GDP_/)
    await screenshot(page, 'd1-dashboard-zh')
  })

  step('d2 an earlier as-of date gives other valid counts', async () => {
    const { page } = ctx
    const before = await validCounts(page)
    const input = page.locator('.dash-controls input').first()
    const loaded = overviewResponse(page, (u) => u.searchParams.get('as_of') === '2012-12-31')
    await input.click()
    await input.fill('2012-12-31')
    await input.press('Enter')
    await loaded
    await page.waitForFunction((n) => document.querySelector('[data-test="valid-100000"] td:nth-child(2)')?.innerText.trim() !== String(n),
      before['100000'])
    const after = await validCounts(page)
    assert.notDeepEqual(after, before)
    assert.ok(after['100000'] < before['100000'], `${after['100000']} < ${before['100000']}`)
    assert.match(await byTest(page, 'chart-valid').innerText(), /2012-12-31/)
  })

  step('d3 switching the numerator names it in the per-GDP chart', async () => {
    const { page } = ctx
    const loaded = overviewResponse(page, (u) => u.searchParams.get('numerator') === 'valid_inventions')
    await byTest(page, 'numerator').click()
    await page.locator('.el-select-dropdown__item', { hasText: '有效发明专利' }).click()
    const body = await (await loaded).json()
    assert.equal(body.numerator.id, 'valid_inventions')
    await page.waitForTimeout(500)
    assert.match(await byTest(page, 'chart-per-gdp').locator('.chart-title').innerText(), /每亿元GDP有效发明专利/)
    assert.match(await byTest(page, 'chart-per-population').locator('.chart-title').innerText(), /每万人有效发明专利/)
  })

  step('d4 a chart exports as CSV with a BOM and as PNG', async () => {
    const { page } = ctx
    const csv = await download(page, 'csv-applications')
    assert.equal(csv.name, 'applications.csv')
    assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    const lines = csv.bytes.subarray(3).toString('utf8').trim().split('\r\n')
    assert.equal(lines[0], 'year,北京市,天津市,河北省,全国')
    assert.ok(lines.length > 2, 'rows follow the header')
    const png = await download(page, 'png-valid')
    assert.equal(png.name, 'valid.png')
    assert.deepEqual([...png.bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    assert.ok(png.bytes.length > 5000)
  })

  step('d5 in English the definitions are English', async () => {
    const { page, problems } = ctx
    await byTest(page, 'lang-en').click()
    await page.locator('h2', { hasText: 'Jing-Jin-Ji patent statistics' }).waitFor()
    assert.match(await byTest(page, 'chart-applications').innerText(), /Applications: patent applications filed in the year/)
    assert.match(await byTest(page, 'chart-flows').innerText(), /assignor to assignee/)
    await page.waitForTimeout(800)
    await screenshot(page, 'd5-dashboard-en')
    assert.deepEqual(problems, [])
  })
})
