// Turning API failures into text for the user: a translated message for a known error code
// (`errors.<code>`), else the server's own (Chinese) message.
import { reactive } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from './api'
import { i18n } from '@/i18n'

export function errorText(err: unknown): string {
  const { t, te } = i18n.global
  if (err instanceof ApiError) {
    const key = `errors.${err.code}`
    if (te(key)) return t(key)
    if (err.message) return err.message
  } else if (err instanceof Error && err.message) {
    return err.message
  }
  return t('errors.unknown')
}

/** ElMessage with the error's text. */
export function notifyError(err: unknown): void {
  ElMessage.error({ message: errorText(err), grouping: true })
}

/** Text for one field error of `details.fields`. */
function fieldText(code: string, message: string): string {
  const { t, te } = i18n.global
  return te(`errors.${code}`) ? t(`errors.${code}`) : message
}

/**
 * Field errors for `<el-form-item :error="fieldErrors.x">`. `apply` puts an ApiError's
 * `details.field` / `details.fields` on the matching items and returns true when it placed any;
 * `itemOf` maps a server field name to the form item's name when they differ.
 */
export function useFieldErrors<K extends string>() {
  const errors = reactive<Record<string, string>>({})
  function clear() {
    for (const k of Object.keys(errors)) delete errors[k]
  }
  function apply(err: unknown, known: readonly K[], itemOf: (field: string) => string = (f) => f): boolean {
    clear()
    if (!(err instanceof ApiError)) return false
    const item = (f: string | undefined): K | null => {
      const name = f ? itemOf(f) : ''
      return name && (known as readonly string[]).includes(name) ? (name as K) : null
    }
    let placed = false
    const top = item(err.details.field)
    if (top) {
      errors[top] = errorText(err)
      placed = true
    }
    for (const f of err.details.fields ?? []) {
      const k = item(f.field)
      if (k) {
        errors[k] = fieldText(f.code, f.message)
        placed = true
      }
    }
    return placed
  }
  return { errors: errors as Partial<Record<K, string>>, clear, apply }
}
