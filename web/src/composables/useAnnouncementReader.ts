// Opening an announcement in the detail dialog (通知公告 list and the home card): the dialog's
// state, and reading it — when it is addressed to the caller and still unread, the server
// records the reader, the row loses its unread mark and the menu badge counts one less.
import { reactive, ref } from 'vue'
import { api, type Announcement } from '@/lib/api'
import { readsOnOpen } from '@/lib/announcements'
import { useAuthStore } from '@/stores/auth'
import { useUnreadStore } from '@/stores/unread'

export function useAnnouncementReader() {
  const auth = useAuthStore()
  const unread = useUnreadStore()
  const current = ref<Announcement | null>(null)
  const visible = ref(false)

  /** Shows `a` (a reactive row: its `read` flag is updated in place). */
  async function open(a: Announcement): Promise<void> {
    current.value = a
    visible.value = true
    if (!readsOnOpen(a, auth.role)) return
    try {
      await api.markAnnouncementRead(a.id)
      a.read = true
      unread.setAnnouncements(unread.announcements - 1)
    } catch {
      // best effort: the announcement is shown all the same, and stays unread
    }
  }

  return reactive({ current, visible, open })
}
