import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, certificatePdfUrl, configureClient, labelPdfUrl, labelsPdfUrl } from './client'

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

const appointment = {
  mode: 'send_in' as const,
  institute_org_id: 4,
  instrument_ids: [1, 2],
  preferred_date: '2025-04-01',
  contact_name: '张三',
  contact_phone: '13912345678',
  notes: '',
}

describe('institutes and standards', () => {
  it('asks for institutes by type and region, staff and active standards', async () => {
    await api.institutes({ type_code: 'ev_ac_charger', region_code: '420102' })
    expect(last()).toMatchObject({ url: '/api/v1/institutes?type_code=ev_ac_charger&region_code=420102', method: 'GET' })
    await api.institutes()
    expect(last().url).toBe('/api/v1/institutes')
    await api.instituteStaff()
    expect(last().url).toBe('/api/v1/institute/staff')
    await api.standards(true)
    expect(last().url).toBe('/api/v1/standards?active=true')
    await api.standards()
    expect(last().url).toBe('/api/v1/standards')
  })

  it('creates and updates standards and institute profiles', async () => {
    const std = { name: '标准表', model: 'M1', serial_no: 'S1', certificate_no: 'C1', valid_until: '2026-01-01', accuracy: '0.05级', active: true }
    await api.createStandard(std)
    expect(last()).toMatchObject({ url: '/api/v1/standards', method: 'POST', body: std })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
    await api.updateStandard(3, std)
    expect(last()).toMatchObject({ url: '/api/v1/standards/3', method: 'PUT', body: std })
    const profile = { code: 'WHJL', type_codes: ['ev_ac_charger'], region_codes: ['420102'], contact_name: '李四', contact_phone: '027-1234', address: '武汉' }
    await api.updateInstituteProfile(4, profile)
    expect(last()).toMatchObject({ url: '/api/v1/institutes/4/profile', method: 'PUT', body: profile })
  })

  it('reads the rules of a type', async () => {
    await api.verificationRules('ev/dc')
    expect(last()).toMatchObject({ url: '/api/v1/verification-rules/ev%2Fdc', method: 'GET' })
  })
})

describe('appointments', () => {
  it('lists with filters and reads one', async () => {
    await api.appointments({ status: 'submitted', mode: '', q: '星星', page: 1, page_size: 20 })
    expect(last().url).toBe('/api/v1/appointments?status=submitted&q=%E6%98%9F%E6%98%9F&page=1&page_size=20')
    await api.appointment(12)
    expect(last()).toMatchObject({ url: '/api/v1/appointments/12', method: 'GET' })
  })

  it('saves, with submit only when asked', async () => {
    await api.createAppointment(appointment)
    expect(last()).toMatchObject({ url: '/api/v1/appointments', method: 'POST', body: appointment })
    await api.createAppointment(appointment, true)
    expect(last().body).toEqual({ ...appointment, submit: true })
    await api.updateAppointment(12, appointment, true)
    expect(last()).toMatchObject({ url: '/api/v1/appointments/12', method: 'PUT', body: { ...appointment, submit: true } })
  })

  it('posts the workflow steps', async () => {
    await api.submitAppointment(12)
    expect(last()).toMatchObject({ url: '/api/v1/appointments/12/submit', method: 'POST', body: undefined })
    await api.cancelAppointment(12)
    expect(last()).toMatchObject({ url: '/api/v1/appointments/12/cancel', body: {} })
    await api.cancelAppointment(12, '改期')
    expect(last().body).toEqual({ reason: '改期' })
    await api.acceptAppointment(12)
    expect(last()).toMatchObject({ url: '/api/v1/appointments/12/accept', method: 'POST' })
    await api.rejectAppointment(12, '不在能力范围')
    expect(last()).toMatchObject({ url: '/api/v1/appointments/12/reject', body: { reason: '不在能力范围' } })
    await api.scheduleAppointment(12, { date: '2025-04-02', verifier_user_ids: [7, 8] })
    expect(last()).toMatchObject({ url: '/api/v1/appointments/12/schedule', body: { date: '2025-04-02', verifier_user_ids: [7, 8] } })
  })

  it('marks an instrument 不具备检定条件 with the reason', async () => {
    await api.markUnverifiable(12, 101, '充电桩已拆除')
    expect(last()).toMatchObject({ url: '/api/v1/appointments/12/instruments/101/unverifiable', method: 'POST', body: { reason: '充电桩已拆除' } })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
  })
})

describe('verification records', () => {
  it('lists with awaiting=me and reads, creates and updates records', async () => {
    await api.verifications({ status: '', awaiting: 'me', q: '', page: 2, page_size: 20 })
    expect(last().url).toBe('/api/v1/verifications?awaiting=me&page=2&page_size=20')
    await api.verifications({ appointment_id: 12 })
    expect(last().url).toBe('/api/v1/verifications?appointment_id=12')
    await api.verification(5)
    expect(last()).toMatchObject({ url: '/api/v1/verifications/5', method: 'GET' })
    const input = { appointment_id: 12, instrument_id: 1, kind: 'first' as const, verified_on: '2025-04-02', standard_ids: [3], temperature_c: 22, humidity_pct: 50, insulation_mohm: 100, checklist: [], load_points: [], clock_error_s: null }
    await api.createVerification(input)
    expect(last()).toMatchObject({ url: '/api/v1/verifications', method: 'POST', body: input })
    await api.updateVerification(5, input)
    expect(last()).toMatchObject({ url: '/api/v1/verifications/5', method: 'PUT', body: input })
  })

  it('signs and sends back', async () => {
    await api.signVerification(5, 'checker', 'Secret!1')
    expect(last()).toMatchObject({ url: '/api/v1/verifications/5/sign', method: 'POST', body: { duty: 'checker', password: 'Secret!1' } })
    await api.sendBackVerification(5, '数据有误')
    expect(last()).toMatchObject({ url: '/api/v1/verifications/5/send-back', method: 'POST', body: { reason: '数据有误' } })
  })

  it('reports a refused signature with the server message', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'duty_required', message: '您没有核验员岗位' } }), { status: 403 }))
    const err = await api.signVerification(5, 'checker', 'Secret!1').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.message).toBe('您没有核验员岗位')
  })
})

describe('certificates and supervision', () => {
  it('lists, reads, revises and revokes certificates', async () => {
    await api.certificates({ kind: 'certificate', status: 'valid', q: '', page: 1, page_size: 20 })
    expect(last().url).toBe('/api/v1/certificates?kind=certificate&status=valid&page=1&page_size=20')
    await api.certificate('JD 2025/1')
    expect(last().url).toBe('/api/v1/certificates/JD%202025%2F1')
    await api.reviseCertificate('JD-1', '地址笔误', 'Secret!1')
    expect(last()).toMatchObject({ url: '/api/v1/certificates/JD-1/revise', method: 'POST', body: { reason: '地址笔误', password: 'Secret!1' } })
    await api.revokeCertificate('JD-1', '误发', 'Secret!1')
    expect(last()).toMatchObject({ url: '/api/v1/certificates/JD-1/revoke', method: 'POST', body: { reason: '误发', password: 'Secret!1' } })
  })

  it('builds PDF and label URLs', () => {
    expect(certificatePdfUrl('JD-1')).toBe('/api/v1/certificates/JD-1/pdf')
    expect(certificatePdfUrl('JD-1', 2)).toBe('/api/v1/certificates/JD-1/pdf?revision=2')
    expect(labelPdfUrl('JD-1', { width_mm: 50, height_mm: 30, layout: 'single' })).toBe('/api/v1/certificates/JD-1/label.pdf?width_mm=50&height_mm=30&layout=single')
    expect(labelsPdfUrl(['JD-1', 'JD-2'], { width_mm: 60, height_mm: 40, layout: 'sheet' })).toBe('/api/v1/certificates/labels.pdf?numbers=JD-1%2CJD-2&width_mm=60&height_mm=40&layout=sheet')
  })

  it('reads the verification summary and filters instruments by verification state', async () => {
    await api.verificationSummary()
    expect(last()).toMatchObject({ url: '/api/v1/supervision/verification-summary', method: 'GET' })
    await api.instruments({ status: 'approved', verification: 'overdue', region_code: '420102' })
    expect(last().url).toBe('/api/v1/instruments?status=approved&verification=overdue&region_code=420102')
  })
})
