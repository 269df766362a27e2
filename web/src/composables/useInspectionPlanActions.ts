// The steps of an annual inspection plan with their confirmation and result messages: the district
// bureau's 报送 (asked first), the city bureau's 通过 (asked first) and 退回 (the reason from the
// caller's dialog). Each resolves true when the server accepted it; errors show its message.
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import type { InspectionPlan } from '@/lib/api'
import { inspectionApi } from '@/lib/api/inspection'
import { notifyError } from '@/lib/errors'
import { confirmAction } from '@/lib/confirm'

export function useInspectionPlanActions() {
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

  /** 报送 (draft or returned → submitted). */
  async function submit(p: Pick<InspectionPlan, 'id' | 'title'>): Promise<boolean> {
    if (!(await confirmAction(t('inspPlan.submitConfirm', { title: p.title }), 'info'))) return false
    return guarded(() => inspectionApi.submitInspectionPlan(p.id), t('inspPlan.submittedOk'))
  }

  /** 通过 (submitted → accepted). */
  async function accept(p: Pick<InspectionPlan, 'id' | 'title'>): Promise<boolean> {
    if (!(await confirmAction(t('inspPlan.acceptConfirm', { title: p.title }), 'info'))) return false
    return guarded(() => inspectionApi.acceptInspectionPlan(p.id), t('inspPlan.acceptedOk'))
  }

  /** 退回 with a reason (submitted → returned). */
  function returnWith(p: Pick<InspectionPlan, 'id'>, reason: string): Promise<boolean> {
    return guarded(() => inspectionApi.returnInspectionPlan(p.id, reason), t('inspPlan.returnedOk'))
  }

  return { submit, accept, returnWith }
}
