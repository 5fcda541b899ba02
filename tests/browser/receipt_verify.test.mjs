// The browser's receipt verifier (web/src/evidence/receiptVerify.js) against the golden cases the
// C++ verifier wrote (tests/evidence/fixtures/receipt-cases.json, re-checked by evidence_tests):
// the good receipt verifies with its file, and every tampered variant fails naming the same part.
// Runs in Node (WebCrypto has SHA-256 and Ed25519); the page itself runs it in Chromium.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  verifyReceipt, VerifyError, rootFromInclusion, hashLeaf, base64Decode, decodeLeaf, parseNote,
} from '../../web/src/evidence/receiptVerify.js'

const here = dirname(fileURLToPath(import.meta.url))
const cases = JSON.parse(readFileSync(join(here, '../evidence/fixtures/receipt-cases.json'), 'utf8'))
const good = cases.find((c) => c.what === 'good')
const bytes = (b64) => Uint8Array.from(Buffer.from(b64, 'base64'))

async function partOf(receipt, file, options) {
  try {
    await verifyReceipt(receipt, file, options)
    return 'verified'
  } catch (err) {
    if (!(err instanceof VerifyError)) throw err
    return err.part
  }
}

test('the good receipt verifies with its file and shows the record', async () => {
  const v = await verifyReceipt(good.receipt, bytes(good.file))
  assert.equal(v.fileChecked, true)
  assert.equal(v.record.case_id, 'TJ-2026-0007')
  assert.equal(v.record.place, '河北省沧州市')
  assert.deepEqual([...v.signers].sort(), ['jjj-office-BJ', 'jjj-office-HE', 'jjj-office-TJ'])
  assert.equal(v.checkpoint.size, 5n)
  assert.equal(v.leafIndex, 4n)
})

test('every golden case gives the part the C++ verifier names', async () => {
  assert.ok(cases.length >= 10)
  for (const c of cases) {
    assert.equal(await partOf(c.receipt, bytes(c.file)), c.part, c.what)
  }
})

test('without the file the good receipt still verifies the log part', async () => {
  const v = await verifyReceipt(JSON.stringify(good.receipt))
  assert.equal(v.fileChecked, false)
})

test('pinned keys: a receipt carrying another key for an office is refused', async () => {
  const pinned = new Map(Object.entries(good.receipt.public_keys).map(([k, v]) => [k, bytes(v)]))
  assert.equal(await partOf(good.receipt, null, { pinnedKeys: pinned }), 'verified')
  const other = new Uint8Array(32).fill(7)
  pinned.set('jjj-office-TJ', other)
  assert.equal(await partOf(good.receipt, null, { pinnedKeys: pinned }), 'public_keys.jjj-office-TJ')
})

test('a required signer that did not sign is named', async () => {
  await assert.rejects(
    verifyReceipt(good.receipt, null, { requiredSigners: ['jjj-office-BJ', 'ipa-log'] }),
    (err) => err.part === 'checkpoint' && /ipa-log/.test(err.reason),
  )
})

test('malformed receipts name the field', async () => {
  assert.equal(await partOf('{', null), 'receipt')
  assert.equal(await partOf({ ...good.receipt, extra: 1 }, null), 'extra')
  const { leaf_index: _, ...noIndex } = good.receipt
  assert.equal(await partOf(noIndex, null), 'leaf_index')
  assert.equal(await partOf({ ...good.receipt, leaf: 'not base64!' }, null), 'leaf')
  const shortPath = [...good.receipt.inclusion_path]
  shortPath[0] = 'AAAA'
  assert.equal(await partOf({ ...good.receipt, inclusion_path: shortPath }, null), 'inclusion_path[0]')
  assert.equal(await partOf({ ...good.receipt, leaf_index: -1 }, null), 'leaf_index')
})

test('every single-bit change of the inclusion path fails (RFC 9162 recomputation)', async () => {
  const leaf = bytes(good.receipt.leaf)
  const path = good.receipt.inclusion_path.map((h) => base64Decode(h, 'p'))
  const leafHash = await hashLeaf(leaf)
  const root = await rootFromInclusion(4n, 5n, leafHash, path)
  const rootText = parseNote(good.receipt.checkpoint).body.split('\n')[2]
  assert.equal(Buffer.from(root).toString('base64'), rootText)
  for (let h = 0; h < path.length; h++) {
    for (let bit = 0; bit < 256; bit += 37) {
      const changed = path.map((p) => p.slice())
      changed[h][bit >> 3] ^= 1 << (bit & 7)
      const r = await rootFromInclusion(4n, 5n, leafHash, changed)
      assert.notEqual(Buffer.from(r).toString('base64'), rootText)
    }
  }
})

test('the leaf decoder enforces the canonical escapes', () => {
  const leaf = bytes(good.receipt.leaf)
  const text = new TextDecoder().decode(leaf)
  const withLowerEscape = new TextEncoder().encode(text.replace('notes=', 'notes=%0a'))
  assert.throws(() => decodeLeaf(withLowerEscape), (err) => err.part === 'leaf')
  const withUpperEscape = new TextEncoder().encode(text.replace('notes=', 'notes=a%0Ab'))
  assert.equal(decodeLeaf(withUpperEscape).notes, 'a\nb')
  const escapedLetter = new TextEncoder().encode(text.replace('notes=', 'notes=%41'))
  assert.throws(() => decodeLeaf(escapedLetter), (err) => err.part === 'leaf')
})
