import { createRouter, createWebHistory, type Router } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { i18n } from '@/i18n'
import { decideAccess } from './access'
import { routes } from './routes'

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes })

  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    try {
      await auth.load()
    } catch {
      // server unreachable: treat as signed out; the login page reports errors
    }
    switch (decideAccess(to.meta, auth.role)) {
      case 'login':
        return { name: 'login', query: to.fullPath !== '/' ? { redirect: to.fullPath } : {} }
      case 'forbidden':
        return { name: 'forbidden', query: { from: to.fullPath } }
      default:
        // A signed-in user has no business on the login page.
        if (to.name === 'login' && auth.isAuthenticated) return { name: 'home' }
        return true
    }
  })

  router.afterEach((to) => {
    const { t } = i18n.global
    document.title = to.meta.titleKey ? `${t(to.meta.titleKey)} - ${t('app.title')}` : t('app.title')
  })

  return router
}

/** Where to go after login: only same-site paths are honoured. */
export function safeRedirect(r: unknown): string {
  return typeof r === 'string' && r.startsWith('/') && !r.startsWith('//') ? r : '/'
}
