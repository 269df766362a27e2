// Rules of certificates and pass labels as the UI needs them: status colours, which ones can get
// a label, who may revise or revoke, and label sizes.
import type { Certificate, CertificateLiveStatus, LabelOptions, Me } from './api/types'
import type { TagType } from './filing'

/** 有效 green, 已过期 orange, 已注销 red, 已替代 grey, 不合格 red. */
export const CERT_LIVE_TAGS: Record<CertificateLiveStatus, TagType> = {
  valid: 'success',
  expired: 'warning',
  revoked: 'danger',
  superseded: 'info',
  failed: 'danger',
}
export const CERT_KIND_TAGS: Record<string, TagType> = { certificate: 'success', result_notice: 'warning' }

export function certTagType(s: string): TagType {
  return CERT_LIVE_TAGS[s as CertificateLiveStatus] ?? 'info'
}

export const DEFAULT_LABEL: LabelOptions = { width_mm: 50, height_mm: 30, layout: 'sheet' }
/** What the server renders (mm). */
export const LABEL_WIDTH = { min: 30, max: 100 } as const
export const LABEL_HEIGHT = { min: 20, max: 80 } as const

/** Labels are printed for valid certificates only (never for result notices). */
export function labelPrintable(c: Pick<Certificate, 'kind' | 'live_status'>): boolean {
  return c.kind === 'certificate' && c.live_status === 'valid'
}

/** Institute and owner enterprise print labels; regulators only look. */
export function printsLabels(role: string | null): boolean {
  return role === 'institute' || role === 'enterprise'
}

/** An approver of the issuing institute may revise or revoke the current revision. */
export function canAmend(c: Pick<Certificate, 'institute_org_id' | 'status'>, me: Me | null): boolean {
  return !!me && me.role === 'institute' && me.org?.id === c.institute_org_id && me.user.duties.includes('approver') && c.status === 'valid'
}
