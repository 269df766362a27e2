import { describe, expect, it } from 'vitest'
import { ApiError } from './api/http'
import { ACCEPTANCE_ITEM_STATUSES, PUBLIC_CHECK_STATUSES, type AcceptanceCheckItem } from './api/types.acceptance'
import {
  ITEM_STATUS_TAGS,
  PUBLIC_STATUS_TAGS,
  VERDICT_TAGS,
  absoluteUrl,
  blankLookupForm,
  chargerCount,
  checkAcceptanceFile,
  createsAcceptanceChecks,
  gapsOf,
  itemStatusTag,
  itemsShown,
  lookupFailure,
  lookupFormFromQuery,
  lookupFailedNotice,
  lookupHasCertificate,
  lookupQuery,
  lookupRouteQuery,
  mergeChargers,
  parseChargerLines,
  publicStatusTag,
  stationChargers,
} from './acceptance'

describe('typed charger lines', () => {
  it('reads one EquipmentID a line, or 厂家 and 出厂编号 separated by a comma or a tab', () => {
    const r = parseChargerLines('420102A0001\n  420102A0002  \n某某电气股份有限公司,SN001\n某某电气股份有限公司，SN002\n另一厂家\tSN003\n')
    expect(r.equipment_ids).toEqual(['420102A0001', '420102A0002'])
    expect(r.identifiers).toEqual([
      { manufacturer: '某某电气股份有限公司', serial_no: 'SN001' },
      { manufacturer: '某某电气股份有限公司', serial_no: 'SN002' },
      { manufacturer: '另一厂家', serial_no: 'SN003' },
    ])
    expect(r.errors).toEqual([])
    expect(r.duplicates).toBe(0)
  })

  it('trims fields, skips blank lines and header lines, and reads Windows line ends', () => {
    const r = parseChargerLines('EquipmentID\r\n\r\n 420102A0001 \r\n设备编码\r\n生产厂家\t出厂编号\r\n 厂家A , SN1 \r\n   \r\n')
    expect(r.equipment_ids).toEqual(['420102A0001'])
    expect(r.identifiers).toEqual([{ manufacturer: '厂家A', serial_no: 'SN1' }])
    expect(r.errors).toEqual([])
  })

  it('keeps a comma inside a tab-separated manufacturer and drops empty cells after the two', () => {
    const r = parseChargerLines('某某电气(武汉),有限公司\tSN9\t\t')
    expect(r.identifiers).toEqual([{ manufacturer: '某某电气(武汉),有限公司', serial_no: 'SN9' }])
    expect(r.errors).toEqual([])
  })

  it('counts repeated chargers once', () => {
    const r = parseChargerLines('A1\nA1\n厂,S1\n厂 , S1\nA2')
    expect(r.equipment_ids).toEqual(['A1', 'A2'])
    expect(r.identifiers).toEqual([{ manufacturer: '厂', serial_no: 'S1' }])
    expect(r.duplicates).toBe(2)
  })

  it('reports the lines it cannot read, by line number', () => {
    const r = parseChargerLines('A1\n厂家,\n,SN2\na,b,c\n厂家 SN3\nA2')
    expect(r.equipment_ids).toEqual(['A1', 'A2'])
    expect(r.identifiers).toEqual([])
    expect(r.errors).toEqual([
      { line: 2, text: '厂家,', problem: 'emptyPart' },
      { line: 3, text: ',SN2', problem: 'emptyPart' },
      { line: 4, text: 'a,b,c', problem: 'parts' },
      { line: 5, text: '厂家 SN3', problem: 'space' },
    ])
  })

  it('reads nothing from an empty box', () => {
    expect(parseChargerLines('')).toEqual({ equipment_ids: [], identifiers: [], errors: [], duplicates: 0 })
    expect(parseChargerLines(' \n\t\n')).toEqual({ equipment_ids: [], identifiers: [], errors: [], duplicates: 0 })
  })
})

describe('chargers of the three sources', () => {
  it('merges them without repeats, in the order first named, counting the repeats', () => {
    const typed = { equipment_ids: ['A1', 'A2'], identifiers: [{ manufacturer: 'M', serial_no: 'S1' }] }
    const stations = stationChargers([
      { station_name: '站一', equipment_ids: ['A2', 'A3'] },
      { station_name: '站二', equipment_ids: ['A3', 'A4'] },
    ])
    expect(stations).toEqual({ equipment_ids: ['A2', 'A3', 'A4'], identifiers: [], station_names: ['站一', '站二'] })
    const upload = { equipment_ids: ['A4', 'A5'], identifiers: [{ manufacturer: 'M', serial_no: 'S1' }, { manufacturer: 'M', serial_no: 'S2' }] }
    const m = mergeChargers([typed, stations, upload])
    expect(m.equipment_ids).toEqual(['A1', 'A2', 'A3', 'A4', 'A5'])
    expect(m.identifiers).toEqual([
      { manufacturer: 'M', serial_no: 'S1' },
      { manufacturer: 'M', serial_no: 'S2' },
    ])
    expect(chargerCount(m)).toBe(7)
    expect(m.duplicates).toBe(3)
  })

  it('tells an EquipmentID from a manufacturer and serial number that look alike', () => {
    const m = mergeChargers([{ equipment_ids: ['S1'], identifiers: [{ manufacturer: 'M', serial_no: 'S1' }] }])
    expect(chargerCount(m)).toBe(2)
  })

  it('takes only .xlsx files of 1 byte to 20 MB for upload', () => {
    expect(checkAcceptanceFile({ name: '清单.XLSX', size: 100 })).toBeNull()
    expect(checkAcceptanceFile({ name: '清单.xls', size: 100 })).toBe('type')
    expect(checkAcceptanceFile({ name: '清单.csv', size: 100 })).toBe('type')
    expect(checkAcceptanceFile({ name: '清单.xlsx', size: 0 })).toBe('empty')
    expect(checkAcceptanceFile({ name: '清单.xlsx', size: 20 * 1024 * 1024 + 1 })).toBe('size')
  })
})

describe('a check', () => {
  it('lets only the DRC start checks', () => {
    expect(createsAcceptanceChecks('drc')).toBe(true)
    for (const role of ['city_regulator', 'enterprise', 'district_regulator', 'institute', 'sysadmin', null] as const) expect(createsAcceptanceChecks(role)).toBe(false)
  })

  it('colours every status: ok green, gaps red or orange, unknown grey', () => {
    for (const s of ACCEPTANCE_ITEM_STATUSES) expect(ITEM_STATUS_TAGS[s], s).toBeDefined()
    expect(itemStatusTag('ok')).toBe('success')
    expect(itemStatusTag('unfiled')).toBe('danger')
    expect(itemStatusTag('failed')).toBe('danger')
    expect(itemStatusTag('revoked')).toBe('danger')
    expect(itemStatusTag('never_verified')).toBe('warning')
    expect(itemStatusTag('expired')).toBe('warning')
    expect(itemStatusTag('something_new')).toBe('info')
    expect(VERDICT_TAGS).toEqual({ passed: 'success', gaps: 'danger' })
  })

  it('lists the gaps by kind with their counts, leaving out ok and zeros', () => {
    expect(gapsOf({ ok: 5, unfiled: 2, never_verified: 0, failed: 1, expired: 3, revoked: 0 })).toEqual([
      { status: 'unfiled', count: 2 },
      { status: 'failed', count: 1 },
      { status: 'expired', count: 3 },
    ])
    expect(gapsOf({ ok: 4, unfiled: 0, never_verified: 0, failed: 0, expired: 0, revoked: 0 })).toEqual([])
    expect(gapsOf(null)).toEqual([])
  })

  it('narrows the items to the gaps', () => {
    const items = [{ status: 'ok' }, { status: 'expired' }, { status: 'unfiled' }] as AcceptanceCheckItem[]
    expect(itemsShown(items, true).map((i) => i.status)).toEqual(['expired', 'unfiled'])
    expect(itemsShown(items, false)).toHaveLength(3)
  })

  it('makes a whole address of a server path', () => {
    expect(absoluteUrl('/ac/Q7M2', 'https://mvis.example.cn')).toBe('https://mvis.example.cn/ac/Q7M2')
    expect(absoluteUrl('ac/Q7M2', 'https://mvis.example.cn/')).toBe('https://mvis.example.cn/ac/Q7M2')
    expect(absoluteUrl('https://other.example/ac/1', 'https://mvis.example.cn')).toBe('https://other.example/ac/1')
    expect(absoluteUrl(null, 'https://mvis.example.cn')).toBe('')
  })
})

describe('public lookup', () => {
  it('asks by EquipmentID or by manufacturer and serial number, trimmed, only when complete', () => {
    const f = blankLookupForm()
    expect(lookupQuery(f)).toBeNull()
    f.equipment_id = '  420102A0001 '
    expect(lookupQuery(f)).toEqual({ equipment_id: '420102A0001' })
    f.mode = 'serial'
    expect(lookupQuery(f)).toBeNull()
    f.manufacturer = '某某电气'
    expect(lookupQuery(f)).toBeNull()
    f.serial_no = ' SN1 '
    expect(lookupQuery(f)).toEqual({ manufacturer: '某某电气', serial_no: 'SN1' })
  })

  it('reads and writes the lookup in the address', () => {
    expect(lookupFormFromQuery({ equipment_id: 'A1' })).toMatchObject({ mode: 'equipment', equipment_id: 'A1' })
    expect(lookupFormFromQuery({ manufacturer: 'M', serial_no: 'S' })).toMatchObject({ mode: 'serial', manufacturer: 'M', serial_no: 'S' })
    expect(lookupFormFromQuery({ serial_no: ['S'] })).toMatchObject({ mode: 'serial', serial_no: 'S' })
    expect(lookupFormFromQuery({})).toEqual(blankLookupForm())
    expect(lookupRouteQuery({ equipment_id: 'A1' })).toEqual({ equipment_id: 'A1' })
    expect(lookupRouteQuery({ manufacturer: 'M', serial_no: 'S' })).toEqual({ manufacturer: 'M', serial_no: 'S' })
  })

  it('tells 未找到, 请求过于频繁 and an incomplete identifier from other failures', () => {
    expect(lookupFailure(new ApiError(404, 'not_found', '未找到'))).toBe('not_found')
    expect(lookupFailure(new ApiError(429, 'rate_limited', '请求过于频繁'))).toBe('rate_limited')
    expect(lookupFailure(new ApiError(400, 'identifier_required', '请输入'))).toBe('identifier_required')
    expect(lookupFailure(new ApiError(503, 'unavailable', '暂不可用'))).toBe('other')
    expect(lookupFailure(new ApiError(0, 'network_error', 'offline'))).toBe('other')
    expect(lookupFailure(new Error('x'))).toBe('other')
  })

  it('shows a certificate, or 已备案，尚无有效检定证书', () => {
    expect(lookupHasCertificate({ status: 'no_certificate' })).toBe(false)
    expect(lookupHasCertificate({ status: 'valid', history: [] } as never)).toBe(true)
    expect(lookupHasCertificate({ status: 'failed', certificate: {}, instrument: {} } as never)).toBe(false)
    expect(lookupFailedNotice({ status: 'failed', certificate: {}, instrument: {} } as never)).toBe(true)
    for (const s of PUBLIC_CHECK_STATUSES) expect(PUBLIC_STATUS_TAGS[s], s).toBeDefined()
    expect(publicStatusTag('valid')).toBe('success')
    expect(publicStatusTag('expired')).toBe('warning')
    expect(publicStatusTag('revoked')).toBe('danger')
    expect(publicStatusTag('no_certificate')).toBe('warning')
    expect(publicStatusTag('other')).toBe('info')
  })
})
