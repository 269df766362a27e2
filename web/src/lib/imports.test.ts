import { describe, expect, it, vi } from 'vitest'
import type { ImportError, ImportRow, ImportRowData, ImportSummary } from './api/types'
import {
  activeStep,
  canCommit,
  cellHasError,
  checkImportFile,
  formErrorsOf,
  hasErrorReport,
  importFormFrom,
  importStateTag,
  isIsoDate,
  isParsing,
  MAX_IMPORT_BYTES,
  pollWhileParsing,
  saveState,
} from './imports'

const MB = 1024 * 1024

function summary(over: Partial<ImportSummary> = {}): ImportSummary {
  return {
    id: 1,
    filename: 'a.csv',
    status: 'ready',
    rows_total: 3,
    rows_valid: 3,
    rows_existing: 0,
    rows_error: 0,
    progress: 3,
    created: 0,
    error: null,
    errors: [],
    errors_truncated: false,
    ...over,
  }
}

const err = (field: string, message = 'x', column = '列'): ImportError => ({ row: 3, column, field, code: 'c', message })
const row = (errors: ImportError[]): Pick<ImportRow, 'errors'> => ({ errors })

describe('checkImportFile', () => {
  it('accepts .xlsx and .csv up to 20 MB, whatever the case of the extension', () => {
    expect(checkImportFile({ name: '器具清单.xlsx', size: 10 })).toBeNull()
    expect(checkImportFile({ name: 'LIST.CSV', size: MAX_IMPORT_BYTES })).toBeNull()
    expect(MAX_IMPORT_BYTES).toBe(20 * MB)
  })

  it('refuses other types, files over 20 MB and empty files', () => {
    expect(checkImportFile({ name: 'list.xls', size: 10 })).toBe('type')
    expect(checkImportFile({ name: 'list.xlsx.exe', size: 10 })).toBe('type')
    expect(checkImportFile({ name: 'csv', size: 10 })).toBe('type')
    expect(checkImportFile({ name: 'list.xlsx', size: MAX_IMPORT_BYTES + 1 })).toBe('size')
    expect(checkImportFile({ name: 'list.csv', size: 0 })).toBe('empty')
  })
})

describe('polling', () => {
  it('polls while parsing and stops at the first other status', async () => {
    const answers = [summary({ status: 'parsing', progress: 100 }), summary({ status: 'parsing', progress: 200 }), summary({ status: 'ready' })]
    const next = vi.fn(async () => answers.shift()!)
    const sleep = vi.fn(async () => {})
    const seen: number[] = []
    const last = await pollWhileParsing(summary({ status: 'parsing', progress: 0 }), next, { sleep, onUpdate: (s) => seen.push(s.progress) })
    expect(last?.status).toBe('ready')
    expect(next).toHaveBeenCalledTimes(3)
    expect(sleep).toHaveBeenCalledWith(500)
    expect(seen).toEqual([100, 200, 3])
  })

  it('stops on failed and does not poll a settled import at all', async () => {
    const next = vi.fn(async () => summary({ status: 'failed', error: { code: 'import_empty', message: '没有数据行' } }))
    const sleep = async () => {}
    expect((await pollWhileParsing(summary({ status: 'parsing' }), next, { sleep }))?.status).toBe('failed')
    expect(next).toHaveBeenCalledTimes(1)
    next.mockClear()
    expect((await pollWhileParsing(summary({ status: 'ready' }), next, { sleep }))?.status).toBe('ready')
    expect(next).not.toHaveBeenCalled()
  })

  it('gives up when cancelled', async () => {
    let cancelled = false
    const next = vi.fn(async () => {
      cancelled = true
      return summary({ status: 'parsing' })
    })
    const updates = vi.fn()
    expect(await pollWhileParsing(summary({ status: 'parsing' }), next, { sleep: async () => {}, cancelled: () => cancelled, onUpdate: updates })).toBeNull()
    expect(next).toHaveBeenCalledTimes(1)
    expect(updates).not.toHaveBeenCalled()
  })

  it('knows parsing from the other statuses', () => {
    expect(isParsing(summary({ status: 'parsing' }))).toBe(true)
    for (const status of ['ready', 'failed', 'committed'] as const) expect(isParsing(summary({ status }))).toBe(false)
    expect(isParsing(null)).toBe(false)
  })
})

describe('saving', () => {
  it('may save only without errors and with valid rows', () => {
    expect(canCommit(summary())).toBe(true)
    expect(canCommit(summary({ rows_valid: 2, rows_error: 1 }))).toBe(false)
    expect(canCommit(summary({ rows_valid: 0, rows_existing: 3 }))).toBe(false)
    expect(canCommit(summary({ status: 'parsing' }))).toBe(false)
    expect(canCommit(summary({ status: 'committed' }))).toBe(false)
    expect(canCommit(null)).toBe(false)
  })

  it('tells why it cannot save', () => {
    expect(saveState(summary({ rows_valid: 2, rows_error: 1 }))).toBe('has_errors')
    expect(saveState(summary({ rows_valid: 0, rows_existing: 3 }))).toBe('all_existing')
    expect(saveState(summary({ rows_total: 0, rows_valid: 0 }))).toBe('empty')
    expect(saveState(summary({ status: 'committed' }))).toBe('committed')
    expect(saveState(summary({ status: 'failed' }))).toBe('not_ready')
    expect(saveState(summary({ rows_valid: 1, rows_existing: 2 }))).toBe('ready')
  })

  it('offers the error report only for a ready import with errors', () => {
    expect(hasErrorReport(summary({ rows_error: 1 }))).toBe(true)
    expect(hasErrorReport(summary())).toBe(false)
    expect(hasErrorReport(summary({ status: 'committed', rows_error: 1 }))).toBe(false)
  })

  it('walks the step bar', () => {
    expect(activeStep(false, null)).toBe(0)
    expect(activeStep(true, null)).toBe(1)
    expect(activeStep(false, summary({ status: 'parsing' }))).toBe(1)
    expect(activeStep(true, summary({ status: 'failed' }))).toBe(1)
    expect(activeStep(true, summary({ rows_error: 1 }))).toBe(2)
    expect(activeStep(true, summary())).toBe(3)
    expect(activeStep(true, summary({ status: 'committed' }))).toBe(4)
  })

  it('colours row states', () => {
    expect(importStateTag('valid')).toBe('success')
    expect(importStateTag('error')).toBe('danger')
    expect(importStateTag('existing')).toBe('info')
  })
})

describe('error cells and items', () => {
  it('finds an error by the column field', () => {
    const r = row([err('in_use_date'), err('charger.rated_power_kw')])
    expect(cellHasError(r, ['in_use_date'])).toBe(true)
    expect(cellHasError(r, ['serial_no'])).toBe(false)
    expect(cellHasError(r, ['charger.current_type', 'charger.rated_power_kw'])).toBe(true)
    expect(cellHasError(row([]), ['in_use_date'])).toBe(false)
  })

  it('puts a missing charger group on its first item', () => {
    expect(cellHasError(row([err('charger')]), ['charger.current_type'])).toBe(true)
    expect(formErrorsOf([err('charger', '请填写充电设备参数')])).toEqual({ 'charger.current_type': '请填写充电设备参数' })
  })

  it('joins several messages of one item and skips row-level ones', () => {
    expect(formErrorsOf([err('serial_no', '重复'), err('serial_no', '过长'), err('', '整行错误'), err('in_use_date', '日期错误')])).toEqual({
      serial_no: '重复；过长',
      in_use_date: '日期错误',
    })
  })
})

describe('row edit form', () => {
  const data: ImportRowData = {
    type_code: 'ev_ac_charger',
    name: '交流桩',
    model: 'AC7',
    serial_no: 'S1',
    manufacturer: '武汉电气',
    brand: '星驰',
    accuracy_class: '2',
    measuring_range: '',
    install_address: '江汉区发展大道1号',
    install_region_code: '420103',
    use: 'trade_settlement',
    in_use_date: '2024-01-02',
    asset_no: '',
    notes: '',
    charger: null,
  }
  const known = { types: ['ev_ac_charger'], regions: ['420103'] }

  it('keeps readable values', () => {
    const f = importFormFrom(data, known)
    expect(f.type_code).toBe('ev_ac_charger')
    expect(f.install_region_code).toBe('420103')
    expect(f.in_use_date).toBe('2024-01-02')
    expect(f.charger.current_type).toBeNull()
  })

  it('clears what the selects and the date picker cannot show', () => {
    const f = importFormFrom({ ...data, type_code: '?', install_region_code: '火星区', use: '买卖' as never, in_use_date: '?' }, known)
    expect([f.type_code, f.install_region_code, f.use, f.in_use_date]).toEqual(['', '', '', ''])
    expect(importFormFrom({ ...data, in_use_date: '2024-02-30' }, known).in_use_date).toBe('')
  })

  it('does not clear codes while the lists are not loaded', () => {
    expect(importFormFrom(data, { types: [], regions: [] }).type_code).toBe('ev_ac_charger')
  })

  it('checks calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true)
    expect(isIsoDate('2023-02-29')).toBe(false)
    expect(isIsoDate('2024-13-45')).toBe(false)
    expect(isIsoDate('2024/01/02')).toBe(false)
  })
})
