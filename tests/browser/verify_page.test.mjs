// Journey (v): the offline verify page. Without signing in, a rights holder opens /verify,
// loads a receipt and its evidence file and sees "verified" with the record; the same receipt
// with a tampered file is refused naming the file; no request reaches the server while it
// verifies. The receipt is the golden one the C++ verifier checks (tests/evidence/fixtures).
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { journey, byTest, screenshot } from './browser.mjs'

const here = dirname(fileURLToPath(import.meta.url))
const cases = JSON.parse(readFileSync(join(here, '../evidence/fixtures/receipt-cases.json'), 'utf8'))
const good = cases.find((c) => c.what === 'good')
const tampered = cases.find((c) => c.what === 'file byte 3 flipped')

journey('verify page', 'verify', (step, ctx) => {
  step('v1 a visitor verifies a receipt with its file, offline', async () => {
    const { page } = ctx
    await page.goto('/verify')
    assert.match(await page.locator('h1').innerText(), /证据回执离线核验/)
    const requests = []
    page.on('request', (r) => requests.push(r.url()))
    await byTest(page, 'receipt-file').setInputFiles({
      name: 'receipt.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good.receipt)),
    })
    await page.waitForFunction(() => document.querySelector('[data-test="receipt-text"]')?.value.includes('leaf_index'))
    await byTest(page, 'evidence-file').setInputFiles({
      name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(good.file, 'base64'),
    })
    await byTest(page, 'verify-submit').click()
    await byTest(page, 'verify-ok').waitFor()
    const text = await byTest(page, 'verify-result').innerText()
    assert.match(text, /核验通过/)
    assert.match(text, /TJ-2026-0007/)
    assert.match(text, /河北省沧州市/)
    assert.match(text, /证据文件与记录的 SHA-256 和大小一致/)
    assert.match(text, /jjj-office-BJ/)
    assert.deepEqual(requests.filter((u) => u.includes('/api/')), [], 'verification must not call the server')
    await screenshot(page, 'v1-verify-ok')
  })

  step('v2 a tampered evidence file is refused, naming the file', async () => {
    const { page } = ctx
    await byTest(page, 'evidence-file').setInputFiles({
      name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(tampered.file, 'base64'),
    })
    await byTest(page, 'verify-submit').click()
    await byTest(page, 'verify-failed').waitFor()
    assert.match(await byTest(page, 'verify-failed-part').innerText(), /file/)
    assert.match(await byTest(page, 'verify-result').innerText(), /its SHA-256 is [0-9a-f]{64}/)
    await screenshot(page, 'v2-verify-failed')
  })

  step('v3 in English, a forged signature is refused, naming the checkpoint', async () => {
    const { page, problems } = ctx
    const forged = cases.find((c) => c.what === 'signature of jjj-office-TJ changed')
    await byTest(page, 'lang-en').click()
    await page.locator('h1', { hasText: 'Verify an evidence receipt offline' }).waitFor()
    await byTest(page, 'receipt-text').fill(JSON.stringify(forged.receipt))
    await byTest(page, 'verify-submit').click()
    await byTest(page, 'verify-failed').waitFor()
    assert.match(await byTest(page, 'verify-failed-part').innerText(), /checkpoint/)
    await screenshot(page, 'v3-verify-forged-en')
    assert.deepEqual(problems, [])
  })
})
