import { describe, expect, it } from 'vitest'
import {
  RECTIFICATION_SOURCE_TAGS,
  RECTIFICATION_STATUS_TAGS,
  answersRectifications,
  blankRectificationFilters,
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
import { RECTIFICATION_SOURCES, RECTIFICATION_STATUSES, ROLES, type RectificationEvent } from './api/types'

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
