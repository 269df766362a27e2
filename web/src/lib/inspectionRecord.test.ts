import { describe, expect, it } from 'vitest'
import {
  PHOTO_MAX_BYTES,
  daysFrom,
  defaultFollowUp,
  needsRectification,
  photoProblem,
  recordFormFrom,
  recordProblems,
  recordRequest,
  suggestedItems,
  type RecordForm,
} from './inspectionRecord'
import { objectFixture } from './inspection.fixture'
import { INSPECTION_RESULTS } from './api/types'

const NOW = new Date(2027, 2, 15)

function blank(): RecordForm {
  return recordFormFrom({ ...objectFixture, checks: objectFixture.checks.map((c) => ({ ...c, ok: null, finding: '' })), error_pct: null, error_note: '', result: '', follow_up: '', note: '' }, NOW)
}

describe('the record form', () => {
  it('starts from the saved record, with a deadline 30 days on', () => {
    const f = recordFormFrom(objectFixture, NOW)
    expect(f.checks.map((c) => c.ok)).toEqual([true, false, true])
    expect(f).toMatchObject({ error_checked: true, error_pct: 0.4, result: 'corrected', follow_up: 'order_correction', rectification_deadline: '2027-04-14' })
    expect(blank()).toMatchObject({ error_checked: false, result: '', follow_up: '' })
  })

  it('shows back the saved 整改事项 and 整改期限 (the order opens with them at the last signature)', () => {
    const f = recordFormFrom({ ...objectFixture, rectification_items: ['补贴检定合格标识'], rectification_deadline: '2027-02-01' }, NOW)
    expect(f.rectification_items).toEqual(['补贴检定合格标识'])
    expect(f.rectification_deadline).toBe('2027-02-01')
  })

  it('counts days across month ends', () => {
    expect(daysFrom(new Date(2027, 0, 31), 30)).toBe('2027-03-02')
    expect(daysFrom(new Date(2027, 11, 15), 30)).toBe('2028-01-14')
  })

  it('names what keeps a record from being saved, in form order', () => {
    expect(recordProblems(blank())).toEqual(['checksIncomplete', 'resultRequired', 'followUpRequired'])
    const f = blank()
    f.checks = f.checks.map((c, i) => ({ ...c, ok: i !== 1 }))
    f.error_checked = true
    f.result = 'corrected'
    f.follow_up = 'order_correction'
    f.rectification_deadline = ''
    expect(recordProblems(f)).toEqual(['findingRequired', 'errorPctRequired', 'itemsRequired', 'deadlineRequired'])
    f.checks[1].finding = '过期'
    f.error_pct = -0.5
    f.rectification_items = ['  ', '送检']
    f.rectification_deadline = '2027-04-14'
    expect(recordProblems(f)).toEqual([])
    expect(recordProblems(recordFormFrom(objectFixture, NOW))).toEqual(['itemsRequired'])
  })

  it('sends trimmed texts, no error check when not done, items only for 责令改正', () => {
    const f = recordFormFrom(objectFixture, NOW)
    f.rectification_items = [' 2号桩送检 ', '', '更换铅封']
    f.note = '  现场已拍照 '
    expect(recordRequest(f)).toEqual({
      checks: [
        { code: 'filed', ok: true, finding: '' },
        { code: 'verified', ok: false, finding: '2号桩检定已过期' },
        { code: 'seal', ok: true, finding: '' },
      ],
      error_pct: 0.4,
      error_note: '抽测1台，误差在允许范围内',
      result: 'corrected',
      follow_up: 'order_correction',
      note: '现场已拍照',
      rectification_items: ['2号桩送检', '更换铅封'],
      rectification_deadline: '2027-04-14',
    })
    const none = recordRequest({ ...f, error_checked: false, result: 'no_problem', follow_up: 'none' })
    expect(none.error_pct).toBeNull()
    expect(none.error_note).toBe('')
    expect(none).not.toHaveProperty('rectification_items')
    expect(none).not.toHaveProperty('rectification_deadline')
  })

  it('suggests a follow-up for each result and items from the failed checks', () => {
    for (const r of INSPECTION_RESULTS) expect(['none', 'order_correction', 'transfer_case', '']).toContain(defaultFollowUp(r))
    expect(defaultFollowUp('no_problem')).toBe('none')
    expect(defaultFollowUp('corrected')).toBe('order_correction')
    expect(defaultFollowUp('pending_followup')).toBe('')
    expect(defaultFollowUp('')).toBe('')
    expect(needsRectification('order_correction')).toBe(true)
    expect(needsRectification('none')).toBe(false)
    const f = recordFormFrom(objectFixture, NOW)
    expect(suggestedItems(f.checks)).toEqual(['2号桩检定已过期'])
    f.checks[0] = { ...f.checks[0], ok: false, finding: ' ' }
    expect(suggestedItems(f.checks)).toEqual(['充电桩已办理强检备案', '2号桩检定已过期'])
  })
})

describe('photos', () => {
  it('takes JPEG and PNG up to 5 MB', () => {
    expect(photoProblem({ type: 'image/jpeg', size: 1000 })).toBeNull()
    expect(photoProblem({ type: 'image/png', size: PHOTO_MAX_BYTES })).toBeNull()
    expect(photoProblem({ type: 'image/png', size: PHOTO_MAX_BYTES + 1 })).toBe('size')
    expect(photoProblem({ type: 'image/gif', size: 10 })).toBe('type')
    expect(photoProblem({ type: '', size: 10 })).toBe('type')
    expect(PHOTO_MAX_BYTES).toBe(5 * 1024 * 1024)
  })
})
