// The signed-in user (`GET /api/v1/me`) and the CSRF token the API client sends on writes.
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, ApiError, type CaptchaAnswer, type Me } from '@/lib/api'

export const useAuthStore = defineStore('auth', () => {
  const me = ref<Me | null>(null)
  const csrfToken = ref<string | null>(null)
  /** True once the session was probed (signed in or not). */
  const loaded = ref(false)

  const role = computed(() => me.value?.role ?? null)
  const isAuthenticated = computed(() => me.value !== null)

  function set(m: Me) {
    me.value = m
    csrfToken.value = m.csrf_token
    loaded.value = true
  }

  function clear() {
    me.value = null
    csrfToken.value = null
    loaded.value = true
  }

  /** Probes the session once; a 401 just means "not signed in". */
  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return
    try {
      set(await api.me())
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) clear()
      else throw e
    }
  }

  async function login(username: string, password: string, captcha?: CaptchaAnswer): Promise<Me> {
    const m = await api.login(username, password, captcha)
    set(m)
    return m
  }

  async function logout(): Promise<void> {
    try {
      await api.logout()
    } finally {
      clear()
    }
  }

  return { me, csrfToken, loaded, role, isAuthenticated, set, clear, load, login, logout }
})
