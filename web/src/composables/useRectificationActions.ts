// The actions on a rectification order with their confirmation and result messages: the
// enterprise's answer, the regulator's 验收通过 (asked first) and 退回 (the reason from the
// caller's dialog). Each resolves true when the server accepted it; errors show the server's
// message.
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { api, type Rectification } from '@/lib/api'
import { notifyError } from '@/lib/errors'
import { confirmAction } from '@/lib/confirm'

export function useRectificationActions() {
  const { t } = useI18n()

  async function guarded(run: () => Promise<unknown>, done: string): Promise<boolean> {
    try {
      await run()
      ElMessage.success(done)
      return true
    } catch (e) {
      notifyError(e)
      return false
    }
  }

  /** 提交整改情况 (issued or returned → answered). */
  function answer(r: Pick<Rectification, 'id'>, text: string): Promise<boolean> {
    return guarded(() => api.answerRectification(r.id, text.trim()), t('rectificationAnswer.done'))
  }

  /** 验收通过 after confirmation (answered → closed). */
  async function accept(r: Pick<Rectification, 'id'>): Promise<boolean> {
    if (!(await confirmAction(t('rectificationDetail.acceptConfirm'), 'info'))) return false
    return guarded(() => api.acceptRectification(r.id), t('rectificationDetail.acceptedOk'))
  }

  /** 退回 with a reason (answered → returned). */
  function returnWith(r: Pick<Rectification, 'id'>, reason: string): Promise<boolean> {
    return guarded(() => api.returnRectification(r.id, reason), t('rectificationDetail.returnedOk'))
  }

  return { answer, accept, returnWith }
}
