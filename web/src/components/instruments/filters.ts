// Filters of the instrument lists (我的器具, 备案审核) as the filter bar edits them.
import type { InstrumentQuery, InstrumentUse, StatusFilter, VerificationFilter } from '@/lib/api'

export interface InstrumentFilters {
  status: StatusFilter | ''
  type_code: string
  q: string
  brand: string
  region_code: string
  /** submitted date range, YYYY-MM-DD */
  date_from: string
  date_to: string
  /** one enterprise (from 企业档案); 0 = any */
  org_id: number
  /** verification state of approved instruments (from 检定监管) */
  verification: VerificationFilter | ''
  /** with verification `due_soon`: the window in days (统计分析's 30天内到期); 0 = the server's */
  due_days: number
  /** 用途 (备案审核, from 统计分析) */
  use: InstrumentUse | ''
}

export function blankFilters(status: StatusFilter | '' = ''): InstrumentFilters {
  return { status, type_code: '', q: '', brand: '', region_code: '', date_from: '', date_to: '', org_id: 0, verification: '', due_days: 0, use: '' }
}

/** Query of `GET /instruments` for the filters (empty values are left out by the client). */
export function toQuery(f: InstrumentFilters): InstrumentQuery {
  return {
    status: f.status,
    type_code: f.type_code,
    q: f.q.trim(),
    brand: f.brand.trim(),
    region_code: f.region_code,
    date_from: f.date_from,
    date_to: f.date_to,
    org_id: f.org_id || undefined,
    verification: f.verification,
    due_days: f.verification === 'due_soon' && f.due_days > 0 ? f.due_days : undefined,
    use: f.use,
  }
}
