// The enterprise's and the regulator's filing actions with their confirmations and result
// messages. Each resolves true when the server accepted the action.
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { api, type Instrument, type InstrumentQuery } from '@/lib/api'
import { notifyError } from '@/lib/errors'
import { confirmAction } from '@/lib/confirm'
import { saveDownload } from '@/lib/download'

export function useFilingActions() {
  const { t } = useI18n()

  async function guarded(run: () => Promise<string>): Promise<boolean> {
    try {
      ElMessage.success(await run())
      return true
    } catch (e) {
      notifyError(e)
      return false
    }
  }

  /** 申请备案 for the given instruments (all or nothing on the server). */
  async function apply(ids: number[]): Promise<boolean> {
    if (ids.length === 0) {
      ElMessage.warning(t('instruments.selectFirst'))
      return false
    }
    if (!(await confirmAction(t('instruments.applyConfirm', { n: ids.length }), 'info'))) return false
    return guarded(async () => t('instruments.applyDone', { n: (await api.applyFiling(ids)).applied }))
  }

  /** 通过 the given filings or change requests. */
  async function approve(ids: number[]): Promise<boolean> {
    if (ids.length === 0) {
      ElMessage.warning(t('instruments.selectFirst'))
      return false
    }
    if (!(await confirmAction(t('review.approveConfirm', { n: ids.length }), 'info'))) return false
    return guarded(async () => t('review.approveDone', { n: (await api.reviewFiling(ids, 'approve')).reviewed }))
  }

  /** 退回 with a reason (asked for by the caller's dialog). */
  function returnWith(ids: number[], reason: string): Promise<boolean> {
    return guarded(async () => t('review.returnDone', { n: (await api.reviewFiling(ids, 'return', reason)).reviewed }))
  }

  /** 删除 a draft after confirmation. */
  async function remove(inst: Instrument): Promise<boolean> {
    if (!(await confirmAction(t('instruments.deleteConfirm', { name: inst.name, serial: inst.serial_no })))) return false
    return guarded(async () => {
      await api.deleteInstrument(inst.id)
      return t('instruments.deleteDone')
    })
  }

  /** 批量删除: the drafts among `insts`, one by one; says how many went and which could not. */
  async function removeDrafts(insts: Instrument[]): Promise<boolean> {
    const drafts = insts.filter((i) => i.status === 'draft')
    if (drafts.length === 0) return false
    if (!(await confirmAction(t('instruments.deleteDraftsConfirm', { n: drafts.length })))) return false
    let done = 0
    const failed: string[] = []
    for (const inst of drafts) {
      try {
        await api.deleteInstrument(inst.id)
        done++
      } catch {
        failed.push(inst.serial_no)
      }
    }
    if (failed.length === 0) ElMessage.success(t('instruments.deleteDraftsDone', { n: done }))
    else ElMessage.warning(t('instruments.deleteDraftsPartial', { n: done, failed: failed.join('、') }))
    return done > 0
  }

  /** 导出Excel with the list's filters. */
  function exportList(q: InstrumentQuery): Promise<boolean> {
    return guarded(async () => {
      saveDownload(await api.exportInstruments(q))
      return t('instruments.exportDone')
    })
  }

  return { apply, approve, returnWith, remove, removeDrafts, exportList }
}
