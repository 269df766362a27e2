import type { Role } from '@/lib/api/types'

declare module 'vue-router' {
  interface RouteMeta {
    /** Roles that may open the route; absent = any signed-in user. */
    roles?: Role[]
    /** Open without signing in. */
    public?: boolean
    /** i18n key of the page title. */
    titleKey?: string
    /**
     * Pages outside the side menu (details, forms): the list pages they belong to, as route
     * names; the breadcrumb shows the first one the user's role may open (我的器具 / 器具详情).
     */
    parent?: string[]
    /** i18n key of what an empty main list tells the user to do next (`emptyList.*`). */
    emptyKey?: string
    /** Not kept as a tag in the tags view (error pages). */
    noTag?: boolean
  }
}

export {}
