import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient } from './client'
import { acceptanceApi as api } from './acceptance'

type FetchArgs = [string, RequestInit]

let fetchMock: ReturnType<typeof vi.fn>
let unauthorized: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 1 }), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  unauthorized = vi.fn()
  configureClient({ csrfToken: () => 'tok', onUnauthorized: unauthorized as () => void })
})
afterEach(() => vi.unstubAllGlobals())

/** URL, method, headers and the JSON body (or the FormData) of the last call. */
function last() {
  const [url, init] = fetchMock.mock.calls.at(-1) as FetchArgs
  const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body
  return { url, method: init.method, body, headers: init.headers as Record<string, string> }
}

describe('acceptance checks', () => {
  it('lists with filters, leaving out empty ones', async () => {
    await api.acceptanceChecks({ q: '江岸', verdict: 'gaps', page: 2, page_size: 20 })
    expect(last()).toMatchObject({ url: '/api/v1/acceptance-checks?q=%E6%B1%9F%E5%B2%B8&verdict=gaps&page=2&page_size=20', method: 'GET' })
    await api.acceptanceChecks({ q: '', verdict: '', page: 1 })
    expect(last().url).toBe('/api/v1/acceptance-checks?page=1')
  })

  it('reads one check', async () => {
    await api.acceptanceCheck(7)
    expect(last()).toMatchObject({ url: '/api/v1/acceptance-checks/7', method: 'GET' })
  })

  it('creates a check with the CSRF header, leaving out empty optional fields', async () => {
    await api.createAcceptanceCheck({ project_name: ' 项目 ', owner_name: '  ', station_names: [], equipment_ids: ['A1'], identifiers: [] })
    expect(last()).toMatchObject({ url: '/api/v1/acceptance-checks', method: 'POST' })
    expect(last().body).toEqual({ project_name: '项目', equipment_ids: ['A1'] })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
    await api.createAcceptanceCheck({
      project_name: '项目',
      owner_name: '武汉某某充电科技有限公司',
      station_names: ['站一'],
      equipment_ids: [],
      identifiers: [{ manufacturer: 'M', serial_no: 'S' }],
    })
    expect(last().body).toEqual({
      project_name: '项目',
      owner_name: '武汉某某充电科技有限公司',
      station_names: ['站一'],
      equipment_ids: [],
      identifiers: [{ manufacturer: 'M', serial_no: 'S' }],
    })
  })

  it('uploads a workbook to parse as multipart', async () => {
    await api.parseAcceptanceFile(new Blob(['x']), '清单.xlsx')
    const { url, method, body, headers } = last()
    expect(url).toBe('/api/v1/acceptance-checks/parse')
    expect(method).toBe('POST')
    expect(body).toBeInstanceOf(FormData)
    expect((body as FormData).get('file')).toBeInstanceOf(Blob)
    expect(headers['X-CSRF-Token']).toBe('tok')
    expect(headers['Content-Type']).toBeUndefined()
  })

  it('searches stations by a trimmed name', async () => {
    await api.acceptanceStations(' 某某站 ')
    expect(last().url).toBe('/api/v1/acceptance-checks/stations?q=%E6%9F%90%E6%9F%90%E7%AB%99')
  })

  it('downloads the evidence PDF with the session and its name', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(new Blob(['%PDF']), { status: 200, headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': "attachment; filename*=UTF-8''%E8%AF%81%E6%98%8E.pdf" } }),
    )
    const file = await api.acceptanceEvidencePdf(7)
    const [url, init] = fetchMock.mock.calls.at(-1) as FetchArgs
    expect(url).toBe('/api/v1/acceptance-checks/7/evidence.pdf')
    expect(init.credentials).toBe('same-origin')
    expect(file.filename).toBe('证明.pdf')
    fetchMock.mockResolvedValueOnce(new Response(new Blob(['%PDF']), { status: 200 }))
    expect((await api.acceptanceEvidencePdf(8)).filename).toBe('验收核查证明材料-8.pdf')
  })
})

describe('public lookup', () => {
  it('asks by EquipmentID or by manufacturer and serial number', async () => {
    await api.publicLookup({ equipment_id: '420102A0001' })
    expect(last()).toMatchObject({ url: '/api/v1/public/lookup?equipment_id=420102A0001', method: 'GET' })
    await api.publicLookup({ manufacturer: '某某', serial_no: 'SN 1' })
    expect(last().url).toBe('/api/v1/public/lookup?manufacturer=%E6%9F%90%E6%9F%90&serial_no=SN+1')
  })

  it('reports 404, 429 and 400 with their codes, without signing anyone out', async () => {
    for (const [status, code] of [
      [404, 'not_found'],
      [429, 'rate_limited'],
      [400, 'identifier_required'],
      [401, 'unauthenticated'],
    ] as const) {
      fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code, message: '…' } }), { status }))
      const err = await api.publicLookup({ equipment_id: 'X' }).catch((e) => e)
      expect(err).toBeInstanceOf(ApiError)
      expect(err).toMatchObject({ status, code })
    }
    expect(unauthorized).not.toHaveBeenCalled()
  })
})
