import { describe, expect, it } from 'vitest'
import type { Announcement, Role } from './api/types'
import {
  ANNOUNCEMENT_TAGS,
  announcementActions,
  announcementFormFrom,
  announcementRequest,
  audienceText,
  blankAnnouncementForm,
  canManageAnnouncements,
  publishedDate,
  readsOnOpen,
} from './announcements'

const LABELS: Partial<Record<Role, string>> = { enterprise: '运营企业', institute: '计量技术机构' }
const label = (r: Role) => LABELS[r] ?? r

function announcement(over: Partial<Announcement> = {}): Announcement {
  return {
    id: 7,
    title: '关于开展充电桩强制检定的通知',
    body: '　　各运营企业：\n请按时申报。',
    status: 'published',
    pinned: false,
    audience: { roles: [], region_codes: [], region_names: [] },
    author_name: '王科长',
    org_name: '武汉市市场监督管理局',
    created_at: '2026-03-01T02:00:00Z',
    updated_at: '2026-03-01T02:00:00Z',
    published_at: '2026-03-02T04:00:00Z',
    withdrawn_at: null,
    withdraw_reason: '',
    read: false,
    read_count: null,
    ...over,
  }
}

describe('who manages announcements and what a row offers', () => {
  it('lets only the city bureau manage', () => {
    expect(canManageAnnouncements('city_regulator')).toBe(true)
    for (const r of ['enterprise', 'district_regulator', 'drc', 'institute', 'sysadmin', null] as const) expect(canManageAnnouncements(r)).toBe(false)
  })

  it('offers edit, publish and delete on drafts and withdraw on published ones', () => {
    expect(announcementActions({ status: 'draft' }, 'city_regulator')).toEqual(['edit', 'publish', 'delete'])
    expect(announcementActions({ status: 'published' }, 'city_regulator')).toEqual(['withdraw'])
    expect(announcementActions({ status: 'withdrawn' }, 'city_regulator')).toEqual([])
    expect(announcementActions({ status: 'published' }, 'enterprise')).toEqual([])
  })

  it('colours draft, published and withdrawn', () => {
    expect(ANNOUNCEMENT_TAGS).toEqual({ draft: 'info', published: 'success', withdrawn: 'danger' })
  })
})

describe('reading on open', () => {
  it('reads published, unread announcements addressed to the role', () => {
    expect(readsOnOpen(announcement(), 'enterprise')).toBe(true)
    expect(readsOnOpen(announcement({ audience: { roles: ['enterprise'], region_codes: ['420102'], region_names: ['江岸区'] } }), 'enterprise')).toBe(true)
    expect(readsOnOpen(announcement(), 'city_regulator')).toBe(true)
  })

  it('does not read again, drafts, withdrawn ones, or ones addressed to other roles', () => {
    expect(readsOnOpen(announcement({ read: true }), 'enterprise')).toBe(false)
    expect(readsOnOpen(announcement({ status: 'draft', published_at: null }), 'city_regulator')).toBe(false)
    expect(readsOnOpen(announcement({ status: 'withdrawn' }), 'city_regulator')).toBe(false)
    expect(readsOnOpen(announcement({ audience: { roles: ['enterprise'], region_codes: [], region_names: [] } }), 'city_regulator')).toBe(false)
    expect(readsOnOpen(announcement(), null)).toBe(false)
  })
})

describe('audience and dates in words', () => {
  it('names everyone, the roles and the districts', () => {
    const a = (roles: Role[], region_names: string[]) => ({ roles, region_codes: region_names.map((_, i) => `42010${i}`), region_names })
    expect(audienceText(a([], []), label, '全部用户')).toBe('全部用户')
    expect(audienceText(a(['enterprise', 'institute'], ['江岸区', '江汉区']), label, '全部用户')).toBe('运营企业、计量技术机构 · 江岸区、江汉区')
    expect(audienceText(a(['enterprise'], []), label, '全部用户')).toBe('运营企业')
    expect(audienceText(a([], ['江岸区']), label, '全部用户')).toBe('全部用户 · 江岸区')
  })

  it('falls back to the codes when the names are missing', () => {
    expect(audienceText({ roles: [], region_codes: ['420102'], region_names: [] }, label, '全部用户')).toBe('全部用户 · 420102')
  })

  it('gives the publication date, none for drafts', () => {
    expect(publishedDate(announcement())).toBe('2026-03-02')
    expect(publishedDate(announcement({ published_at: null }))).toBe('')
  })
})

describe('form and request', () => {
  it('starts blank and copies an announcement for editing', () => {
    expect(blankAnnouncementForm()).toEqual({ title: '', body: '', pinned: false, roles: [], region_codes: [] })
    const a = announcement({ pinned: true, audience: { roles: ['enterprise'], region_codes: ['420102'], region_names: ['江岸区'] } })
    const f = announcementFormFrom(a)
    expect(f).toEqual({ title: a.title, body: a.body, pinned: true, roles: ['enterprise'], region_codes: ['420102'] })
    f.roles.push('institute')
    expect(a.audience.roles).toEqual(['enterprise'])
  })

  it('trims the title and blank lines around the body, keeping the first indent and inner breaks', () => {
    const req = announcementRequest({ title: '  通知 ', body: '\n  \n　　各运营企业：\n\n请按时申报。 \n\n', pinned: false, roles: [], region_codes: [] })
    expect(req.title).toBe('通知')
    expect(req.body).toBe('　　各运营企业：\n\n请按时申报。')
  })
})
