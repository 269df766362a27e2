import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, configureClient } from './client'

type FetchArgs = [string, RequestInit]

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 1 }), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  configureClient({ csrfToken: () => 'tok', onUnauthorized: () => {} })
})
afterEach(() => vi.unstubAllGlobals())

/** URL, method and parsed JSON body of the last call. */
function last() {
  const [url, init] = fetchMock.mock.calls.at(-1) as FetchArgs
  return { url, method: init.method, body: init.body === undefined ? undefined : JSON.parse(init.body as string), headers: init.headers as Record<string, string> }
}

const plan = {
  name: '2027年度电动汽车充电桩抽样检定',
  year: 2027,
  region_codes: ['420102'],
  type_codes: ['ev_ac_charger'],
  ratio: 0.05,
  institute_org_id: 4,
  exclude_verified_within_days: 0,
  deadline: '2027-06-30',
}

describe('sampling plans', () => {
  it('lists a page and reads one plan', async () => {
    await api.samplingPlans({ page: 2, page_size: 20 })
    expect(last()).toMatchObject({ url: '/api/v1/sampling-plans?page=2&page_size=20', method: 'GET' })
    await api.samplingPlans()
    expect(last().url).toBe('/api/v1/sampling-plans')
    await api.samplingPlan(7)
    expect(last()).toMatchObject({ url: '/api/v1/sampling-plans/7', method: 'GET' })
  })

  it('creates a plan with the CSRF header', async () => {
    await api.createSamplingPlan(plan)
    expect(last()).toMatchObject({ url: '/api/v1/sampling-plans', method: 'POST', body: plan })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
  })

  it('draws with a seed, without one, and again with a reason', async () => {
    await api.drawSamplingPlan(7, { seed: '20270105123456789012' })
    expect(last()).toMatchObject({ url: '/api/v1/sampling-plans/7/draw', method: 'POST', body: { seed: '20270105123456789012' } })
    await api.drawSamplingPlan(7)
    expect(last().body).toEqual({})
    await api.drawSamplingPlan(7, { seed: '', reason: '' })
    expect(last().body).toEqual({})
    await api.drawSamplingPlan(7, { seed: '98765432109876543210', reason: '首次样本中有器具已停用' })
    expect(last().body).toEqual({ seed: '98765432109876543210', reason: '首次样本中有器具已停用' })
  })

  it('reads the frame and replays the current draw', async () => {
    await api.samplingFrame(7)
    expect(last()).toMatchObject({ url: '/api/v1/sampling-plans/7/frame', method: 'GET' })
    await api.replaySamplingPlan(7)
    expect(last()).toMatchObject({ url: '/api/v1/sampling-plans/7/replay', method: 'GET' })
  })

  it('dispatches the tasks and asks for 举一反三 reports, leaving out an empty note', async () => {
    await api.dispatchSamplingPlan(7)
    expect(last()).toMatchObject({ url: '/api/v1/sampling-plans/7/dispatch', method: 'POST', body: undefined })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
    await api.requestSamplingFollowups(7, { deadline: '2027-08-31', note: '  ' })
    expect(last()).toMatchObject({ url: '/api/v1/sampling-plans/7/followups', method: 'POST', body: { deadline: '2027-08-31' } })
    await api.requestSamplingFollowups(7, { deadline: '2027-08-31', note: ' 自查同型号充电桩 ' })
    expect(last().body).toEqual({ deadline: '2027-08-31', note: '自查同型号充电桩' })
  })

  it('downloads the analysis report as PDF and Excel with the server\'s file name', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(new Blob(['%PDF']), { status: 200, headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E6%8A%BD%E6%A3%80%E5%88%86%E6%9E%90%E6%8A%A5%E5%91%8A-7.pdf" } }),
    )
    const pdf = await api.samplingReportPdf(7)
    expect(fetchMock.mock.calls.at(-1)?.[0]).toBe('/api/v1/sampling-plans/7/report.pdf')
    expect(pdf.filename).toBe('抽检分析报告-7.pdf')
    fetchMock.mockResolvedValueOnce(new Response(new Blob(['PK']), { status: 200 }))
    const xlsx = await api.samplingReportXlsx(7)
    expect(fetchMock.mock.calls.at(-1)?.[0]).toBe('/api/v1/sampling-plans/7/report.xlsx')
    expect(xlsx.filename).toBe('抽检分析报告.xlsx')
  })

  it('reports a refused draw with its code and the server message', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: { code: 'reason_required', message: '重新抽取须填写原因', details: { field: 'reason' } } }), { status: 400 }),
    )
    const err = await api.drawSamplingPlan(7, { seed: '20270105123456789012' }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 400, code: 'reason_required', message: '重新抽取须填写原因', details: { field: 'reason' } })
  })
})
