// Journey (s): patent search (C3). A member searches free text and sees ranked hits with the
// query words highlighted and facet counts; narrows by clicking a facet; builds a fielded query
// with the query builder (no syntax typed); sees a syntax error explained with its position;
// saves the search and runs it again from the saved list; exports every hit as CSV (BOM, one
// line per hit plus the header) and sees the count agree with the total.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { account, journey, byTest, screenshot, signIn } from './browser.mjs'

const totalOf = async (page) => Number((await byTest(page, 'search-total').innerText()).replace(/[^\d]/g, ' ').trim().split(/\s+/)[0])

journey('search journey', 'search', (step, ctx) => {
  step('s1 a member searches 电池 from the navigation and sees highlighted, ranked hits with facets', async () => {
    const { page } = ctx
    await signIn(page, account('member'))
    await byTest(page, 'nav-c3').click()
    await page.waitForURL('**/search')
    await byTest(page, 'search-input').fill('电池')
    await byTest(page, 'search-submit').click()
    await page.waitForURL(/q=%E7%94%B5%E6%B1%A0/)
    await byTest(page, 'search-hit').first().waitFor()
    assert.ok(await totalOf(page) > 0)
    assert.ok(await page.locator('[data-test="search-hit"] mark').count() > 0, 'hits highlight the query')
    assert.match(await page.locator('[data-test="search-hit"] mark').first().innerText(), /电池/)
    for (const facet of ['region', 'type', 'status', 'year']) await byTest(page, `facet-${facet}`).waitFor()
    await screenshot(page, 's1-search-results')
  })

  step('s2 clicking the Tianjin facet narrows the query and the total', async () => {
    const { page } = ctx
    const before = await totalOf(page)
    const tianjin = byTest(page, 'facet-region-bucket').filter({ hasText: '天津' }).first()
    await tianjin.click()
    await page.waitForURL(/region/)
    await page.waitForFunction((n) => {
      const text = document.querySelector('[data-test="search-total"]')?.innerText || ''
      const total = Number(text.replace(/[^\d]/g, ' ').trim().split(/\s+/)[0])
      return total > 0 && total < n
    }, before)
    assert.match(await byTest(page, 'search-canonical').innerText(), /region=120/)
    const regions = await page.locator('[data-test="search-hit"] .hit-meta').allInnerTexts()
    assert.ok(regions.every((r) => r.includes('天津')), regions.slice(0, 3).join(' | '))
  })

  step('s3 the query builder writes a fielded query: TAC words and an IPC subclass', async () => {
    const { page } = ctx
    await byTest(page, 'builder-toggle').click()
    await byTest(page, 'builder-value').first().fill('电池 储能')
    await byTest(page, 'builder-add').click()
    const second = byTest(page, 'builder-row').nth(1)
    await second.locator('[data-test="builder-field"]').click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: 'IPC 分类号' }).click()
    await second.locator('[data-test="builder-value"]').fill('h01m')
    assert.equal(await byTest(page, 'builder-preview').innerText(), 'TAC=(电池 AND 储能) AND IPC=H01M')
    await byTest(page, 'builder-apply').click()
    await page.waitForURL(/IPC/)
    await byTest(page, 'search-hit').first().waitFor()
    assert.ok(await totalOf(page) > 0)
    assert.match(await byTest(page, 'search-input').inputValue(), /^TAC=\(电池 AND 储能\) AND IPC=H01M$/)
    await screenshot(page, 's3-search-builder')
  })

  step('s4 a syntax error is explained with its position', async () => {
    const { page } = ctx
    await byTest(page, 'search-input').fill('TAC=(锂电池 AND')
    await byTest(page, 'search-submit').click()
    await byTest(page, 'search-error').waitFor()
    assert.match(await byTest(page, 'search-error').innerText(), /position/)
  })

  step('s5 save the search, run it again from the saved list', async () => {
    const { page } = ctx
    await byTest(page, 'search-input').fill('电池 AND type=invention')
    await byTest(page, 'search-submit').click()
    await page.waitForURL(/type(=|%3D)invention/)
    await byTest(page, 'search-hit').first().waitFor()
    const name = `发明电池 ${Date.now()}`
    await byTest(page, 'search-save').click()
    const box = page.locator('.el-message-box')
    await box.locator('input').fill(name)
    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/saved-searches') && r.request().method() === 'POST' && r.status() === 201),
      box.getByRole('button', { name: '保存' }).click(),
    ])
    await byTest(page, 'search-input').fill('电机')
    await byTest(page, 'search-submit').click()
    await page.waitForURL(/q=%E7%94%B5%E6%9C%BA/)
    await page.getByText(/我保存的检索/).click()
    await page.locator('[data-test="saved-item"]', { hasText: name }).click()
    await page.waitForURL(/type(=|%3D)invention/)
    assert.equal(await byTest(page, 'search-input').inputValue(), '电池 AND type=invention')
  })

  step('s6 export every hit as CSV: BOM, header and one line per hit', async () => {
    const { page, problems } = ctx
    await byTest(page, 'search-hit').first().waitFor()
    const total = await totalOf(page)
    const [download] = await Promise.all([page.waitForEvent('download'), byTest(page, 'search-export-csv').click()])
    assert.equal(download.suggestedFilename(), 'search.csv')
    const csv = readFileSync(await download.path())
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    const lines = csv.toString('utf8').trim().split('\r\n')
    assert.match(lines[0], /application_number,publication_number,title/)
    assert.equal(lines.length - 1, total)
    assert.ok(lines.slice(1).every((l) => l.includes('"invention"')))
    assert.deepEqual(problems, [])
  })
})
