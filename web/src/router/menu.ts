// The side menu, data-driven: one line per item, in display order. Who sees an item is decided
// by the roles of the route it opens (router/routes.ts), so menu and guard never disagree.
import type { Component } from 'vue'
import type { RouteRecordNormalized } from 'vue-router'
import {
  Bell,
  Calendar,
  Collection,
  DataAnalysis,
  Document,
  DocumentChecked,
  EditPen,
  Files,
  FolderOpened,
  HomeFilled,
  Finished,
  List,
  Medal,
  Message,
  OfficeBuilding,
  Odometer,
  Stamp,
  Upload,
  User,
} from '@element-plus/icons-vue'
import type { Role } from '@/lib/api/types'
import { decideAccess } from './access'

export interface MenuItem {
  /** route name */
  route: string
  icon: Component
  /** a role's own wording of the item (else the route's title) */
  titleByRole?: Partial<Record<Role, string>>
}

export const MENU: MenuItem[] = [
  { route: 'home', icon: HomeFilled },
  { route: 'instruments', icon: List },
  { route: 'instrument-new', icon: EditPen },
  { route: 'instrument-import', icon: Upload },
  { route: 'instruments-pending', icon: Files },
  { route: 'appointments', icon: Calendar },
  { route: 'institute-appointments', icon: Finished },
  { route: 'verifications', icon: Stamp },
  { route: 'standards', icon: Odometer },
  { route: 'institute-profile', icon: Stamp },
  { route: 'review', icon: DocumentChecked },
  { route: 'archive', icon: FolderOpened },
  { route: 'supervision-verification', icon: DataAnalysis },
  { route: 'certificates', icon: Medal, titleByRole: { enterprise: 'menu.myCertificates' } },
  { route: 'catalogue', icon: Collection },
  { route: 'admin-orgs', icon: OfficeBuilding },
  { route: 'admin-users', icon: User },
  { route: 'admin-notifications', icon: Message },
  { route: 'admin-audit', icon: Document },
  { route: 'inbox', icon: Bell },
]

export interface ResolvedMenuItem extends MenuItem {
  path: string
  titleKey: string
}

/** The menu items `role` may open, resolved against the router's routes. */
export function menuFor(role: Role | null, routes: RouteRecordNormalized[]): ResolvedMenuItem[] {
  const byName = new Map(routes.filter((r) => r.name).map((r) => [String(r.name), r]))
  const out: ResolvedMenuItem[] = []
  for (const item of MENU) {
    const r = byName.get(item.route)
    if (!r || decideAccess(r.meta, role) !== 'allow') continue
    const own = role ? item.titleByRole?.[role] : undefined
    out.push({ ...item, path: r.path, titleKey: own ?? r.meta.titleKey ?? item.route })
  }
  return out
}
