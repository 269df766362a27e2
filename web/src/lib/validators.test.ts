import { describe, expect, it } from 'vitest'
import {
  CREDIT_CODE_CHARSET,
  creditCodeCheckChar,
  creditCodeProblem,
  isStrongPassword,
  isValidCreditCode,
  isValidPhone,
} from './validators'

// Real, published codes (checked independently of this implementation).
const VALID = ['91350100M000100Y43', '91110000600037341L', '91110108551385082Q']

describe('credit code (GB 32100-2015)', () => {
  it('has the 31-character charset without I, O, S, V, Z', () => {
    expect(CREDIT_CODE_CHARSET).toHaveLength(31)
    for (const ch of 'IOSVZ') expect(CREDIT_CODE_CHARSET).not.toContain(ch)
  })

  it.each(VALID)('accepts %s', (code) => {
    expect(creditCodeProblem(code)).toBeNull()
    expect(isValidCreditCode(code)).toBe(true)
  })

  it('computes the check character', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3')
    expect(creditCodeCheckChar('91110000600037341')).toBe('L')
    // weighted sum ≡ 0 (mod 31): the check value wraps to 0
    expect(creditCodeCheckChar('9142010000000000N')).toBe('0')
    expect(isValidCreditCode('9142010000000000N0')).toBe(true)
    expect(creditCodeCheckChar('9111000060003734')).toBeNull()
  })

  it('rejects a wrong check character', () => {
    for (const code of VALID) {
      const last = code[17]
      const wrong = CREDIT_CODE_CHARSET[(CREDIT_CODE_CHARSET.indexOf(last) + 1) % 31]
      expect(creditCodeProblem(code.slice(0, 17) + wrong)).toBe('check')
    }
  })

  it('rejects characters outside the charset', () => {
    expect(creditCodeProblem('91350100I000100Y43')).toBe('charset')
    expect(creditCodeProblem('91350100m000100Y43')).toBe('charset')
    expect(creditCodeProblem('91350100M000100Y4O')).toBe('charset')
  })

  it('rejects wrong lengths', () => {
    expect(creditCodeProblem('')).toBe('length')
    expect(creditCodeProblem('91350100M000100Y4')).toBe('length')
    expect(creditCodeProblem('91350100M000100Y433')).toBe('length')
  })
})

describe('phone', () => {
  it.each(['13912345678', '15000000000', '19999999999'])('accepts %s', (p) => expect(isValidPhone(p)).toBe(true))
  it.each(['12912345678', '1391234567', '139123456789', '23912345678', '1391234567a', ' 13912345678'])('rejects %j', (p) =>
    expect(isValidPhone(p)).toBe(false),
  )
})

describe('password strength', () => {
  it('needs 12 characters and 3 classes', () => {
    expect(isStrongPassword('Adm1n!Passw0rd#')).toBe(true)
    expect(isStrongPassword('abcdefgh1234')).toBe(false) // 2 classes
    expect(isStrongPassword('Abcdefgh1234')).toBe(true)
    expect(isStrongPassword('Abc123!')).toBe(false) // too short
  })
})
