import { createRouter, createWebHistory, type RouteLocationNormalized, type Router } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { i18n } from '@/i18n'
import { decideAccess } from './access'
import { routes } from './routes'

export function createAppRouter(): Router {
  const router = createRouter({ history: createWebHistory(import.meta.env.BASE_URL), routes })

  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    if (!auth.loaded) startLoadingComponents(to)
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

/**
 * Starts fetching the lazy components of the route being entered, so that on the first
 * navigation their chunks download while the session is probed rather than after it. The
 * router awaits the same import() later (the browser fetches each module once).
 */
function startLoadingComponents(to: RouteLocationNormalized): void {
  for (const record of to.matched) {
    for (const component of Object.values(record.components ?? {})) {
      // Vue Router's own test for a component that is already loaded
      const loaded = typeof component === 'object' || 'displayName' in component || 'props' in component || '__vccOpts' in component
      if (!loaded) void (component as () => Promise<unknown>)().catch(() => undefined)
    }
  }
}

/** Where to go after login: only same-site paths are honoured. */
export function safeRedirect(r: unknown): string {
  return typeof r === 'string' && r.startsWith('/') && !r.startsWith('//') ? r : '/'
}
