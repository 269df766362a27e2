import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, configureClient } from './client'
import type { EnterpriseCredit } from './types'

type FetchArgs = [string, RequestInit]

const credit: EnterpriseCredit = {
  org_id: 3,
  org_name: '武汉新能源充电科技有限公司',
  class: 'B',
  class_name: '一般风险',
  computed_class: 'B',
  score: 12.5,
  indicators: [
    { code: 'overdue_or_unverified', name: '逾期未检或从未检定器具占比', weight: 40, numerator: 1, denominator: 8, share: 0.125, points: 5, basis: '已备案器具 8 台，其中逾期或从未检定 1 台' },
  ],
  computed_at: '2027-01-05T02:00:00Z',
  override: null,
}

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify(credit), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  configureClient({ csrfToken: () => 'tok', onUnauthorized: () => {} })
})
afterEach(() => vi.unstubAllGlobals())

/** URL, method, parsed JSON body and headers of the last call. */
function last() {
  const [url, init] = fetchMock.mock.calls.at(-1) as FetchArgs
  return { url, method: init.method, body: init.body === undefined ? undefined : JSON.parse(init.body as string), headers: init.headers as Record<string, string> }
}

describe('enterprise credit-risk classes', () => {
  it('reads an enterprise’s class', async () => {
    expect(await api.enterpriseCredit(3)).toEqual(credit)
    expect(last()).toMatchObject({ url: '/api/v1/enterprises/3/credit', method: 'GET', body: undefined })
    expect(last().headers['X-CSRF-Token']).toBeUndefined()
  })

  it('recomputes with the CSRF header and no body', async () => {
    await api.recomputeEnterpriseCredit(3)
    expect(last()).toMatchObject({ url: '/api/v1/enterprises/3/credit/recompute', method: 'POST', body: undefined })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
  })

  it('adjusts the class with a reason, and clears it with class ""', async () => {
    await api.overrideEnterpriseCredit(3, { class: 'D', reason: '近期投诉集中，列为重点监管' })
    expect(last()).toMatchObject({ url: '/api/v1/enterprises/3/credit/override', method: 'PUT', body: { class: 'D', reason: '近期投诉集中，列为重点监管' } })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
    await api.overrideEnterpriseCredit(3, { class: '', reason: '投诉已核实处理完毕' })
    expect(last().body).toEqual({ class: '', reason: '投诉已核实处理完毕' })
  })

  it('reports a refused adjustment with its code and the server message', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: { code: 'reason_required', message: '调整信用风险分类须填写原因', details: { field: 'reason' } } }), { status: 400 }),
    )
    const err = await api.overrideEnterpriseCredit(3, { class: 'C', reason: '' }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 400, code: 'reason_required', message: '调整信用风险分类须填写原因', details: { field: 'reason' } })
  })

  it('reports an enterprise outside the caller’s districts as not_found', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'not_found', message: '企业信用信息不存在或无权访问' } }), { status: 404 }))
    const err = await api.enterpriseCredit(99).catch((e) => e)
    expect(err).toMatchObject({ status: 404, code: 'not_found', message: '企业信用信息不存在或无权访问' })
  })
})
