import { describe, expect, it } from 'vitest'
import {
  actualPercent,
  canAskFollowups,
  canDispatch,
  canDrawPlan,
  coveredStrata,
  currentDraw,
  expectedSampleSize,
  hasReport,
  isValidSeed,
  nextYear,
  percentToRatio,
  planRequest,
  randomSeed,
  ratioPercent,
  ratioProblem,
  unitOutcome,
  verifiedPercent,
  type PlanForm,
} from './sampling'
import type { SampledInstrument, SamplingDraw, SamplingPlan, SamplingProgress } from './api/types'

describe('ratio and percent', () => {
  it('shows a decimal ratio as a percent without float noise', () => {
    expect(ratioPercent('0.05')).toBe('5%')
    expect(ratioPercent('0.055')).toBe('5.5%')
    expect(ratioPercent('0.1234')).toBe('12.34%')
    expect(ratioPercent('0.5')).toBe('50%')
    expect(ratioPercent('1')).toBe('100%')
    expect(ratioPercent('1.0000')).toBe('100%')
    expect(ratioPercent('0.0700')).toBe('7%')
    expect(ratioPercent(0.07)).toBe('7%')
    expect(ratioPercent('abc')).toBe('abc')
  })

  it('sends a percent as a decimal with at most 4 places', () => {
    expect(percentToRatio(5)).toBe(0.05)
    expect(percentToRatio(5.5)).toBe(0.055)
    expect(percentToRatio(5.55)).toBe(0.0555)
    expect(percentToRatio(7)).toBe(0.07)
    expect(percentToRatio(12.34)).toBe(0.1234)
    expect(percentToRatio(100)).toBe(1)
    expect(JSON.stringify({ ratio: percentToRatio(5.55) })).toBe('{"ratio":0.0555}')
  })

  it('checks the percent as the server checks the ratio', () => {
    expect(ratioProblem(null)).toBe('required')
    expect(ratioProblem(Number.NaN)).toBe('required')
    expect(ratioProblem(4.99)).toBe('tooLow')
    expect(ratioProblem(0)).toBe('tooLow')
    expect(ratioProblem(5)).toBeNull()
    expect(ratioProblem(5.55)).toBeNull()
    expect(ratioProblem(100)).toBeNull()
    expect(ratioProblem(100.5)).toBe('tooHigh')
    expect(ratioProblem(5.555)).toBe('decimals')
  })
})

describe('seeds', () => {
  it('accepts 20 to 100 digits only', () => {
    expect(isValidSeed('1'.repeat(19))).toBe(false)
    expect(isValidSeed('1'.repeat(20))).toBe(true)
    expect(isValidSeed('9'.repeat(100))).toBe(true)
    expect(isValidSeed('9'.repeat(101))).toBe(false)
    expect(isValidSeed('2027010512345678901a')).toBe(false)
    expect(isValidSeed(' 20270105123456789012')).toBe(false)
    expect(isValidSeed('')).toBe(false)
  })

  it('makes 24 digits from the cryptographic generator, first not 0', () => {
    for (let i = 0; i < 50; i++) {
      const s = randomSeed()
      expect(s).toMatch(/^[1-9]\d{23}$/)
      expect(isValidSeed(s)).toBe(true)
    }
    expect(randomSeed(30)).toHaveLength(30)
  })

  it('skips bytes that would bias the digits, and a leading 0', () => {
    const bytes = [0, 255, 250, 13, 7, 249, 10, 99]
    const fake = (buf: Uint8Array) => {
      buf.fill(1)
      buf.set(bytes.slice(0, buf.length))
      return buf
    }
    // 0 (leading zero), 255 and 250 skipped; then 3, 7, 9 (249), 0 (10), 9 (99)
    expect(randomSeed(5, fake)).toBe('37909')
  })
})

const draw = (seq: number, items: [number, string][], extra: Partial<SamplingDraw> = {}): SamplingDraw => ({
  seq,
  seed: '20270105123456789012',
  algorithm: 'sha256-mod-v1',
  frame_size: 80,
  strata: 3,
  sample_size: items.length,
  reason: '',
  drawn_by: '市局计量处',
  drawn_at: '2027-01-05T02:00:00Z',
  items: items.map(([instrument_id, stratum]) => ({ instrument_id, stratum })),
  ...extra,
})

describe('draws', () => {
  it('takes the latest draw as the current one', () => {
    expect(currentDraw(null)).toBeNull()
    expect(currentDraw({ draws: [] })).toBeNull()
    const d1 = draw(1, [])
    const d2 = draw(2, [])
    expect(currentDraw({ draws: [d1, d2] })).toBe(d2)
    expect(currentDraw({ draws: [d2, d1] })).toBe(d2)
  })

  it('counts the strata the sample covers', () => {
    expect(coveredStrata(draw(1, [[1, 'a|x'], [2, 'b|y'], [3, 'a|x']]).items)).toBe(2)
    expect(coveredStrata([])).toBe(0)
  })

  it('shows n / N as a percent', () => {
    expect(actualPercent(5, 80)).toBe('6.25%')
    expect(actualPercent(4, 80)).toBe('5%')
    expect(actualPercent(1, 3)).toBe('33.33%')
    expect(actualPercent(6, 60)).toBe('10%')
    expect(actualPercent(0, 0)).toBe('—')
  })

  it('computes ⌈ratio × N⌉ exactly and raises it to the strata', () => {
    expect(expectedSampleSize('0.05', 80, 3)).toEqual({ byRatio: 4, size: 4 })
    expect(expectedSampleSize('0.05', 81, 3)).toEqual({ byRatio: 5, size: 5 })
    expect(expectedSampleSize('0.05', 80, 6)).toEqual({ byRatio: 4, size: 6 })
    // 0.07 × 100 is 7.000000000000001 in floating point; exactly 7
    expect(expectedSampleSize('0.07', 100, 1)).toEqual({ byRatio: 7, size: 7 })
    expect(expectedSampleSize('0.0555', 1000, 1)).toEqual({ byRatio: 56, size: 56 })
    expect(expectedSampleSize('1', 10, 12)).toEqual({ byRatio: 10, size: 10 })
    expect(expectedSampleSize('x', 10, 1)).toBeNull()
  })
})

describe('plan form', () => {
  const form: PlanForm = {
    name: '  2027年度江岸区交流充电桩抽样检定 ',
    year: 2027,
    region_codes: ['420102'],
    type_codes: ['ev_ac_charger'],
    ratio_percent: 5.5,
    institute_org_id: 4,
    exclude_verified_within_days: 30,
    deadline: '2027-06-30',
  }

  it('maps to the request: trimmed name, decimal ratio', () => {
    expect(planRequest(form)).toEqual({
      name: '2027年度江岸区交流充电桩抽样检定',
      year: 2027,
      region_codes: ['420102'],
      type_codes: ['ev_ac_charger'],
      ratio: 0.055,
      institute_org_id: 4,
      exclude_verified_within_days: 30,
      deadline: '2027-06-30',
    })
  })

  it('leaves out an empty deadline and sends no regions for the whole city', () => {
    const req = planRequest({ ...form, region_codes: [], deadline: '', exclude_verified_within_days: null })
    expect(req).not.toHaveProperty('deadline')
    expect(req.region_codes).toEqual([])
    expect(req.exclude_verified_within_days).toBe(0)
  })

  it('defaults to next year', () => {
    expect(nextYear(new Date(2026, 11, 5))).toBe(2027)
  })
})

const unit = (instrument_id: number, extra: Partial<SampledInstrument> = {}): SampledInstrument => ({
  instrument_id,
  serial_no: `SN${instrument_id}`,
  brand: '星星充电',
  model: 'AC7',
  org_name: '武汉某某充电科技有限公司',
  region_name: '江岸区',
  install_address: '江岸区某路1号',
  station_name: '某充电站',
  appointment_id: null,
  appointment_status: null,
  record_id: null,
  conclusion: null,
  certificate_no: '',
  unverifiable_reason: '',
  rectification_id: null,
  ...extra,
})
const progress = (extra: Partial<SamplingProgress> = {}): SamplingProgress => ({ sampled: 4, dispatched: 0, verified: 0, passed: 0, failed: 0, unverifiable: 0, ...extra })
type Execution = Pick<SamplingPlan, 'status' | 'sample' | 'progress'>

describe('execution', () => {
  const drawn: Execution = { status: 'drawn', sample: [unit(1), unit(2)], progress: progress({ sampled: 2 }) }
  const allDispatched: Execution = {
    status: 'dispatched',
    sample: [unit(1, { appointment_id: 9, appointment_status: 'accepted' }), unit(2, { appointment_id: 9, appointment_status: 'accepted' })],
    progress: progress({ sampled: 2, dispatched: 2 }),
  }

  it('offers 下发检定任务 to the city bureau on a drawn plan', () => {
    expect(canDispatch(drawn, 'city_regulator')).toBe(true)
    expect(canDispatch(drawn, 'district_regulator')).toBe(false)
    expect(canDispatch(drawn, 'institute')).toBe(false)
    expect(canDispatch(drawn, null)).toBe(false)
    expect(canDispatch({ status: 'draft', sample: [], progress: progress({ sampled: 0 }) }, 'city_regulator')).toBe(false)
  })

  it('offers it again on a dispatched plan only while a unit has no task', () => {
    expect(canDispatch(allDispatched, 'city_regulator')).toBe(false)
    const skipped: Execution = { ...allDispatched, sample: [allDispatched.sample[0], unit(2)], progress: progress({ sampled: 2, dispatched: 1 }) }
    expect(canDispatch(skipped, 'city_regulator')).toBe(true)
    expect(canDispatch(skipped, 'district_regulator')).toBe(false)
    // the counts cover units the caller's rows may not show
    expect(canDispatch({ ...allDispatched, progress: progress({ sampled: 3, dispatched: 2 }) }, 'city_regulator')).toBe(true)
  })

  it('draws only before the dispatch, asks for 举一反三 only after it', () => {
    expect(canDrawPlan({ status: 'draft' }, 'city_regulator')).toBe(true)
    expect(canDrawPlan({ status: 'drawn' }, 'city_regulator')).toBe(true)
    expect(canDrawPlan({ status: 'dispatched' }, 'city_regulator')).toBe(false)
    expect(canDrawPlan({ status: 'draft' }, 'institute')).toBe(false)
    expect(canAskFollowups({ status: 'dispatched' }, 'city_regulator')).toBe(true)
    expect(canAskFollowups({ status: 'drawn' }, 'city_regulator')).toBe(false)
    expect(canAskFollowups({ status: 'dispatched' }, 'district_regulator')).toBe(false)
  })

  it('has a report once drawn', () => {
    expect(hasReport({ status: 'draft' })).toBe(false)
    expect(hasReport({ status: 'drawn' })).toBe(true)
    expect(hasReport({ status: 'dispatched' })).toBe(true)
  })

  it('shows verified / sampled as a whole percent, rounded down', () => {
    expect(verifiedPercent({ sampled: 0, verified: 0 })).toBe(0)
    expect(verifiedPercent({ sampled: 4, verified: 0 })).toBe(0)
    expect(verifiedPercent({ sampled: 4, verified: 1 })).toBe(25)
    expect(verifiedPercent({ sampled: 3, verified: 1 })).toBe(33)
    expect(verifiedPercent({ sampled: 3, verified: 2 })).toBe(66)
    expect(verifiedPercent({ sampled: 1000, verified: 999 })).toBe(99)
    expect(verifiedPercent({ sampled: 4, verified: 4 })).toBe(100)
    expect(verifiedPercent({ sampled: 4, verified: 5 })).toBe(100)
  })

  it('names a unit\'s outcome, 不具备检定条件 before any conclusion', () => {
    expect(unitOutcome(unit(1))).toBeNull()
    expect(unitOutcome(unit(1, { conclusion: 'pass' }))).toBe('pass')
    expect(unitOutcome(unit(1, { conclusion: 'fail' }))).toBe('fail')
    expect(unitOutcome(unit(1, { unverifiable_reason: '充电桩已拆除' }))).toBe('unverifiable')
  })
})
