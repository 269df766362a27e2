import type { Role } from '@/lib/api/types'

declare module 'vue-router' {
  interface RouteMeta {
    /** Roles that may open the route; absent = any signed-in user. */
    roles?: Role[]
    /** Open without signing in. */
    public?: boolean
    /** i18n key of the page title. */
    titleKey?: string
  }
}

export {}
