// Rules of announcements (通知公告) as the UI needs them: who manages them, status colours, which
// actions a row offers, the audience in words, when opening one counts as reading it, and the
// form ↔ request. Pure: the server decides.
import type { Announcement, AnnouncementAudience, AnnouncementRequest, AnnouncementStatus, Role } from './api/types'
import type { TagType } from './filing'
import { formatTime } from './format'

/** The server's limits (AnnouncementRequest). */
export const TITLE_MAX = 100
export const BODY_MAX = 10000

export const ANNOUNCEMENT_TAGS: Record<AnnouncementStatus, TagType> = {
  draft: 'info',
  published: 'success',
  withdrawn: 'danger',
}

/** The city bureau writes, publishes and withdraws announcements and sees drafts and read counts. */
export function canManageAnnouncements(role: Role | null): boolean {
  return role === 'city_regulator'
}

/** Row actions after 查看, in display order. */
export type AnnouncementAction = 'edit' | 'publish' | 'delete' | 'withdraw'

export function announcementActions(a: Pick<Announcement, 'status'>, role: Role | null): AnnouncementAction[] {
  if (!canManageAnnouncements(role)) return []
  if (a.status === 'draft') return ['edit', 'publish', 'delete']
  if (a.status === 'published') return ['withdraw']
  return []
}

/**
 * Opening an announcement reads it when it is published, not read yet and addressed to the
 * caller's role. Readers only ever get ones addressed to them; the city bureau also opens ones
 * addressed to other roles, which must not count it as a reader.
 */
export function readsOnOpen(a: Pick<Announcement, 'status' | 'read' | 'audience'>, role: Role | null): boolean {
  if (a.status !== 'published' || a.read || !role) return false
  return a.audience.roles.length === 0 || a.audience.roles.includes(role)
}

/**
 * 发送对象 in words: the roles (or `everyone` when none are chosen), then the districts when the
 * announcement is limited to some: "运营企业、计量技术机构 · 江岸区、江汉区", "全部用户".
 */
export function audienceText(a: AnnouncementAudience, roleLabel: (r: Role) => string, everyone: string): string {
  const who = a.roles.length ? a.roles.map(roleLabel).join('、') : everyone
  const where = a.region_names.length ? a.region_names : a.region_codes
  return where.length ? `${who} · ${where.join('、')}` : who
}

/** The date an announcement went out (YYYY-MM-DD, local time); '' for a draft. */
export function publishedDate(a: Pick<Announcement, 'published_at'>): string {
  return formatTime(a.published_at).slice(0, 10)
}

/** What the 新增 / 编辑公告 form edits. */
export type AnnouncementForm = Required<AnnouncementRequest>

export function blankAnnouncementForm(): AnnouncementForm {
  return { title: '', body: '', pinned: false, roles: [], region_codes: [] }
}

export function announcementFormFrom(a: Announcement): AnnouncementForm {
  return { title: a.title, body: a.body, pinned: a.pinned, roles: [...a.audience.roles], region_codes: [...a.audience.region_codes] }
}

/**
 * The request: the title trimmed; the body without blank lines before and whitespace after it,
 * its first line keeping its indent (Chinese paragraphs start with two full-width spaces).
 */
export function announcementRequest(f: AnnouncementForm): AnnouncementRequest {
  const body = f.body.replace(/^\s*\n/, '').trimEnd()
  return { title: f.title.trim(), body, pinned: f.pinned, roles: [...f.roles], region_codes: [...f.region_codes] }
}
