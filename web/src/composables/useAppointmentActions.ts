// The enterprise's and the institute's appointment actions with their confirmations and result
// messages. Each resolves true when the server accepted the action.
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { api, type Appointment, type ScheduleRequest } from '@/lib/api'
import { errorText, notifyError } from '@/lib/errors'
import { confirmAction } from '@/lib/confirm'

export function useAppointmentActions() {
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

  /** 提交 a draft after confirmation. */
  async function submit(a: Pick<Appointment, 'id'>): Promise<boolean> {
    if (!(await confirmAction(t('appointments.submitConfirm', { id: a.id }), 'info'))) return false
    return guarded(() => api.submitAppointment(a.id), t('appointments.submitDone'))
  }

  /** 取消预约 with an optional reason (asked for by the caller's dialog). */
  function cancel(a: Pick<Appointment, 'id'>, reason: string): Promise<boolean> {
    return guarded(() => api.cancelAppointment(a.id, reason), t('appointments.cancelDone'))
  }

  /** 受理 after confirmation; the enterprise gets an SMS. */
  async function accept(a: Pick<Appointment, 'id' | 'org_name' | 'instrument_count'>): Promise<boolean> {
    if (!(await confirmAction(t('appointments.acceptConfirm', { id: a.id, org: a.org_name, n: a.instrument_count }), 'info'))) return false
    return guarded(() => api.acceptAppointment(a.id), t('appointments.acceptDone'))
  }

  /** 批量受理: one call per appointment (the API has no batch); reports how many went through. */
  async function acceptMany(list: Pick<Appointment, 'id'>[]): Promise<boolean> {
    if (list.length === 0) {
      ElMessage.warning(t('appointments.selectFirst'))
      return false
    }
    if (!(await confirmAction(t('appointments.acceptBatchConfirm', { n: list.length }), 'info'))) return false
    let ok = 0
    let firstError: unknown = null
    for (const a of list) {
      try {
        await api.acceptAppointment(a.id)
        ok++
      } catch (e) {
        firstError ??= e
      }
    }
    if (firstError === null) ElMessage.success(t('appointments.acceptBatchDone', { ok }))
    else ElMessage.warning(t('appointments.acceptBatchPartial', { ok, failed: list.length - ok, message: errorText(firstError) }))
    return ok > 0
  }

  /** 退回 with a required reason. */
  function reject(a: Pick<Appointment, 'id'>, reason: string): Promise<boolean> {
    return guarded(() => api.rejectAppointment(a.id, reason), t('appointments.rejectDone'))
  }

  /** 安排: the date and the verifiers. */
  function schedule(a: Pick<Appointment, 'id'>, req: ScheduleRequest): Promise<boolean> {
    return guarded(() => api.scheduleAppointment(a.id, req), t('appointments.scheduleDone'))
  }

  return { submit, cancel, accept, acceptMany, reject, schedule }
}
