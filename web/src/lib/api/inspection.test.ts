import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { configureClient } from './client'
import { inspectionApi as api } from './inspection'

type FetchArgs = [string, RequestInit]

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 1 }), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  configureClient({ csrfToken: () => 'tok', onUnauthorized: () => {} })
})
afterEach(() => vi.unstubAllGlobals())

/** URL, method, headers and parsed JSON body of the last call. */
function last() {
  const [url, init] = fetchMock.mock.calls.at(-1) as FetchArgs
  const json = typeof init.body === 'string' ? JSON.parse(init.body) : init.body
  return { url, method: init.method, body: json, headers: init.headers as Record<string, string> }
}

describe('inspection items, libraries and plans', () => {
  it('lists and edits items', async () => {
    await api.inspectionItems({ page: 1, page_size: 20 })
    expect(last()).toMatchObject({ url: '/api/v1/inspection-items?page=1&page_size=20', method: 'GET' })
    await api.updateInspectionItem(3, { code: 'JL-1' } as never)
    expect(last()).toMatchObject({ url: '/api/v1/inspection-items/3', method: 'PUT', body: { code: 'JL-1' } })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
  })

  it('filters inspectors, leaving out an empty active filter, and declares and removes conflicts', async () => {
    await api.inspectors({ q: '王', active: '', page: 1 })
    expect(last().url).toBe('/api/v1/inspectors?q=%E7%8E%8B&page=1')
    await api.inspectors({ active: false })
    expect(last().url).toBe('/api/v1/inspectors?active=false')
    await api.inspectorCandidates()
    expect(last().url).toBe('/api/v1/inspectors/candidates')
    await api.declareConflict(5, 101, '亲属任职')
    expect(last()).toMatchObject({ url: '/api/v1/inspectors/5/conflicts', method: 'POST', body: { org_id: 101, reason: '亲属任职' } })
    await api.removeConflict(5, 101)
    expect(last()).toMatchObject({ url: '/api/v1/inspectors/5/conflicts/101', method: 'DELETE' })
  })

  it('filters the object library', async () => {
    await api.inspectionObjects({ region_code: '420102', credit_class: 'C', q: '', page: 2, page_size: 50 })
    expect(last().url).toBe('/api/v1/inspection-objects?region_code=420102&credit_class=C&page=2&page_size=50')
  })

  it('moves plans through their workflow', async () => {
    await api.inspectionPlans({ year: 2027, status: '' })
    expect(last().url).toBe('/api/v1/inspection-plans?year=2027')
    await api.submitInspectionPlan(9)
    expect(last()).toMatchObject({ url: '/api/v1/inspection-plans/9/submit', method: 'POST' })
    await api.acceptInspectionPlan(9)
    expect(last().url).toBe('/api/v1/inspection-plans/9/accept')
    await api.returnInspectionPlan(9, '批次不明确')
    expect(last()).toMatchObject({ url: '/api/v1/inspection-plans/9/return', body: { reason: '批次不明确' } })
  })
})

describe('inspection tasks and records', () => {
  it('lists, draws, replays and publishes tasks', async () => {
    await api.inspectionTasks({ status: 'drawn', year: null, q: '第一批' })
    expect(last().url).toBe('/api/v1/inspection-tasks?status=drawn&q=%E7%AC%AC%E4%B8%80%E6%89%B9')
    await api.drawInspectionTask(12, '202703150930123456789012')
    expect(last()).toMatchObject({ url: '/api/v1/inspection-tasks/12/draw', method: 'POST', body: { seed: '202703150930123456789012' } })
    await api.replayInspectionTask(12)
    expect(last()).toMatchObject({ url: '/api/v1/inspection-tasks/12/replay', method: 'GET' })
    await api.publishInspectionTask(12)
    expect(last()).toMatchObject({ url: '/api/v1/inspection-tasks/12/publish', method: 'POST' })
    await api.myInspections()
    expect(last().url).toBe('/api/v1/inspection-tasks/mine')
  })

  it('swaps with or without a named replacement', async () => {
    await api.swapInspector(12, 40, { inspector_id: 6, reason: '出差' })
    expect(last()).toMatchObject({ url: '/api/v1/inspection-tasks/12/objects/40/swap', body: { inspector_id: 6, reason: '出差' } })
    expect(last().body).not.toHaveProperty('replacement_id')
    await api.swapInspector(12, 40, { inspector_id: 6, replacement_id: 8, reason: '出差' })
    expect(last().body).toEqual({ inspector_id: 6, replacement_id: 8, reason: '出差' })
  })

  it('saves, signs and recuses on the object', async () => {
    await api.saveInspectionRecord(12, 40, { checks: [], result: 'no_problem', follow_up: 'none' })
    expect(last()).toMatchObject({ url: '/api/v1/inspection-tasks/12/objects/40/record', method: 'PUT', body: { result: 'no_problem' } })
    await api.signInspection(12, 40)
    expect(last()).toMatchObject({ url: '/api/v1/inspection-tasks/12/objects/40/sign', method: 'POST' })
    await api.recuseInspection(12, 40, '曾在该企业任职')
    expect(last()).toMatchObject({ url: '/api/v1/inspection-tasks/12/objects/40/recuse', body: { reason: '曾在该企业任职' } })
  })

  it('uploads a photo as multipart with its check, and fetches one', async () => {
    await api.uploadInspectionPhoto(12, 40, new Blob(['x'], { type: 'image/jpeg' }), 'a.jpg', 'seal')
    const { url, method, body, headers } = last()
    expect(url).toBe('/api/v1/inspection-tasks/12/objects/40/photos')
    expect(method).toBe('POST')
    expect(body).toBeInstanceOf(FormData)
    expect((body as FormData).get('check_code')).toBe('seal')
    expect((body as FormData).get('file')).toBeInstanceOf(Blob)
    expect(headers['Content-Type']).toBeUndefined()
    expect(headers['X-CSRF-Token']).toBe('tok')
    fetchMock.mockResolvedValueOnce(new Response(new Blob(['jpeg']), { status: 200, headers: { 'Content-Type': 'image/jpeg' } }))
    const photo = await api.inspectionPhoto(12, 40, 8)
    expect(last()).toMatchObject({ url: '/api/v1/inspection-tasks/12/objects/40/photos/8', method: 'GET' })
    expect(await photo.blob.text()).toBe('jpeg')
  })
})

describe('statistics, calendar and the public page', () => {
  it('asks for a year', async () => {
    await api.inspectionStatistics(2027)
    expect(last().url).toBe('/api/v1/inspection-statistics?year=2027')
    await api.workCalendar(null)
    expect(last().url).toBe('/api/v1/work-calendar')
    await api.putWorkCalendarDay('2027-02-11', { kind: 'holiday', name: '春节' })
    expect(last()).toMatchObject({ url: '/api/v1/work-calendar/2027-02-11', method: 'PUT', body: { kind: 'holiday', name: '春节' } })
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await api.deleteWorkCalendarDay('2027-02-11')
    expect(last()).toMatchObject({ url: '/api/v1/work-calendar/2027-02-11', method: 'DELETE' })
  })

  it('lists public announcements of a kind without the CSRF header', async () => {
    await api.publicAnnouncements('result', { page: 3, page_size: 10 })
    expect(last()).toMatchObject({ url: '/api/v1/public/announcements?kind=result&page=3&page_size=10', method: 'GET' })
    expect(last().headers['X-CSRF-Token']).toBeUndefined()
  })
})
