// Unread counts for the badges: messages (header bell; from `GET /home` and the inbox) and
// announcements (side menu; from any `GET /announcements`, whose answer carries the count).
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api } from '@/lib/api'

export const useUnreadStore = defineStore('unread', () => {
  const count = ref(0)
  const announcements = ref(0)

  async function refresh(): Promise<void> {
    // The badges are best effort; pages report their own errors.
    await Promise.all([
      api.home().then((h) => (count.value = h.unread_messages), () => undefined),
      api.announcements({ page_size: 1 }).then((p) => (announcements.value = p.unread), () => undefined),
    ])
  }

  function set(n: number) {
    count.value = n
  }

  function setAnnouncements(n: number) {
    announcements.value = Math.max(0, n)
  }

  return { count, announcements, refresh, set, setAnnouncements }
})
