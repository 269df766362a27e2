import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureClient } from './client'
import { statisticsApi as api } from './statistics'

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ items: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  configureClient({ csrfToken: () => 'tok', onUnauthorized: () => {} })
})
afterEach(() => vi.unstubAllGlobals())

const lastUrl = () => (fetchMock.mock.calls.at(-1) as [string, RequestInit])[0]
const lastMethod = () => (fetchMock.mock.calls.at(-1) as [string, RequestInit])[1].method

describe('statistics API', () => {
  it('reads the overview with the filters, leaving out the empty ones', async () => {
    await api.overview()
    expect(lastUrl()).toBe('/api/v1/statistics/overview')
    expect(lastMethod()).toBe('GET')
    await api.overview({ region_code: '420103', type_code: '', org_id: undefined })
    expect(lastUrl()).toBe('/api/v1/statistics/overview?region_code=420103')
  })

  it('reads the breakdowns', async () => {
    await api.byDistrict({ type_code: 'ev_dc_charger' })
    expect(lastUrl()).toBe('/api/v1/statistics/by-district?type_code=ev_dc_charger')
    await api.byType({ org_id: 7 })
    expect(lastUrl()).toBe('/api/v1/statistics/by-type?org_id=7')
    await api.byUse()
    expect(lastUrl()).toBe('/api/v1/statistics/by-use')
    await api.byBrand({ limit: 20 })
    expect(lastUrl()).toBe('/api/v1/statistics/by-brand?limit=20')
    await api.byOperator({ region_code: '420102', sort: 'overdue', limit: 10 })
    expect(lastUrl()).toBe('/api/v1/statistics/by-operator?region_code=420102&sort=overdue&limit=10')
  })

  it('reads the figures of a year', async () => {
    await api.trends({ year: 2026 })
    expect(lastUrl()).toBe('/api/v1/statistics/trends?year=2026')
    await api.failureItems({ year: 2025, type_code: 'ev_ac_charger' })
    expect(lastUrl()).toBe('/api/v1/statistics/failure-items?year=2025&type_code=ev_ac_charger')
    await api.supervision({ year: 2026, region_code: '420103' })
    expect(lastUrl()).toBe('/api/v1/statistics/supervision?year=2026&region_code=420103')
  })
})
