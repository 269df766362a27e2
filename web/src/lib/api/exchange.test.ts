import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient } from './client'
import { exchangeApi } from './exchange'

type FetchArgs = [string, RequestInit]

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ items: [], total: 0 }), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  configureClient({ csrfToken: () => 'tok', onUnauthorized: () => {} })
})
afterEach(() => vi.unstubAllGlobals())

/** URL, method, headers and JSON body of the last call. */
function last() {
  const [url, init] = fetchMock.mock.calls.at(-1) as FetchArgs
  return { url, method: init.method, body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body, headers: init.headers as Record<string, string> }
}

describe('在用未备案核查', () => {
  it('asks for one kind, with the district and the page, leaving out an empty district', async () => {
    await exchangeApi.reconciliation({ kind: 'mismatch', region_code: '420102', page: 2, page_size: 20 })
    expect(last()).toMatchObject({ url: '/api/v1/reconciliation?kind=mismatch&region_code=420102&page=2&page_size=20', method: 'GET' })
    await exchangeApi.reconciliation({ kind: 'unfiled', region_code: '', page: 1, page_size: 1 })
    expect(last().url).toBe('/api/v1/reconciliation?kind=unfiled&page=1&page_size=1')
  })

  it('notifies an enterprise, with the district when one is chosen', async () => {
    await exchangeApi.notifyUnfiled({ org_id: 5, region_code: '420102' })
    expect(last()).toMatchObject({ url: '/api/v1/reconciliation/notify', method: 'POST', body: { org_id: 5, region_code: '420102' }, headers: { 'X-CSRF-Token': 'tok' } })
    await exchangeApi.notifyUnfiled({ org_id: 5, region_code: '' })
    expect(last().body).toEqual({ org_id: 5 })
  })

  it('turns a 403 into an ApiError', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'permission_denied', message: '无权查看该辖区的核查结果', details: { field: 'region_code' } } }), { status: 403 }))
    await expect(exchangeApi.reconciliation({ kind: 'unfiled', region_code: '420111' })).rejects.toMatchObject({ status: 403, code: 'permission_denied' })
  })
})

describe('平台对接', () => {
  it('lists the operator accounts', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ items: [{ id: 1, operator_id: 'MA4K12345' }] }), { status: 200 }))
    const res = await exchangeApi.tcecOperators()
    expect(last()).toMatchObject({ url: '/api/v1/admin/tcec-operators', method: 'GET' })
    expect(res.items[0].operator_id).toBe('MA4K12345')
  })

  it('opens an exchange with the CSRF header, leaving out blank values and sending the OperatorID upper-case', async () => {
    await exchangeApi.createTcecOperator({ org_id: 7, operator_id: ' ma4k12345 ', operator_secret: '', data_secret: '  ', data_secret_iv: undefined, sig_secret: ' 1234567890abcdef ' })
    expect(last()).toMatchObject({ url: '/api/v1/admin/tcec-operators', method: 'POST', headers: { 'X-CSRF-Token': 'tok' } })
    expect(last().body).toEqual({ org_id: 7, operator_id: 'MA4K12345', sig_secret: '1234567890abcdef' })
    await exchangeApi.createTcecOperator({ org_id: 8, operator_id: '' })
    expect(last().body).toEqual({ org_id: 8 })
  })

  it('rotates, disables and enables an account', async () => {
    await exchangeApi.rotateTcecOperator(3)
    expect(last()).toMatchObject({ url: '/api/v1/admin/tcec-operators/3/rotate', method: 'POST', headers: { 'X-CSRF-Token': 'tok' } })
    await exchangeApi.disableTcecOperator(3)
    expect(last()).toMatchObject({ url: '/api/v1/admin/tcec-operators/3/disable', method: 'POST' })
    await exchangeApi.enableTcecOperator(3)
    expect(last()).toMatchObject({ url: '/api/v1/admin/tcec-operators/3/enable', method: 'POST' })
  })

  it('keeps the field of a 400 and the code of a 409', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'secret_invalid', message: '密钥应为16位可见字符', details: { field: 'data_secret' } } }), { status: 400 }))
    const e = await exchangeApi.createTcecOperator({ org_id: 7, data_secret: 'short' }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 400, code: 'secret_invalid', message: '密钥应为16位可见字符', details: { field: 'data_secret' } })
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'operator_exists', message: '该运营商标识已开通对接' } }), { status: 409 }))
    await expect(exchangeApi.createTcecOperator({ org_id: 7 })).rejects.toMatchObject({ status: 409, code: 'operator_exists' })
  })
})

describe('分时电价表', () => {
  const bands = [{ start: '00:00', end: '24:00', elec_price: 0.5 }]

  it('lists and deletes', async () => {
    await exchangeApi.touTariffs()
    expect(last()).toMatchObject({ url: '/api/v1/tou-tariffs', method: 'GET' })
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await exchangeApi.deleteTouTariff(4)
    expect(last()).toMatchObject({ url: '/api/v1/tou-tariffs/4', method: 'DELETE' })
  })

  it('posts a tariff for every operator with the blank fields left out', async () => {
    await exchangeApi.createTouTariff({ operator_ref: null, station_id: 'ST1', effective_from: '2027-01-01', effective_to: '', note: '  ', bands })
    expect(last()).toMatchObject({ url: '/api/v1/tou-tariffs', method: 'POST' })
    expect(last().body).toEqual({ effective_from: '2027-01-01', bands })
  })

  it("posts an operator's station tariff with its end date and note trimmed", async () => {
    await exchangeApi.createTouTariff({ operator_ref: 3, station_id: ' ST1 ', effective_from: '2027-01-01', effective_to: '2027-12-31', note: ' 试行 ', bands })
    expect(last().body).toEqual({ operator_ref: 3, station_id: 'ST1', effective_from: '2027-01-01', effective_to: '2027-12-31', note: '试行', bands })
  })
})

describe('监管平台数据同步', () => {
  it('reads the configuration and the pulls', async () => {
    await exchangeApi.tcecPlatform()
    expect(last()).toMatchObject({ url: '/api/v1/admin/tcec-platform', method: 'GET' })
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ items: [{ id: 4, status: 'done', unknown_operators: ['MA4X00001'] }] }), { status: 200 }))
    const res = await exchangeApi.platformPulls()
    expect(last()).toMatchObject({ url: '/api/v1/admin/tcec-platform/pulls', method: 'GET' })
    expect(res.items[0].unknown_operators).toEqual(['MA4X00001'])
  })

  it('saves with PUT and the CSRF header, trimmed, the OperatorID upper-case and blank secrets left out', async () => {
    await exchangeApi.saveTcecPlatform({
      base_url: ' https://evcs.example.gov.cn/evcs/v1 ',
      operator_id: ' ma4mvis01 ',
      operator_secret: '',
      data_secret: '  ',
      data_secret_iv: undefined,
      sig_secret: ' 1234567890abcdef ',
      enabled: true,
      page_size: 200,
    })
    expect(last()).toMatchObject({ url: '/api/v1/admin/tcec-platform', method: 'PUT', headers: { 'X-CSRF-Token': 'tok' } })
    expect(last().body).toEqual({ base_url: 'https://evcs.example.gov.cn/evcs/v1', operator_id: 'MA4MVIS01', sig_secret: '1234567890abcdef', enabled: true, page_size: 200 })
  })

  it("keeps a 400's field", async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'secret_required', message: '首次配置须填写平台分配的全部密钥', details: { field: 'data_secret_iv' } } }), { status: 400 }))
    await expect(exchangeApi.saveTcecPlatform({ base_url: 'https://x.cn', operator_id: 'MA4MVIS01', enabled: false, page_size: 100 })).rejects.toMatchObject({
      status: 400,
      code: 'secret_required',
      details: { field: 'data_secret_iv' },
    })
  })

  it('starts a pull with the day of the station statistics, none, or the server’s default', async () => {
    await exchangeApi.startPlatformPull({ stats_day: '2026-12-05' })
    expect(last()).toMatchObject({ url: '/api/v1/admin/tcec-platform/pulls', method: 'POST', headers: { 'X-CSRF-Token': 'tok' }, body: { stats_day: '2026-12-05' } })
    await exchangeApi.startPlatformPull({ stats_day: '' })
    expect(last().body).toEqual({ stats_day: '' })
    await exchangeApi.startPlatformPull()
    expect(last().body).toEqual({})
  })

  it('turns a 409 and a 412 into ApiErrors', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'run_in_progress', message: '已有同步任务正在运行，请稍后再试' } }), { status: 409 }))
    await expect(exchangeApi.startPlatformPull()).rejects.toMatchObject({ status: 409, code: 'run_in_progress' })
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'not_configured', message: '请先配置监管平台对接参数' } }), { status: 412 }))
    await expect(exchangeApi.startPlatformPull()).rejects.toMatchObject({ status: 412, code: 'not_configured' })
  })
})
