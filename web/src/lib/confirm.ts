// "Are you sure?" before an action: resolves true on 确定, false on 取消 or close.
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
