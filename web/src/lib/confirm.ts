// "Are you sure?" before an action: resolves true on 确定, false on 取消 or close. Signatures
// ask for the password instead (askPassword).
import { ElMessageBox } from 'element-plus'
import { i18n } from '@/i18n'

export async function confirmAction(message: string, type: 'warning' | 'info' = 'warning'): Promise<boolean> {
  const { t } = i18n.global
  try {
    await ElMessageBox.confirm(message, t('common.tip'), {
      type,
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
    })
    return true
  } catch {
    return false
  }
}

/**
 * A signature with intent: `message` and a password box. Resolves the password on 确定, null on
 * 取消 or close; the server checks it (403 reauth_failed when wrong).
 */
export async function askPassword(message: string): Promise<string | null> {
  const { t } = i18n.global
  try {
    const { value } = await ElMessageBox.prompt(message, t('signoff.passwordTitle'), {
      inputType: 'password',
      inputPlaceholder: t('signoff.passwordPh'),
      inputValidator: (v: string) => (v ? true : t('signoff.passwordPh')),
      confirmButtonText: t('signoff.passwordConfirm'),
      cancelButtonText: t('common.cancel'),
      closeOnClickModal: false,
    })
    return value
  } catch {
    return null
  }
}
