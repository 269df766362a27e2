import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient } from './client'
import { ocmfApi } from './ocmf'

type FetchArgs = [string, RequestInit]

let fetchMock: ReturnType<typeof vi.fn>
let unauthorized: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ valid: true, curve: 'secp256r1', readings: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  unauthorized = vi.fn()
  configureClient({ csrfToken: () => null, onUnauthorized: unauthorized as () => void })
})
afterEach(() => vi.unstubAllGlobals())

describe('计量数据验签', () => {
  it('posts the string and the key as given, without a session', async () => {
    const v = await ocmfApi.verify({ ocmf: 'OCMF|{}|{}', public_key: '3059' })
    const [url, init] = fetchMock.mock.calls.at(-1) as FetchArgs
    expect(url).toBe('/api/v1/public/ocmf/verify')
    expect(init.method).toBe('POST')
    expect(JSON.parse(init.body as string)).toEqual({ ocmf: 'OCMF|{}|{}', public_key: '3059' })
    expect(v.valid).toBe(true)
  })

  it('turns 400 and 429 into ApiErrors with the field, and leaves a 401 to the page', async () => {
    fetchMock.mockResolvedValueOnce(
      new Response(JSON.stringify({ error: { code: 'public_key_invalid', message: '请填写电能表公钥（十六进制）', details: { field: 'public_key' } } }), { status: 400 }),
    )
    const e = await ocmfApi.verify({ ocmf: 'x', public_key: '' }).catch((x: unknown) => x)
    expect(e).toBeInstanceOf(ApiError)
    expect(e).toMatchObject({ status: 400, code: 'public_key_invalid', message: '请填写电能表公钥（十六进制）', details: { field: 'public_key' } })
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'rate_limited', message: '请求过于频繁，请稍后再试' } }), { status: 429 }))
    await expect(ocmfApi.verify({ ocmf: 'x', public_key: 'y' })).rejects.toMatchObject({ status: 429, code: 'rate_limited' })
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'x' } }), { status: 401 }))
    await expect(ocmfApi.verify({ ocmf: 'x', public_key: 'y' })).rejects.toMatchObject({ status: 401 })
    expect(unauthorized).not.toHaveBeenCalled()
  })
})
