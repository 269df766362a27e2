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

describe('rectification orders', () => {
  it('lists with filters, leaving out empty ones and overdue=false', async () => {
    await api.rectifications({ status: 'issued', source: 'unverifiable', overdue: true, q: 'A-001', page: 2, page_size: 20 })
    expect(last()).toMatchObject({ url: '/api/v1/rectifications?status=issued&source=unverifiable&overdue=true&q=A-001&page=2&page_size=20', method: 'GET' })
    await api.rectifications({ status: '', source: '', overdue: false, q: '', page: 1, page_size: 1 })
    expect(last().url).toBe('/api/v1/rectifications?page=1&page_size=1')
    await api.rectifications()
    expect(last().url).toBe('/api/v1/rectifications')
  })

  it('reads one order', async () => {
    await api.rectification(7)
    expect(last()).toMatchObject({ url: '/api/v1/rectifications/7', method: 'GET' })
  })

  it('answers, accepts and returns with the CSRF header', async () => {
    await api.answerRectification(7, '已更换计量芯片并送检。\n检定合格。')
    expect(last()).toMatchObject({ url: '/api/v1/rectifications/7/answer', method: 'POST', body: { answer: '已更换计量芯片并送检。\n检定合格。' } })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
    await api.acceptRectification(7)
    expect(last()).toMatchObject({ url: '/api/v1/rectifications/7/accept', method: 'POST', body: {} })
    await api.returnRectification(7, '未附检定证书')
    expect(last()).toMatchObject({ url: '/api/v1/rectifications/7/return', method: 'POST', body: { reason: '未附检定证书' } })
  })

  it('opens, decides and closes a case', async () => {
    await api.openCase(7, { legal_basis: '《中华人民共和国计量法》第二十六条', facts: '逾期未整改' })
    expect(last()).toMatchObject({ url: '/api/v1/rectifications/7/case', method: 'POST', body: { legal_basis: '《中华人民共和国计量法》第二十六条', facts: '逾期未整改' } })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
    await api.decideCase(7, { decision: '责令改正，罚款', penalty_yuan: 2000 })
    expect(last()).toMatchObject({ url: '/api/v1/rectifications/7/case/decide', method: 'POST', body: { decision: '责令改正，罚款', penalty_yuan: 2000 } })
    await api.closeCase(7, { note: '罚款已缴纳' })
    expect(last()).toMatchObject({ url: '/api/v1/rectifications/7/case/close', method: 'POST', body: { note: '罚款已缴纳' } })
  })

  it('reports a refused action with its code and the server message', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: { code: 'state_changed', message: '整改通知已被他人处理，请刷新后重试' } }), { status: 409 }),
    )
    const err = await api.acceptRectification(7).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 409, code: 'state_changed', message: '整改通知已被他人处理，请刷新后重试' })
  })
})
