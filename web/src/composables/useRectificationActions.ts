// The actions on a rectification order with their confirmation and result messages: the
// enterprise's answer, the regulator's 验收通过 (asked first) and 退回 (the reason from the
// caller's dialog), and the enforcement case of an overdue order: 立案, 作出处理决定, 结案. Each
// resolves true when the server accepted it; errors show the server's message.
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { api, type CaseDecideRequest, type CaseOpenRequest, type Rectification } from '@/lib/api'
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

  /** 立案 on an overdue order without a case. */
  function openCase(r: Pick<Rectification, 'id'>, body: CaseOpenRequest): Promise<boolean> {
    return guarded(() => api.openCase(r.id, { legal_basis: body.legal_basis.trim(), facts: body.facts.trim() }), t('rectificationCase.openedOk'))
  }

  /** 作出处理决定 with the penalty in yuan (opened → decided). */
  function decideCase(r: Pick<Rectification, 'id'>, body: CaseDecideRequest): Promise<boolean> {
    return guarded(() => api.decideCase(r.id, { decision: body.decision.trim(), penalty_yuan: body.penalty_yuan ?? 0 }), t('rectificationCase.decidedOk'))
  }

  /** 结案 with a note (decided → closed). */
  function closeCase(r: Pick<Rectification, 'id'>, note: string): Promise<boolean> {
    return guarded(() => api.closeCase(r.id, { note: note.trim() }), t('rectificationCase.closedOk'))
  }

  return { answer, accept, returnWith, openCase, decideCase, closeCase }
}
