// Test data for the end-to-end run (same rules as src/lib/validators.ts, kept independent).
import { randomInt } from 'node:crypto'

export const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** `first17` plus its GB 32100 check character. */
export function creditCode(first17) {
  if (first17.length !== 17) throw new Error(`need 17 characters, got ${first17.length}`)
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CHARSET.indexOf(first17[i])
    if (v < 0) throw new Error(`bad character ${first17[i]}`)
    sum += v * WEIGHTS[i]
  }
  return first17 + CHARSET[(31 - (sum % 31)) % 31]
}

export function randomChars(n, charset = CHARSET) {
  let s = ''
  for (let i = 0; i < n; i++) s += charset[randomInt(charset.length)]
  return s
}

/** 139 followed by 8 random digits. */
export function randomPhone() {
  return `139${randomChars(8, '0123456789')}`
}
