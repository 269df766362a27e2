// Element Plus rules of the instrument form (器具录入 and the batch import's row editor), built
// from the server's one field table (`GET /instrument-fields`): the form marks as required
// exactly what the server requires, and checks lengths and ranges with the server's limits.
// Pure (the table comes in as an argument); messages are looked up when shown, so they follow
// the current language. The server stays the authority: what needs more than the table (the
// catalogue, districts, dates, pairs of fields) is left to its answer.
import type { FormItemRule, FormRules } from 'element-plus'
import { i18n } from '@/i18n'
import type { InstrumentField, InstrumentType } from './api/types'
import type { InstrumentForm } from './filing'
import { isIsoDate } from './imports'

const t = (key: string, named: Record<string, unknown>) => i18n.global.t(key, named)

/** What the rules depend on besides the table. */
export interface InstrumentRuleContext {
  /** The chosen type is a charger: fields `required: 'charger'` are required. */
  charger: boolean
  /** Keys shown as a select (message 请选择…) besides codes, dates and flags. */
  selects?: readonly string[]
  /** Keys the server derives when left empty: not required (see derivedFields). */
  derived?: readonly string[]
}

/** Whether `f` must be filled in for an instrument whose type is (`charger`) a charger. */
export function isFieldRequired(f: Pick<InstrumentField, 'required'>, charger: boolean): boolean {
  return f.required === 'always' || (f.required === 'charger' && charger)
}

/** The name of `f` in messages: the form's label (`fields.<key>`), else the table's Chinese label. */
export function fieldLabel(f: Pick<InstrumentField, 'key' | 'label'>): string {
  const key = `fields.${f.key}`
  const g = i18n.global
  return g.te(key) || g.te(key, 'zh-CN') ? g.t(key) : f.label
}

/** Day before which chargers may leave their currents out (the server derives them). */
export const LEGACY_CHARGER_DATE = '2023-01-01'
const CURRENTS = ['charger.max_current_a', 'charger.min_current_a'] as const

/**
 * Fields the server fills in itself when left empty: the maximum and minimum current of a
 * charger in use before 2023-01-01 whose maximum current is not given (from rated power and
 * voltage: Imax = P ÷ U, Imin = max(Imax/10, 6 A)).
 */
export function derivedFields(form: Pick<InstrumentForm, 'in_use_date'> & { charger: { max_current_a: number | null } }): string[] {
  const d = form.in_use_date ?? ''
  const legacy = isIsoDate(d) && d < LEGACY_CHARGER_DATE && form.charger.max_current_a == null
  return legacy ? [...CURRENTS] : []
}

/** The context of the instrument form for its values and chosen type. */
export function formRuleContext(form: InstrumentForm, type: InstrumentType | null | undefined): InstrumentRuleContext {
  const charger = !!type?.is_charger
  return {
    charger,
    selects: type && type.accuracy_classes.length > 0 ? ['accuracy_class'] : [],
    derived: charger ? derivedFields(form) : [],
  }
}

const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '')
const isSelect = (f: InstrumentField, ctx: InstrumentRuleContext) =>
  f.type === 'code' || f.type === 'date' || f.type === 'flag' || !!ctx.selects?.includes(f.key)

type Callback = (e?: Error) => void

function rule(trigger: FormItemRule['trigger'], check: (value: unknown) => string | null, required = false): FormItemRule {
  return {
    required,
    trigger,
    validator: (_rule: unknown, value: unknown, callback: Callback) => {
      const msg = check(value)
      callback(msg ? new Error(msg) : undefined)
    },
  }
}

/** A number as messages show it, with the unit when there is one: `1000 kW`. */
const withUnit = (n: number, unit: string) => (unit ? `${n} ${unit}` : String(n))

/** The message for a number outside the field's limits, or null when within them. */
export function numberProblem(f: InstrumentField, value: number): string | null {
  const field = fieldLabel(f)
  if (!Number.isFinite(value)) return t('validation.notNumber', { field })
  if (f.type === 'integer' && !Number.isInteger(value)) return t('validation.integer', { field })
  const { min, max, unit } = f
  const exclusive = f.min_exclusive && f.type === 'number'
  const low = min !== null && (exclusive ? value <= min : value < min)
  const high = max !== null && value > max
  if (!low && !high) return null
  if (min !== null && max !== null) {
    return t(exclusive ? 'validation.numberAboveAtMost' : 'validation.numberRange', { field, min, max: withUnit(max, unit) })
  }
  if (min !== null) return t(exclusive ? 'validation.numberAbove' : 'validation.numberAtLeast', { field, min: withUnit(min, unit) })
  return t('validation.numberAtMost', { field, max: withUnit(max as number, unit) })
}

/** The rules of one field: required (when it is), then length of texts or range of numbers. */
export function fieldRules(f: InstrumentField, ctx: InstrumentRuleContext): FormItemRule[] {
  const out: FormItemRule[] = []
  const select = isSelect(f, ctx)
  const numeric = f.type === 'number' || f.type === 'integer'
  const trigger = select ? 'change' : numeric ? ['blur', 'change'] : 'blur'
  if (isFieldRequired(f, ctx.charger) && !ctx.derived?.includes(f.key)) {
    const key = select ? 'validation.selectRequired' : 'validation.required'
    out.push(rule(trigger, (v) => (isBlank(v) ? t(key, { field: fieldLabel(f) }) : null), true))
  }
  if (f.type === 'text' && f.max_length > 0) {
    const max = f.max_length
    // Characters as the server counts them (code points), after trimming as it does.
    out.push(rule(trigger, (v) => (typeof v === 'string' && [...v.trim()].length > max ? t('validation.tooLong', { field: fieldLabel(f), max }) : null)))
  }
  if (numeric) {
    out.push(rule(trigger, (v) => (isBlank(v) ? null : numberProblem(f, Number(v)))))
  }
  return out
}

/** The form's rules, keyed by the table's keys (the form item props: `name`, `charger.rated_power_kw`). */
export function instrumentRules(fields: readonly InstrumentField[], ctx: InstrumentRuleContext): FormRules {
  const rules: FormRules = {}
  for (const f of fields) {
    const list = fieldRules(f, ctx)
    if (list.length > 0) rules[f.key] = list
  }
  return rules
}

/** Characters allowed in each text field that has a limit, for the inputs' `maxlength`. */
export function maxLengths(fields: readonly InstrumentField[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const f of fields) if (f.type === 'text' && f.max_length > 0) out[f.key] = f.max_length
  return out
}
