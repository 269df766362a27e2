// The page footer's lines from `GET /site`: 主办单位, 技术支持, 备案号, 投诉举报电话, in that
// order, leaving out what is empty or not a string (a server may send less than the contract).
import type { SiteInfo } from '@/lib/api'

export interface FooterItem {
  /** i18n key of the line, with `{value}` for the field */
  key: string
  value: string
}

const FIELDS: [keyof SiteInfo, string][] = [
  ['organiser', 'footer.organiser'],
  ['support', 'footer.support'],
  ['icp', 'footer.icp'],
  ['complaint_phone', 'footer.complaintPhone'],
]

export function footerItems(site: Partial<Record<keyof SiteInfo, unknown>> | null | undefined): FooterItem[] {
  if (!site || typeof site !== 'object') return []
  const out: FooterItem[] = []
  for (const [field, key] of FIELDS) {
    const v = site[field]
    if (typeof v === 'string' && v.trim()) out.push({ key, value: v.trim() })
  }
  return out
}
