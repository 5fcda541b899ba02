// The test's own GB 32100 arithmetic, checked on published codes (runs without a server).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { checkChar, orgCodeCheck, randomCreditCodes, CHARSET } from './credit_code.mjs'

const PUBLISHED = ['91350100M000100Y43', '9144030071526726XG', '914403001922038216', '91110000802100433B']

test('check character of published codes', () => {
  for (const code of PUBLISHED) {
    assert.equal(checkChar(code.slice(0, 17)), code[17], code)
    assert.equal(orgCodeCheck(code.slice(8, 16)), code[16], code)
  }
})

test('random codes: valid one passes, invalid one differs only in the check character', () => {
  for (let i = 0; i < 50; i += 1) {
    const { valid, invalid } = randomCreditCodes()
    assert.match(valid, new RegExp(`^[${CHARSET}]{18}$`))
    assert.equal(checkChar(valid.slice(0, 17)), valid[17])
    assert.equal(valid.slice(0, 17), invalid.slice(0, 17))
    assert.notEqual(checkChar(invalid.slice(0, 17)), invalid[17])
  }
})
