// The city bureau's announcement actions with their confirmations and result messages. Each
// resolves true when the server accepted the action.
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { api, type Announcement } from '@/lib/api'
import { notifyError } from '@/lib/errors'
import { confirmAction } from '@/lib/confirm'

export function useAnnouncementActions() {
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

  /** Asks before publishing `a` (a draft, or the form about to be saved): true to go on. */
  function confirmPublish(a: Pick<Announcement, 'title'>): Promise<boolean> {
    return confirmAction(t('announcements.publishConfirm', { title: a.title.trim() }), 'info')
  }

  /** 发布 a draft; `confirmed` when the user already agreed (保存并发布). */
  async function publish(a: Pick<Announcement, 'id' | 'title'>, confirmed = false): Promise<boolean> {
    if (!confirmed && !(await confirmPublish(a))) return false
    return guarded(() => api.publishAnnouncement(a.id), t('announcements.publishedOk'))
  }

  /** 删除 a draft after confirmation. */
  async function remove(a: Pick<Announcement, 'id' | 'title'>): Promise<boolean> {
    if (!(await confirmAction(t('announcements.deleteConfirm', { title: a.title })))) return false
    return guarded(() => api.deleteAnnouncement(a.id), t('announcements.deletedOk'))
  }

  /** 撤回 a published announcement with the reason asked for by the caller's dialog. */
  function withdraw(a: Pick<Announcement, 'id'>, reason: string): Promise<boolean> {
    return guarded(() => api.withdrawAnnouncement(a.id, reason), t('announcements.withdrawnOk'))
  }

  return { confirmPublish, publish, remove, withdraw }
}
