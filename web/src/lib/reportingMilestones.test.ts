// 工作节点: the form, the deadline and each district's progress.
import { describe, expect, it } from 'vitest'
import type { MilestoneProgressRow } from './api/types.reporting'
import { MILESTONE_KINDS, MILESTONE_STATUSES } from './api/types.reporting'
import { MILESTONE_STATUS_TAGS, blankMilestoneForm, daysLeftOf, deadlineState, managesMilestones, milestoneForm, milestoneLink, milestoneRequest, needsSince, progressCounts, progressPercent, progressState, progressStatus, progressText, targetValid } from './reportingMilestones'

const NOW = new Date(2026, 11, 6, 10, 0, 0) // 2026-12-06

describe('工作节点', () => {
  const row = (over: Partial<MilestoneProgressRow> = {}): MilestoneProgressRow => ({ region_code: '420102', name: '江岸区', numerator: 3, denominator: 4, pct: 75, met: false, overdue: false, ...over })

  it('lets the city bureau alone manage milestones; tags every status', () => {
    expect(managesMilestones('city_regulator')).toBe(true)
    for (const r of ['district_regulator', 'drc', 'institute', 'enterprise', 'sysadmin', null] as const) expect(managesMilestones(r), String(r)).toBe(false)
    for (const s of MILESTONE_STATUSES) expect(MILESTONE_STATUS_TAGS[s], s).toBeTruthy()
  })

  it('asks for `since` with first verification only', () => {
    expect(MILESTONE_KINDS.filter(needsSince)).toEqual(['first_verification'])
    expect(needsSince('')).toBe(false)
  })

  it('starts a new milestone at 100% in 30 days, edits an existing one, and sends since only where it counts', () => {
    expect(blankMilestoneForm(NOW)).toEqual({ title: '', kind: '', deadline: '2027-01-05', target_pct: 100, since: '', note: '' })
    const f = milestoneForm({ title: 't', kind: 'first_verification', deadline: '2026-12-31', target_pct: 90, since: '2026-07-01', note: 'n' })
    expect(f).toEqual({ title: 't', kind: 'first_verification', deadline: '2026-12-31', target_pct: 90, since: '2026-07-01', note: 'n' })
    expect(milestoneRequest(f)).toEqual({ title: 't', kind: 'first_verification', deadline: '2026-12-31', target_pct: 90, since: '2026-07-01', note: 'n' })
    expect(milestoneRequest({ ...f, kind: 'sampling' })).toEqual({ title: 't', kind: 'sampling', deadline: '2026-12-31', target_pct: 90, note: 'n' })
    expect(milestoneForm({ title: 't', kind: 'sampling', deadline: '2026-12-31', target_pct: 90, since: null, note: '' }).since).toBe('')
    expect(milestoneRequest(blankMilestoneForm(NOW))).toBeNull()
  })

  it('takes whole targets from 1 to 100', () => {
    for (const n of [1, 50, 100]) expect(targetValid(n), String(n)).toBe(true)
    for (const n of [0, 101, 99.5, -1, NaN, '80', null]) expect(targetValid(n), String(n)).toBe(false)
  })

  it('tags the deadline: days left, within a week amber, today, past red', () => {
    expect(deadlineState(30)).toEqual({ kind: 'left', n: 30, tag: 'info' })
    expect(deadlineState(7)).toEqual({ kind: 'soon', n: 7, tag: 'warning' })
    expect(deadlineState(1)).toEqual({ kind: 'soon', n: 1, tag: 'warning' })
    expect(deadlineState(0)).toEqual({ kind: 'today', n: 0, tag: 'warning' })
    expect(deadlineState(-3)).toEqual({ kind: 'past', n: 3, tag: 'danger' })
    expect(daysLeftOf({ deadline: '2027-01-05' }, NOW)).toBe(30)
    expect(daysLeftOf({ deadline: '2026-12-01' }, NOW)).toBe(-5)
  })

  it('colours a district green when met, red when overdue, blue while under way, and leaves one with nothing to count empty', () => {
    expect(progressState(row({ met: true, pct: 100 }))).toBe('met')
    expect(progressStatus(row({ met: true, pct: 100 }))).toBe('success')
    expect(progressState(row({ overdue: true }))).toBe('overdue')
    expect(progressStatus(row({ overdue: true }))).toBe('exception')
    expect(progressState(row())).toBe('pending')
    expect(progressStatus(row())).toBeUndefined()
    expect(progressState(row({ pct: null, numerator: 0, denominator: 0 }))).toBe('none')
    expect(progressStatus(row({ pct: null }))).toBeUndefined()
    // met wins (the server never sends both)
    expect(progressState(row({ met: true, overdue: true }))).toBe('met')
  })

  it('fills the bar with the percent, capped to 0–100, and shows it with one decimal', () => {
    expect(progressPercent(row({ pct: 87.5 }))).toBe(87.5)
    expect(progressPercent(row({ pct: null }))).toBe(0)
    expect(progressPercent(row({ pct: 120 }))).toBe(100)
    expect(progressText(row({ pct: 87.5 }))).toBe('87.5%')
    expect(progressText(row({ pct: 100 }))).toBe('100%')
    expect(progressText(row({ pct: null }))).toBe('—')
    expect(progressCounts([row({ met: true }), row({ overdue: true }), row(), row({ pct: null })])).toEqual({ met: 1, overdue: 1, pending: 1, none: 1 })
  })

  it('opens the registry list behind a district where one exists', () => {
    expect(milestoneLink({ kind: 'filing_review' }, { region_code: '420102' })).toEqual({ path: '/review', query: { status: 'all', region_code: '420102' } })
    expect(milestoneLink({ kind: 'periodic_verification' }, { region_code: '420102' })).toEqual({ path: '/review', query: { status: 'approved', region_code: '420102' } })
    // the 合计 row: the whole scope
    expect(milestoneLink({ kind: 'periodic_verification' }, { region_code: '' })).toEqual({ path: '/review', query: { status: 'approved' } })
    for (const kind of ['first_verification', 'sampling', 'inspection'] as const) expect(milestoneLink({ kind }, { region_code: '420102' }), kind).toBeNull()
  })
})
