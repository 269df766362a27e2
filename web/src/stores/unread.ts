// Unread message count for the header badge; refreshed from `GET /home` and the inbox.
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api } from '@/lib/api'

export const useUnreadStore = defineStore('unread', () => {
  const count = ref(0)

  async function refresh(): Promise<void> {
    try {
      count.value = (await api.home()).unread_messages
    } catch {
      // the badge is best effort; pages report their own errors
    }
  }

  function set(n: number) {
    count.value = n
  }

  return { count, refresh, set }
})
