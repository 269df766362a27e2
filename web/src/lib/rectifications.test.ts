import { describe, expect, it } from 'vitest'
import {
  CASE_STATUS_TAGS,
  LEGAL_BASIS_OPTIONS,
  LEGAL_BASIS_MAX,
  RECTIFICATION_SOURCE_TAGS,
  RECTIFICATION_STATUS_TAGS,
  answersRectifications,
  blankRectificationFilters,
  caseActions,
  casePenalty,
  formatYuan,
  decidesRectifications,
  filtersFromQuery,
  itemsBrief,
  lastReturnReason,
  rectificationActions,
  rectificationStatusTag,
  rectificationTodos,
  rowAction,
  timelineSteps,
  todoQuery,
} from './rectifications'
import { CASE_STATUSES, RECTIFICATION_SOURCES, RECTIFICATION_STATUSES, ROLES, type RectificationEvent } from './api/types'

const event = (action: RectificationEvent['action'], from: string, to: string, reason = ''): RectificationEvent => ({
  id: 1,
  at: '2027-03-01T02:00:00Z',
  username: 'jiangan',
  display_name: '',
  org_name: '江岸区市场监管局',
  action,
  from_status: from || null,
  to_status: to,
  reason,
})

describe('tags', () => {
  it('colours every status and source', () => {
    for (const s of RECTIFICATION_STATUSES) expect(RECTIFICATION_STATUS_TAGS[s]).toBeTruthy()
    for (const s of RECTIFICATION_SOURCES) expect(RECTIFICATION_SOURCE_TAGS[s]).toBeTruthy()
  })

  it('shows 待整改 warning, 待验收 primary, 已退回 danger, 已完结 success', () => {
    expect(rectificationStatusTag('issued')).toBe('warning')
    expect(rectificationStatusTag('answered')).toBe('primary')
    expect(rectificationStatusTag('returned')).toBe('danger')
    expect(rectificationStatusTag('closed')).toBe('success')
    expect(rectificationStatusTag('mystery')).toBe('info')
  })
})

describe('actions', () => {
  it('lets the enterprise answer an issued or returned order, nothing else', () => {
    expect(answersRectifications('enterprise')).toBe(true)
    expect(rectificationActions({ status: 'issued' }, 'enterprise')).toEqual(['answer'])
    expect(rectificationActions({ status: 'returned' }, 'enterprise')).toEqual(['answer'])
    expect(rectificationActions({ status: 'answered' }, 'enterprise')).toEqual([])
    expect(rectificationActions({ status: 'closed' }, 'enterprise')).toEqual([])
  })

  it('lets district and city regulators accept or return an answered order', () => {
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      expect(decidesRectifications(role)).toBe(true)
      expect(rectificationActions({ status: 'answered' }, role)).toEqual(['accept', 'return'])
      for (const status of ['issued', 'returned', 'closed'] as const) expect(rectificationActions({ status }, role)).toEqual([])
    }
  })

  it('offers nothing to other roles or when signed out', () => {
    for (const role of ROLES.filter((r) => !['enterprise', 'district_regulator', 'city_regulator'].includes(r))) {
      for (const status of RECTIFICATION_STATUSES) expect(rectificationActions({ status }, role)).toEqual([])
    }
    expect(rectificationActions({ status: 'issued' }, null)).toEqual([])
    expect(answersRectifications(null)).toBe(false)
    expect(decidesRectifications('institute')).toBe(false)
  })

  it('gives a list row one action: 提交整改 or 验收', () => {
    expect(rowAction({ status: 'issued' }, 'enterprise')).toBe('answer')
    expect(rowAction({ status: 'returned' }, 'enterprise')).toBe('answer')
    expect(rowAction({ status: 'answered' }, 'enterprise')).toBeNull()
    expect(rowAction({ status: 'answered' }, 'district_regulator')).toBe('accept')
    expect(rowAction({ status: 'answered' }, 'city_regulator')).toBe('accept')
    expect(rowAction({ status: 'closed' }, 'city_regulator')).toBeNull()
    expect(rowAction({ status: 'issued' }, 'drc')).toBeNull()
  })
})

describe('itemsBrief', () => {
  it('gives the first item and how many there are', () => {
    expect(itemsBrief(['更换计量芯片', '重新申请检定', '张贴合格标识'])).toEqual({ first: '更换计量芯片', count: 3 })
    expect(itemsBrief(['更换计量芯片'])).toEqual({ first: '更换计量芯片', count: 1 })
  })

  it('skips blank items and trims; null for none', () => {
    expect(itemsBrief(['', '  停止使用并送检 ', '整改报告'])).toEqual({ first: '停止使用并送检', count: 2 })
    expect(itemsBrief([])).toBeNull()
    expect(itemsBrief(['  ', ''])).toBeNull()
  })

  it('cuts a long first item by characters', () => {
    const long = '对全部同型号充电桩开展自查并停止使用不合格的器具，在整改完成后申请检定'
    expect(itemsBrief([long], 10)).toEqual({ first: '对全部同型号充电桩开…', count: 1 })
    expect(itemsBrief([long, '报告'], 10)).toEqual({ first: '对全部同型号充电桩开…', count: 2 })
    expect(itemsBrief(['短'], 1)).toEqual({ first: '短', count: 1 })
    expect(itemsBrief(['x'.repeat(40)])?.first).toBe(`${'x'.repeat(30)}…`)
  })
})

describe('filters from the address', () => {
  it('reads known values and drops unknown ones', () => {
    expect(filtersFromQuery({ status: 'answered', source: 'unverifiable', overdue: 'true', q: ' 江岸 ' })).toEqual({
      status: 'answered',
      source: 'unverifiable',
      overdue: true,
      q: '江岸',
    })
    expect(filtersFromQuery({ status: 'bogus', source: 'x', overdue: 'no' })).toEqual(blankRectificationFilters())
    expect(filtersFromQuery({})).toEqual(blankRectificationFilters())
    expect(filtersFromQuery({ status: ['issued', 'closed'], overdue: '1' })).toMatchObject({ status: 'issued', overdue: true })
  })
})

describe('timeline', () => {
  it('maps events to timeline steps, the first without a previous status', () => {
    const steps = timelineSteps([event('create', '', 'issued'), event('answer', 'issued', 'answered', '已更换'), event('return', 'answered', 'returned', '未附证书')])
    expect(steps[0]).toMatchObject({ action: 'create', from_status: null, to_status: 'issued' })
    expect(steps[1]).toMatchObject({ action: 'answer', from_status: 'issued', to_status: 'answered', reason: '已更换' })
    expect(steps[2]).toMatchObject({ action: 'return', from_status: 'answered', to_status: 'returned', reason: '未附证书', org_name: '江岸区市场监管局' })
  })

  it('finds the reason of the last return', () => {
    expect(lastReturnReason({ decision_reason: '未附检定证书', events: [] })).toBe('未附检定证书')
    expect(lastReturnReason({ decision_reason: '', events: [event('return', 'answered', 'returned', '一'), event('return', 'answered', 'returned', '二')] })).toBe('二')
    expect(lastReturnReason({ decision_reason: '', events: [event('create', '', 'issued')] })).toBe('')
  })
})

describe('home to-dos', () => {
  it('asks for one row of the status the role acts on', () => {
    expect(todoQuery('enterprise')).toEqual({ status: 'issued', page: 1, page_size: 1 })
    expect(todoQuery('district_regulator')).toEqual({ status: 'answered', page: 1, page_size: 1 })
    expect(todoQuery('city_regulator')).toEqual({ status: 'answered', page: 1, page_size: 1 })
    for (const role of ['drc', 'institute', 'sysadmin'] as const) expect(todoQuery(role)).toBeNull()
    expect(todoQuery(null)).toBeNull()
  })

  it('makes cards only for what there is to do', () => {
    expect(rectificationTodos('enterprise', { total: 2, overdue: 1 })).toEqual([
      { key: 'rectifications_issued', count: 2 },
      { key: 'rectifications_overdue', count: 1 },
    ])
    expect(rectificationTodos('district_regulator', { total: 3, overdue: 0 })).toEqual([{ key: 'rectifications_answered', count: 3 }])
    expect(rectificationTodos('city_regulator', { total: 0, overdue: 4 })).toEqual([{ key: 'rectifications_overdue', count: 4 }])
    expect(rectificationTodos('enterprise', { total: 0, overdue: 0 })).toEqual([])
    expect(rectificationTodos('institute', { total: 5, overdue: 5 })).toEqual([])
  })
})

describe('enforcement cases', () => {
  const regulators = ['district_regulator', 'city_regulator'] as const

  it('colours every case status: opened warning, decided primary, closed success', () => {
    for (const s of CASE_STATUSES) expect(CASE_STATUS_TAGS[s]).toBeTruthy()
    expect(CASE_STATUS_TAGS).toEqual({ opened: 'warning', decided: 'primary', closed: 'success' })
  })

  it('offers the usual legal bases, each within the limit', () => {
    expect(LEGAL_BASIS_OPTIONS).toContain('《中华人民共和国计量法》第二十六条')
    for (const b of LEGAL_BASIS_OPTIONS) expect(b.length).toBeLessThanOrEqual(LEGAL_BASIS_MAX)
  })

  it('lets a regulator open a case only on an overdue order without one', () => {
    for (const role of regulators) {
      expect(caseActions({ overdue: true, case: null }, role)).toEqual(['open'])
      expect(caseActions({ overdue: true }, role)).toEqual(['open'])
      expect(caseActions({ overdue: false, case: null }, role)).toEqual([])
    }
  })

  it('lets a regulator decide an opened case and close a decided one', () => {
    for (const role of regulators) {
      expect(caseActions({ overdue: true, case: { status: 'opened' } }, role)).toEqual(['decide'])
      expect(caseActions({ overdue: true, case: { status: 'decided' } }, role)).toEqual(['close'])
      expect(caseActions({ overdue: true, case: { status: 'closed' } }, role)).toEqual([])
      // the order may no longer be overdue (closed late): the case goes on
      expect(caseActions({ overdue: false, case: { status: 'opened' } }, role)).toEqual(['decide'])
    }
  })

  it('lets nobody else act on a case', () => {
    for (const role of [...ROLES.filter((r) => !(regulators as readonly string[]).includes(r)), null]) {
      expect(caseActions({ overdue: true, case: null }, role)).toEqual([])
      for (const status of CASE_STATUSES) expect(caseActions({ overdue: true, case: { status } }, role)).toEqual([])
    }
  })

  it('writes yuan with thousands separators', () => {
    expect(formatYuan(0)).toBe('0')
    expect(formatYuan(999)).toBe('999')
    expect(formatYuan(2000)).toBe('2,000')
    expect(formatYuan(1234567)).toBe('1,234,567')
    expect(formatYuan(100000000)).toBe('100,000,000')
  })

  it('shows the penalty once decided: the amount, or 不予罚款 for 0', () => {
    expect(casePenalty({ status: 'opened', penalty_yuan: 0 })).toBeNull()
    expect(casePenalty({ status: 'decided', penalty_yuan: 2000 })).toEqual({ yuan: '2,000' })
    expect(casePenalty({ status: 'closed', penalty_yuan: 0 })).toBe('none')
  })
})
