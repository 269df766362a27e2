import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureClient } from './client'
import { meterKeysApi } from './meterKeys'

type FetchArgs = [string, RequestInit]

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ items: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  configureClient({ csrfToken: () => 'tok', onUnauthorized: () => {} })
})
afterEach(() => vi.unstubAllGlobals())

function last() {
  const [url, init] = fetchMock.mock.calls.at(-1) as FetchArgs
  return { url, method: init.method, body: typeof init.body === 'string' ? JSON.parse(init.body) : init.body }
}

describe('电能表公钥', () => {
  it('lists a charger’s keys', async () => {
    await meterKeysApi.list(9)
    expect(last()).toMatchObject({ url: '/api/v1/instruments/9/meter-keys', method: 'GET' })
  })

  it('registers with the serial trimmed and the key without blanks', async () => {
    await meterKeysApi.register(9, { meter_serial: ' 17619300 ', public_key: '3059 3013\n0607\t2A86 ' })
    expect(last()).toMatchObject({ url: '/api/v1/instruments/9/meter-keys', method: 'POST', body: { meter_serial: '17619300', public_key: '3059301306072A86' } })
  })

  it('revokes by DELETE', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await meterKeysApi.revoke(9, 4)
    expect(last()).toMatchObject({ url: '/api/v1/instruments/9/meter-keys/4', method: 'DELETE' })
  })
})
