import { describe, expect, it } from 'vitest'
import {
  DEFAULT_CLASS_RANGES,
  activeInspectors,
  assignmentTags,
  blankTaskForm,
  calendarHint,
  checksProblem,
  canSwap,
  classRanges,
  classRatioProblem,
  classSummary,
  draftsPlans,
  editsItems,
  itemFormFrom,
  itemRequest,
  myAssignment,
  planActions,
  planFormFrom,
  planRequest,
  progressPercent,
  publicKindOf,
  rangeText,
  ratePercent,
  rangesProblem,
  recordRights,
  statTotals,
  taskActions,
  taskRequest,
  targetedTaskRequest,
  isTargeted,
  weekday,
  yearOptions,
} from './inspection'
import { itemFixture, objectFixture, planFixture, statRowFixture, taskFixture } from './inspection.fixture'
import { ROLES, type InspectionObject } from './api/types'

describe('who does what', () => {
  it('lets the city bureau edit items and district bureaus draft plans', () => {
    for (const r of ROLES) {
      expect(editsItems(r)).toBe(r === 'city_regulator')
      expect(draftsPlans(r)).toBe(r === 'district_regulator')
    }
  })

  it.each([
    ['draft', 'district_regulator', ['edit', 'submit']],
    ['returned', 'district_regulator', ['edit', 'submit']],
    ['submitted', 'district_regulator', []],
    ['accepted', 'district_regulator', []],
    ['submitted', 'city_regulator', ['accept', 'return']],
    ['draft', 'city_regulator', []],
    ['returned', 'city_regulator', []],
    ['submitted', 'enterprise', []],
  ] as const)('offers a %s plan to %s: %j', (status, role, actions) => {
    expect(planActions({ status }, role)).toEqual(actions)
  })

  it.each([
    ['draft', ['draw']],
    ['drawn', ['replay']],
    ['completed', ['replay', 'publish']],
    ['published', ['replay']],
  ] as const)('offers a %s task %j to regulators, nothing to others', (status, actions) => {
    expect(taskActions({ status }, 'district_regulator')).toEqual(actions)
    expect(taskActions({ status }, 'city_regulator')).toEqual(actions)
    for (const r of ['enterprise', 'institute', 'drc', 'sysadmin', null] as const) expect(taskActions({ status }, r)).toEqual([])
  })

  it('finds the active inspectors and the signed-in officer among them', () => {
    expect(activeInspectors(objectFixture).map((a) => a.name)).toEqual(['赵执法', '钱执法'])
    expect(myAssignment(objectFixture, 23)?.assignment_id).toBe(3)
    expect(myAssignment(objectFixture, 21)).toBeNull() // replaced
    expect(myAssignment(objectFixture, 99)).toBeNull()
    expect(myAssignment(objectFixture, null)).toBeNull()
  })

  it('lets a drawn officer record, sign and recuse until he or everyone has signed', () => {
    expect(recordRights(objectFixture, 23)).toEqual({ edit: true, sign: true, recuse: true })
    expect(recordRights(objectFixture, 22)).toEqual({ edit: false, sign: false, recuse: false }) // signed already
    expect(recordRights(objectFixture, 21)).toEqual({ edit: false, sign: false, recuse: false }) // replaced
    const pending: InspectionObject = { ...objectFixture, status: 'pending' }
    expect(recordRights(pending, 23)).toEqual({ edit: true, sign: false, recuse: true }) // no record to sign yet
    const signed: InspectionObject = { ...objectFixture, status: 'signed' }
    expect(recordRights(signed, 23)).toEqual({ edit: false, sign: false, recuse: false })
  })

  it('swaps inspectors while the task is being inspected and the object is not signed', () => {
    expect(canSwap({ status: 'drawn' }, { status: 'pending' }, 'district_regulator')).toBe(true)
    expect(canSwap({ status: 'drawn' }, { status: 'recorded' }, 'city_regulator')).toBe(true)
    expect(canSwap({ status: 'drawn' }, { status: 'signed' }, 'district_regulator')).toBe(false)
    expect(canSwap({ status: 'completed' }, { status: 'recorded' }, 'district_regulator')).toBe(false)
    expect(canSwap({ status: 'drawn' }, { status: 'pending' }, 'enterprise')).toBe(false)
  })

  it('tags an inspector by how he came and whether he was replaced', () => {
    expect(assignmentTags({ kind: 'draw', active: true })).toEqual([])
    expect(assignmentTags({ kind: 'swap', active: true })).toEqual(['swap'])
    expect(assignmentTags({ kind: 'recusal', active: true })).toEqual(['recusal'])
    expect(assignmentTags({ kind: 'draw', active: false })).toEqual(['replaced'])
    expect(assignmentTags({ kind: 'swap', active: false })).toEqual(['swap', 'replaced'])
  })
})

describe('ratios per credit class', () => {
  it('takes the item’s ranges over the defaults', () => {
    expect(classRanges(undefined)).toEqual(DEFAULT_CLASS_RANGES)
    const r = classRanges([{ class: 'A', min: 0, max: 0.03 }])
    expect(r.A).toEqual({ min: 0, max: 0.03 })
    expect(r.D).toEqual({ min: 0.61, max: 1 })
  })

  it('shows rates as percents without float noise', () => {
    expect(ratePercent(0.05)).toBe('5%')
    expect(ratePercent(0.125)).toBe('12.5%')
    expect(ratePercent(1 / 3)).toBe('33.33%')
    expect(ratePercent(0.07)).toBe('7%')
    expect(ratePercent(0)).toBe('0%')
    expect(ratePercent(1)).toBe('100%')
    expect(ratePercent(null)).toBe('—')
    expect(ratePercent(Number.NaN)).toBe('—')
  })

  it('words the ranges as the hints show them', () => {
    expect(rangeText(DEFAULT_CLASS_RANGES.A)).toBe('≤ 5%')
    expect(rangeText(DEFAULT_CLASS_RANGES.B)).toBe('5%–20%')
    expect(rangeText(DEFAULT_CLASS_RANGES.C)).toBe('21%–60%')
    expect(rangeText(DEFAULT_CLASS_RANGES.D)).toBe('61%–100%')
  })

  it.each([
    ['A', 5, null],
    ['A', 0, null],
    ['A', 5.01, 'outOfRange'],
    ['B', 5, null],
    ['B', 4.99, 'outOfRange'],
    ['B', 20, null],
    ['B', 20.5, 'outOfRange'],
    ['C', 21, null],
    ['C', 20.99, 'outOfRange'],
    ['C', 60, null],
    ['D', 61, null],
    ['D', 100, null],
    ['D', 60, 'outOfRange'],
    ['D', 100.01, 'outOfRange'],
    ['B', 10.555, 'decimals'],
    ['B', null, 'required'],
  ] as const)('checks class %s at %s%% against its range: %s', (cls, percent, problem) => {
    expect(classRatioProblem(percent, DEFAULT_CLASS_RANGES[cls])).toBe(problem)
  })
})

describe('the item form', () => {
  it('round-trips an item, the ranges as percents', () => {
    const f = itemFormFrom(itemFixture)
    expect(f.sub_items_text).toBe('强制检定情况\n计量器具准确度')
    expect(f.ranges_percent).toEqual({ A: { min: 0, max: 3 }, B: { min: 5, max: 20 }, C: { min: 21, max: 60 }, D: { min: 61, max: 100 } })
    const req = itemRequest({ ...f, name: ` ${f.name} `, sub_items_text: '强制检定情况\n\n 计量器具准确度 ', checks: [...f.checks, { code: ' ', name: '' }] })
    expect(req).toMatchObject({ name: itemFixture.name, sub_items: itemFixture.sub_items, checks: itemFixture.checks })
    expect(req.class_ranges).toEqual([
      { class: 'A', min: 0, max: 0.03 },
      { class: 'B', min: 0.05, max: 0.2 },
      { class: 'C', min: 0.21, max: 0.6 },
      { class: 'D', min: 0.61, max: 1 },
    ])
  })

  it('starts a new item with one empty check and the default ranges', () => {
    const f = itemFormFrom(null)
    expect(f.checks).toEqual([{ code: '', name: '' }])
    expect(f.ranges_percent.B).toEqual({ min: 5, max: 20 })
    expect(rangesProblem(f.ranges_percent)).toBeNull()
    expect(rangesProblem({ ...f.ranges_percent, C: { min: 60, max: 21 } })).toBe('C')
    expect(rangesProblem({ ...f.ranges_percent, D: { min: 61, max: 101 } })).toBe('D')
    expect(rangesProblem({ ...f.ranges_percent, A: { min: null, max: 5 } })).toBe('A')
  })

  it('checks the check list', () => {
    expect(checksProblem([{ code: '', name: ' ' }])).toBe('empty')
    expect(checksProblem([{ code: 'a', name: '' }])).toBe('incomplete')
    expect(checksProblem([{ code: 'a', name: 'x' }, { code: ' a', name: 'y' }])).toBe('duplicate')
    expect(checksProblem([{ code: 'a', name: 'x' }, { code: '', name: '' }])).toBeNull()
  })
})

describe('the task form', () => {
  it('starts with the district, the date and typical ratios', () => {
    const f = blankTaskForm('420102', '2027-03-15')
    expect(f).toMatchObject({ region_code: '420102', task_date: '2027-03-15', directed: false, ratio_percent: { A: 5, B: 10, C: 30, D: 70 } })
    for (const c of ['A', 'B', 'C', 'D'] as const) expect(classRatioProblem(f.ratio_percent[c], DEFAULT_CLASS_RANGES[c])).toBeNull()
  })

  it('sends ratios as decimals and a scope only when directed', () => {
    const f = { ...blankTaskForm('420102', '2027-03-15'), name: '  第一批 ', item_id: 1, scope_region_codes: ['420103'], scope_credit_classes: ['D', 'B'] as ('B' | 'D')[] }
    expect(taskRequest(f)).toEqual({
      name: '第一批',
      item_id: 1,
      plan_id: null,
      region_code: '420102',
      task_date: '2027-03-15',
      directed: false,
      scope_region_codes: [],
      scope_type_codes: [],
      scope_credit_classes: [],
      ratios: { A: 0.05, B: 0.1, C: 0.3, D: 0.7 },
    })
    const directed = taskRequest({ ...f, directed: true, plan_id: 9, ratio_percent: { A: 2.5, B: 5, C: 21, D: 100 } })
    expect(directed).toMatchObject({ directed: true, plan_id: 9, scope_region_codes: ['420103'], scope_credit_classes: ['B', 'D'], ratios: { A: 0.025, B: 0.05, C: 0.21, D: 1 } })
  })

  it('makes a 线索核查 task: undirected, no plan, the enterprise and its grounds', () => {
    const target = { org_id: 5, region_code: '420102', basis: ' 在用未备案：EQ-1（二七充电站） ' }
    expect(targetedTaskRequest(target, { item_id: 3, task_date: '2027-03-15', name: ' 线索核查：某企业 EQ-1 ' })).toEqual({
      name: '线索核查：某企业 EQ-1',
      item_id: 3,
      plan_id: null,
      region_code: '420102',
      task_date: '2027-03-15',
      directed: false,
      scope_region_codes: [],
      scope_type_codes: [],
      scope_credit_classes: [],
      ratios: { A: 0.05, B: 0.1, C: 0.3, D: 0.7 },
      target_org_id: 5,
      basis: '在用未备案：EQ-1（二七充电站）',
    })
    expect(isTargeted({ target_org_id: 5 })).toBe(true)
    expect(isTargeted({ target_org_id: null })).toBe(false)
  })
})

describe('the draw and its progress', () => {
  it('sums the frame and the sample per class', () => {
    const rows = classSummary(taskFixture)
    expect(rows.map((r) => [r.cls, r.frame, r.sample])).toEqual([
      ['A', 0, 0],
      ['B', 20, 2],
      ['C', 10, 3],
      ['D', 0, 0],
      ['total', 30, 5],
    ])
    expect(rows[0].ratio).toBeNull()
    expect(rows[1].ratio).toBeCloseTo(0.1)
    expect(rows[4].ratio).toBeCloseTo(5 / 30)
  })

  it('rounds progress down, reaching 100 only when all are signed', () => {
    expect(progressPercent({ objects: 0, signed: 0 })).toBe(0)
    expect(progressPercent({ objects: 3, signed: 1 })).toBe(33)
    expect(progressPercent({ objects: 200, signed: 199 })).toBe(99)
    expect(progressPercent({ objects: 5, signed: 5 })).toBe(100)
  })
})

describe('annual plans', () => {
  it('fills the form from a plan or starts a new one in the district', () => {
    expect(planFormFrom(null, '420102', 2027)).toEqual({ year: 2027, region_code: '420102', title: '', scope: '', batches: 1, timing: '' })
    expect(planFormFrom(planFixture, '', 2030)).toMatchObject({ year: 2027, region_code: '420102', batches: 2 })
    expect(planRequest({ year: 2027, region_code: '420102', title: ' 计划 ', scope: ' 范围\n', batches: 2, timing: ' 上半年 ' })).toEqual({
      year: 2027,
      region_code: '420102',
      title: '计划',
      scope: '范围',
      batches: 2,
      timing: '上半年',
    })
  })
})

describe('statistics', () => {
  it('sums the counts and computes the rates from the sums', () => {
    const other = { ...statRowFixture, region_code: '420103', tasks: 1, frame: 10, objects: 2, published: 2, unpublished: 0, closed: 2 }
    expect(statTotals([statRowFixture, other])).toEqual({
      tasks: 3,
      frame: 50,
      objects: 10,
      ratio: 0.2,
      published: 8,
      unpublished: 2,
      completion_rate: 0.8,
      closed: 5,
      closure_rate: 5 / 8,
    })
    expect(statTotals([])).toMatchObject({ frame: 0, ratio: 0, completion_rate: 0, closure_rate: 0 })
  })

  it('offers next year, this year and four before', () => {
    expect(yearOptions(new Date(2027, 5, 1))).toEqual([2028, 2027, 2026, 2025, 2024, 2023])
  })
})

describe('work calendar', () => {
  it('knows the day of the week', () => {
    expect(weekday('2027-02-06')).toBe(6) // Saturday
    expect(weekday('2027-02-07')).toBe(0)
    expect(weekday('2027-02-08')).toBe(1)
    expect(weekday('2027-2-8')).toBeNull()
  })

  it('warns of days that change nothing', () => {
    expect(calendarHint('2027-02-06', 'holiday')).toBe('holidayOnWeekend')
    expect(calendarHint('2027-02-08', 'holiday')).toBeNull()
    expect(calendarHint('2027-02-08', 'workday')).toBe('workdayOnWeekday')
    expect(calendarHint('2027-02-07', 'workday')).toBeNull()
    expect(calendarHint('', 'workday')).toBeNull()
  })
})

describe('信息公示 and times', () => {
  it('reads the tab from the address', () => {
    expect(publicKindOf('result')).toBe('result')
    expect(publicKindOf('plan')).toBe('plan')
    expect(publicKindOf('nonsense')).toBe('item_list')
    expect(publicKindOf(undefined)).toBe('item_list')
  })
})
