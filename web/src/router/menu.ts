// The side menu, data-driven: one line per item, in display order. Who sees an item is decided
// by the roles of the route it opens (router/routes.ts), so menu and guard never disagree. The
// items of a group stay together for every role: the menu titles each run of a group.
import type { Component } from 'vue'
import type { RouteRecordNormalized } from 'vue-router'
import {
  Aim,
  Bell,
  Calendar,
  Collection,
  DataAnalysis,
  Document,
  DocumentChecked,
  EditPen,
  Files,
  Flag,
  FolderOpened,
  HomeFilled,
  Key,
  Finished,
  Histogram,
  List,
  Medal,
  Monitor,
  Message,
  Notification,
  OfficeBuilding,
  Odometer,
  PieChart,
  Stamp,
  TrendCharts,
  Upload,
  User,
  Warning,
} from '@element-plus/icons-vue'
import type { Role } from '@/lib/api/types'
import { decideAccess } from './access'

/** Sections of the side menu; the breadcrumb names them too (i18n `menuGroup.*`). */
export type MenuGroup = 'filing' | 'verification' | 'supervision' | 'system'

export interface MenuItem {
  /** route name */
  route: string
  icon: Component
  /** the section the item is listed under; none for 首页, 统计分析 and the reports and 工作节点 beside it, 器具目录, 通知公告 and 消息 */
  group?: MenuGroup
  /** a role's own wording of the item (else the route's title) */
  titleByRole?: Partial<Record<Role, string>>
  /** the unread count shown beside the title (a count of `stores/unread.ts`) */
  badge?: 'announcements'
}

export const MENU: MenuItem[] = [
  { route: 'home', icon: HomeFilled },
  { route: 'statistics', icon: TrendCharts },
  // (icons the menu imports anyway, so the first screen stays as it was; no role sees one twice)
  { route: 'annual-reports', icon: Stamp },
  { route: 'problem-reports', icon: Upload },
  { route: 'bulletins', icon: Message },
  // (two small icons of their own: the institute and the city bureau already use every other one)
  { route: 'institute-report', icon: Histogram },
  { route: 'milestones', icon: Flag },
  { route: 'instruments', icon: List, group: 'filing' },
  { route: 'instrument-new', icon: EditPen, group: 'filing' },
  { route: 'instrument-import', icon: Upload, group: 'filing' },
  { route: 'instruments-pending', icon: Files, group: 'filing' },
  { route: 'appointments', icon: Calendar, group: 'verification' },
  { route: 'institute-appointments', icon: Finished, group: 'verification' },
  { route: 'verifications', icon: Stamp, group: 'verification' },
  { route: 'standards', icon: Odometer, group: 'verification' },
  { route: 'institute-profile', icon: OfficeBuilding, group: 'verification' },
  { route: 'review', icon: DocumentChecked, group: 'filing' },
  { route: 'archive', icon: FolderOpened, group: 'filing' },
  { route: 'certificates', icon: Medal, group: 'verification', titleByRole: { enterprise: 'menu.myCertificates' } },
  { route: 'supervision-verification', icon: DataAnalysis, group: 'supervision' },
  { route: 'sampling-plans', icon: PieChart, group: 'supervision' },
  { route: 'rectifications', icon: Warning, group: 'supervision', titleByRole: { enterprise: 'menu.myRectifications' } },
  { route: 'supervision-reconciliation', icon: Monitor, group: 'supervision' },
  // (计量作弊线索: a small icon of its own, Aim — a target, the lead to check; about 0.2 kB)
  { route: 'supervision-alerts', icon: Aim, group: 'supervision' },
  { route: 'inspection-items', icon: List, group: 'supervision' },
  { route: 'inspection-library', icon: User, group: 'supervision' },
  { route: 'inspection-plans', icon: Document, group: 'supervision' },
  { route: 'inspection-tasks', icon: Files, group: 'supervision' },
  { route: 'my-inspections', icon: EditPen, group: 'supervision' },
  { route: 'inspection-statistics', icon: Odometer, group: 'supervision' },
  { route: 'work-calendar', icon: Calendar, group: 'supervision' },
  { route: 'acceptance-checks', icon: Finished, group: 'supervision' },
  { route: 'catalogue', icon: Collection },
  { route: 'admin-orgs', icon: OfficeBuilding, group: 'system' },
  { route: 'admin-users', icon: User, group: 'system' },
  // (平台对接 issues secrets: the header's Key icon, already on the first screen)
  { route: 'admin-tcec-operators', icon: Key, group: 'system' },
  { route: 'admin-tou-tariffs', icon: Calendar, group: 'system' },
  { route: 'admin-notifications', icon: Message, group: 'system' },
  { route: 'admin-audit', icon: Document, group: 'system' },
  { route: 'announcements', icon: Notification, badge: 'announcements' },
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
