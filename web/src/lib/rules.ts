// Element Plus form rules built from the validators; messages are looked up when shown, so
// they follow the current language. The instrument form's rules come from the server's field
// table: instrumentFields.ts.
import type { FormItemRule } from 'element-plus'
import { i18n } from '@/i18n'
import { creditCodeProblem, isStrongPassword, isValidOfficePhone, isValidPhone } from './validators'
import { isPastDate } from './dates'

const t = (key: string, named?: Record<string, unknown>) =>
  named ? i18n.global.t(key, named) : i18n.global.t(key)

type Check = (value: string) => string | null

function custom(check: Check, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return {
    trigger,
    validator: (_rule, value: unknown, callback: (e?: Error) => void) => {
      const v = typeof value === 'string' ? value : ''
      if (!v) return callback()
      const msg = check(v)
      callback(msg ? new Error(msg) : undefined)
    },
  }
}

/** Required input; `labelKey` names the field in the message. */
export function required(labelKey: string, select = false): FormItemRule {
  return {
    required: true,
    trigger: select ? 'change' : 'blur',
    message: () => t(select ? 'validation.selectRequired' : 'validation.required', { field: t(labelKey) }),
  }
}

export function creditCodeRule(): FormItemRule {
  const keys = { length: 'validation.creditLength', charset: 'validation.creditCharset', check: 'validation.creditCheck' }
  return custom((v) => {
    const p = creditCodeProblem(v)
    return p ? t(keys[p]) : null
  })
}

export function phoneRule(): FormItemRule {
  return custom((v) => (isValidPhone(v) ? null : t('validation.phone')))
}

export function officePhoneRule(): FormItemRule {
  return custom((v) => (isValidOfficePhone(v) ? null : t('validation.officePhone')))
}

export function passwordRule(): FormItemRule {
  return custom((v) => (isStrongPassword(v) ? null : t('validation.passwordWeak')))
}

export function sameAsRule(other: () => string): FormItemRule {
  return custom((v) => (v === other() ? null : t('validation.passwordMismatch')))
}

/** A YYYY-MM-DD date not before today. */
export function notPastDateRule(): FormItemRule {
  return custom((v) => (isPastDate(v) ? t('validation.notPast') : null), 'change')
}

export function smsCodeRule(): FormItemRule {
  return custom((v) => (/^\d{6}$/.test(v) ? null : t('validation.smsCode')))
}

/** A number within [min, max]; empty is left to `required`. */
export function numberRange(labelKey: string, min: number, max: number): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: unknown, callback: (e?: Error) => void) => {
      if (value === null || value === undefined || value === '') return callback()
      const n = Number(value)
      const ok = Number.isFinite(n) && n >= min && n <= max
      callback(ok ? undefined : new Error(t('validation.numberRange', { field: t(labelKey), min, max })))
    },
  }
}
