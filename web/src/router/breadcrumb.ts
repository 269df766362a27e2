// Where a page sits, from the route meta and the side menu: its title, and the breadcrumb
// 首页 / section / [parent list /] page. Pure, so the header, the tags view and tests share it.
import type { RouteMeta, RouteRecordNameGeneric, RouteRecordNormalized } from 'vue-router'
import type { Role } from '@/lib/api/types'
import { menuFor, type ResolvedMenuItem } from './menu'

/** One step of the breadcrumb: an i18n key, and a path when the step can be opened. */
export interface Crumb {
  titleKey: string
  path?: string
}

/** The parts of a route location this needs (a resolved or the current route). */
export interface PageRoute {
  name?: RouteRecordNameGeneric | null
  meta: RouteMeta
}

const HOME = 'home'

/** The side-menu item of the page itself, or else of the first parent list `role` may open. */
function anchor(route: PageRoute, menu: ResolvedMenuItem[]): { own?: ResolvedMenuItem; parent?: ResolvedMenuItem } {
  const own = menu.find((m) => m.route === route.name)
  if (own) return { own }
  for (const name of route.meta.parent ?? []) {
    const parent = menu.find((m) => m.route === name)
    if (parent) return { parent }
  }
  return {}
}

function titleOf(route: PageRoute, own: ResolvedMenuItem | undefined): string {
  return own?.titleKey ?? route.meta.titleKey ?? String(route.name ?? '')
}

/** i18n key of the page's title as `role` reads it (the menu's wording wins: 我的证书). */
export function pageTitleKey(route: PageRoute, role: Role | null, routes: RouteRecordNormalized[]): string {
  return titleOf(route, menuFor(role, routes).find((m) => m.route === route.name))
}

/**
 * 首页 / 备案管理 / 我的器具 / 器具详情: home, the menu section, the parent list (linked) and the
 * page. The home page alone is [首页]; a page with neither a menu item nor an open parent is
 * 首页 / page.
 */
export function breadcrumbFor(route: PageRoute, role: Role | null, routes: RouteRecordNormalized[]): Crumb[] {
  const menu = menuFor(role, routes)
  const home = menu.find((m) => m.route === HOME)
  const homeKey = home?.titleKey ?? 'menu.home'
  if (route.name === HOME) return [{ titleKey: homeKey }]
  const crumbs: Crumb[] = [{ titleKey: homeKey, path: home?.path ?? '/' }]
  const { own, parent } = anchor(route, menu)
  const group = (own ?? parent)?.group
  if (group) crumbs.push({ titleKey: `menuGroup.${group}` })
  if (parent) crumbs.push({ titleKey: parent.titleKey, path: parent.path })
  crumbs.push({ titleKey: titleOf(route, own) })
  return crumbs
}
