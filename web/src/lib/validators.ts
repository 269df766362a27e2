// Client-side checks mirroring the server's domain rules (DESIGN.md §2.1). The server stays the
// authority; these only give the user early feedback.

/** GB 32100-2015 charset: index in this string is the character's value (31 characters). */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** The check character for the first 17 characters, or null if any is outside the charset. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i])
    if (v < 0) return null
    sum += v * CREDIT_CODE_WEIGHTS[i]
  }
  const check = (31 - (sum % 31)) % 31
  return CREDIT_CODE_CHARSET[check]
}

export type CreditCodeProblem = 'length' | 'charset' | 'check'

/** Null when `code` is a valid unified social credit code, else what is wrong with it. */
export function creditCodeProblem(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length'
  for (const ch of code) if (!CREDIT_CODE_CHARSET.includes(ch)) return 'charset'
  return creditCodeCheckChar(code.slice(0, 17)) === code[17] ? null : 'check'
}

export function isValidCreditCode(code: string): boolean {
  return creditCodeProblem(code) === null
}

/** Mainland mobile number: 11 digits starting 13–19. */
export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone)
}

/** An office or service line as the server takes it: 3–20 of digits, '-' and spaces, digits at both ends. */
export function isValidOfficePhone(phone: string): boolean {
  return phone.length >= 3 && phone.length <= 20 && /^\d[\d -]*\d$/.test(phone)
}

/** Mirrors the server's default policy: ≥ 12 characters and 3 of upper, lower, digit, symbol. */
export function isStrongPassword(pw: string, minLength = 12, minClasses = 3): boolean {
  if (pw.length < minLength) return false
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(pw)).length
  return classes >= minClasses
}
