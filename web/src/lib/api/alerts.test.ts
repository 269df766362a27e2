import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureClient } from './client'
import { alertsApi } from './alerts'

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

describe('计量作弊线索', () => {
  it('lists with the filters given, leaving out the blank ones', async () => {
    await alertsApi.alerts({ rule: 'energy_over_rated', status: 'open', region_code: '420102', q: 'EQ-1', page: 2, page_size: 20 })
    expect(last()).toMatchObject({ url: '/api/v1/alerts?rule=energy_over_rated&status=open&region_code=420102&q=EQ-1&page=2&page_size=20', method: 'GET' })
    await alertsApi.alerts({ rule: '', status: '', region_code: '', q: '', page: 1, page_size: 20 })
    expect(last().url).toBe('/api/v1/alerts?page=1&page_size=20')
  })

  it('reads one alert', async () => {
    await alertsApi.alert(12)
    expect(last()).toMatchObject({ url: '/api/v1/alerts/12', method: 'GET' })
  })

  it('dismisses one or several with the reason and the CSRF header', async () => {
    await alertsApi.dismissAlert(12, '运营商已更正订单')
    expect(last()).toMatchObject({ url: '/api/v1/alerts/12/dismiss', method: 'POST', body: { reason: '运营商已更正订单' }, headers: { 'X-CSRF-Token': 'tok' } })
    await alertsApi.dismissAlerts([3, 4], '测试数据')
    expect(last()).toMatchObject({ url: '/api/v1/alerts/dismiss', method: 'POST', body: { ids: [3, 4], reason: '测试数据' } })
  })

  it('starts an inspection, leaving out a blank name', async () => {
    await alertsApi.startInspection(12, { item_id: 3, task_date: '2026-12-08', name: ' 线索核查：某企业 EQ-1 ' })
    expect(last()).toMatchObject({ url: '/api/v1/alerts/12/inspection', method: 'POST', body: { item_id: 3, task_date: '2026-12-08', name: '线索核查：某企业 EQ-1' } })
    await alertsApi.startInspection(12, { item_id: 3, task_date: '2026-12-08', name: '  ' })
    expect(last().body).toEqual({ item_id: 3, task_date: '2026-12-08' })
  })

  it('keeps the code of a 409', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'state_changed', message: '线索状态已变化' } }), { status: 409 }))
    await expect(alertsApi.dismissAlerts([3], '重复')).rejects.toMatchObject({ status: 409, code: 'state_changed' })
  })

  it('lists the batch runs and starts one with the period', async () => {
    await alertsApi.alertRuns()
    expect(last()).toMatchObject({ url: '/api/v1/alert-runs', method: 'GET' })
    await alertsApi.startAlertRun({ from: '2026-12-01', to: '2026-12-07' })
    expect(last()).toMatchObject({ url: '/api/v1/alert-runs', method: 'POST', body: { from: '2026-12-01', to: '2026-12-07' }, headers: { 'X-CSRF-Token': 'tok' } })
  })
})
