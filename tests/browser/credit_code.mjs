// Unified social credit codes (GB 32100-2015) for the tests: the check character of the 18th
// position, and codes that are valid (or valid but for the check character) and unlikely to exist.
import { randomInt } from 'node:crypto'

export const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The check character for the first 17 characters of a code. */
export function checkChar(first17) {
  if (first17.length !== 17) throw new Error(`need 17 characters, got ${first17.length}`)
  let sum = 0
  for (let i = 0; i < 17; i += 1) {
    const value = CHARSET.indexOf(first17[i])
    if (value < 0) throw new Error(`'${first17[i]}' is not in the GB 32100 charset`)
    sum += value * WEIGHTS[i]
  }
  return CHARSET[(31 - (sum % 31)) % 31]
}

/** Check digit of a GB 11714 organisation code (positions 9–17 of the credit code). */
export function orgCodeCheck(body8) {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 8; i += 1) {
    const c = body8[i]
    sum += (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * weights[i]
  }
  const r = 11 - (sum % 11)
  return r === 10 ? 'X' : r === 11 ? '0' : String(r)
}

/** A random valid code of a Beijing (Haidian) enterprise: {valid, invalid} differ only in the check. */
export function randomCreditCodes() {
  let body = ''
  for (let i = 0; i < 8; i += 1) body += CHARSET[randomInt(CHARSET.length)]
  const first17 = `91110108${body}${orgCodeCheck(body)}`
  const check = checkChar(first17)
  const wrong = CHARSET[(CHARSET.indexOf(check) + 1) % CHARSET.length]
  return { valid: first17 + check, invalid: first17 + wrong, expected: check }
}
