import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError, configureClient } from './client'
import { reportingApi as api } from './reporting'

type FetchArgs = [string, RequestInit]

let fetchMock: ReturnType<typeof vi.fn>

beforeEach(() => {
  fetchMock = vi.fn(async () => new Response(JSON.stringify({ id: 1 }), { status: 200, headers: { 'Content-Type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  configureClient({ csrfToken: () => 'tok', onUnauthorized: () => {} })
})
afterEach(() => vi.unstubAllGlobals())

/** URL, method, headers and the JSON body (or the FormData) of the last call. */
function last() {
  const [url, init] = fetchMock.mock.calls.at(-1) as FetchArgs
  const body = typeof init.body === 'string' ? JSON.parse(init.body) : init.body
  return { url, method: init.method, body, headers: init.headers as Record<string, string> }
}

describe('annual reports', () => {
  it('lists with filters, leaving out empty ones', async () => {
    await api.annualReports({ year: 2026, status: 'submitted', region_code: '420102', page: 2, page_size: 20 })
    expect(last()).toMatchObject({ url: '/api/v1/annual-reports?year=2026&status=submitted&region_code=420102&page=2&page_size=20', method: 'GET' })
    await api.annualReports({ year: null, status: '', region_code: '', page: 1 })
    expect(last().url).toBe('/api/v1/annual-reports?page=1')
  })

  it('creates one with the CSRF header, leaving out what the server defaults', async () => {
    await api.createAnnualReport({ year: 2026 })
    expect(last()).toMatchObject({ url: '/api/v1/annual-reports', method: 'POST', body: { year: 2026 } })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
    await api.createAnnualReport({ year: 2025, region_code: '420102', cut_off: '2025-12-31' })
    expect(last().body).toEqual({ year: 2025, region_code: '420102', cut_off: '2025-12-31' })
  })

  it('reads, saves, submits, accepts and returns', async () => {
    await api.annualReport(3)
    expect(last()).toMatchObject({ url: '/api/v1/annual-reports/3', method: 'GET' })
    await api.updateAnnualReport(3, { cut_off: '2026-12-06', work: 'w', problems: 'p', plan: 'n' })
    expect(last()).toMatchObject({ url: '/api/v1/annual-reports/3', method: 'PUT', body: { cut_off: '2026-12-06', work: 'w', problems: 'p', plan: 'n' } })
    await api.submitAnnualReport(3)
    expect(last()).toMatchObject({ url: '/api/v1/annual-reports/3/submit', method: 'POST' })
    await api.acceptAnnualReport(3)
    expect(last()).toMatchObject({ url: '/api/v1/annual-reports/3/accept', method: 'POST' })
    await api.returnAnnualReport(3, '请补充')
    expect(last()).toMatchObject({ url: '/api/v1/annual-reports/3/return', method: 'POST', body: { reason: '请补充' } })
  })

  it('reads the city compilation of a year and downloads the files with their names', async () => {
    await api.annualReportCity(2026)
    expect(last().url).toBe('/api/v1/annual-reports/city?year=2026')
    fetchMock.mockResolvedValueOnce(new Response(new Blob(['%PDF']), { status: 200 }))
    expect((await api.annualReportCityPdf(2026)).filename).toBe('2026年度全市工作报告.pdf')
    expect(last().url).toBe('/api/v1/annual-reports/city/report.pdf?year=2026')
    fetchMock.mockResolvedValueOnce(new Response(new Blob(['PK']), { status: 200, headers: { 'Content-Disposition': "attachment; filename*=UTF-8''%E6%8A%A5%E5%91%8A.xlsx" } }))
    expect((await api.annualReportXlsx(3)).filename).toBe('报告.xlsx')
    expect(last().url).toBe('/api/v1/annual-reports/3/report.xlsx')
    fetchMock.mockResolvedValueOnce(new Response(new Blob(['%PDF']), { status: 200 }))
    expect((await api.annualReportPdf(3)).filename).toBe('年度工作报告-3.pdf')
  })

  it('reports an existing report as annual_report_exists', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'annual_report_exists', message: '已存在', details: { id: 9 } } }), { status: 409 }))
    const err = await api.createAnnualReport({ year: 2026 }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ status: 409, code: 'annual_report_exists', details: { id: 9 } })
  })
})

describe('problem reports', () => {
  it('lists with filters and files a trimmed report', async () => {
    await api.problemReports({ status: 'submitted', q: '充电', region_code: '', page: 1 })
    expect(last().url).toBe('/api/v1/problem-reports?status=submitted&q=%E5%85%85%E7%94%B5&page=1')
    await api.createProblemReport({ title: ' 标题 ', body: ' 内容\n第二段 ' })
    expect(last()).toMatchObject({ url: '/api/v1/problem-reports', method: 'POST', body: { title: '标题', body: '内容\n第二段' } })
  })

  it('uploads an attachment as multipart and fetches one with its name', async () => {
    await api.uploadProblemAttachment(4, new Blob(['x']), '照片.png')
    const { url, method, body, headers } = last()
    expect(url).toBe('/api/v1/problem-reports/4/attachments')
    expect(method).toBe('POST')
    expect((body as FormData).get('file')).toBeInstanceOf(Blob)
    expect(headers['X-CSRF-Token']).toBe('tok')
    expect(headers['Content-Type']).toBeUndefined()
    expect(api.problemAttachmentUrl(4, 7)).toBe('/api/v1/problem-reports/4/attachments/7')
    fetchMock.mockResolvedValueOnce(new Response(new Blob(['x']), { status: 200 }))
    expect((await api.problemAttachment(4, 7, '照片.png')).filename).toBe('照片.png')
  })

  it('acknowledges with a note, or without one', async () => {
    await api.acknowledgeProblemReport(4, ' 已知悉 ')
    expect(last()).toMatchObject({ url: '/api/v1/problem-reports/4/acknowledge', method: 'POST', body: { note: '已知悉' } })
    await api.acknowledgeProblemReport(4, '  ')
    expect(last().body).toEqual({})
  })
})

describe('bulletins', () => {
  it('lists by year, publishes and downloads the PDF', async () => {
    await api.bulletins({ year: 2026, page: 1 })
    expect(last().url).toBe('/api/v1/bulletins?year=2026&page=1')
    await api.publishBulletin({ title: ' 通报 ', note: ' 说明 ', period: '2026-Q4' })
    expect(last()).toMatchObject({ url: '/api/v1/bulletins', method: 'POST', body: { title: '通报', note: '说明', period: '2026-Q4' } })
    await api.bulletin(2)
    expect(last().url).toBe('/api/v1/bulletins/2')
    fetchMock.mockResolvedValueOnce(new Response(new Blob(['%PDF']), { status: 200 }))
    expect((await api.bulletinPdf(2)).filename).toBe('通报-2.pdf')
    expect(last().url).toBe('/api/v1/bulletins/2/bulletin.pdf')
  })
})

describe('institute report', () => {
  it('reads the period of an institute, leaving out what the server defaults', async () => {
    await api.instituteReport()
    expect(last()).toMatchObject({ url: '/api/v1/institute-report', method: 'GET' })
    await api.instituteReport({ from: '2026-01-01', to: '2026-06-30', institute_org_id: 4 })
    expect(last().url).toBe('/api/v1/institute-report?from=2026-01-01&to=2026-06-30&institute_org_id=4')
    await api.instituteReport({ from: '', to: '', institute_org_id: undefined })
    expect(last().url).toBe('/api/v1/institute-report')
  })

  it('downloads the PDF and the Excel of the same period', async () => {
    fetchMock.mockResolvedValueOnce(new Response(new Blob(['%PDF']), { status: 200 }))
    expect((await api.instituteReportPdf({ from: '2026-01-01', to: '2026-12-06', institute_org_id: 4 })).filename).toBe('检定统计分析报告.pdf')
    expect(last().url).toBe('/api/v1/institute-report/report.pdf?from=2026-01-01&to=2026-12-06&institute_org_id=4')
    fetchMock.mockResolvedValueOnce(new Response(new Blob(['PK']), { status: 200 }))
    expect((await api.instituteReportXlsx({ from: '2026-01-01' })).filename).toBe('检定统计分析报告.xlsx')
    expect(last().url).toBe('/api/v1/institute-report/report.xlsx?from=2026-01-01')
  })
})

describe('milestones', () => {
  it('lists by status, leaving out an empty one', async () => {
    await api.milestones({ status: 'active', page: 1, page_size: 20 })
    expect(last()).toMatchObject({ url: '/api/v1/milestones?status=active&page=1&page_size=20', method: 'GET' })
    await api.milestones({ status: '' })
    expect(last().url).toBe('/api/v1/milestones')
  })

  it('creates one with the CSRF header: trimmed, since only for first verification, no empty note', async () => {
    await api.createMilestone({ title: '  在用充电桩全部检定 ', kind: 'periodic_verification', deadline: '2027-01-05', target_pct: 100, since: '2026-01-01', note: '  ' })
    expect(last()).toMatchObject({ url: '/api/v1/milestones', method: 'POST' })
    expect(last().body).toEqual({ title: '在用充电桩全部检定', kind: 'periodic_verification', deadline: '2027-01-05', target_pct: 100 })
    expect(last().headers['X-CSRF-Token']).toBe('tok')
    await api.createMilestone({ title: '首次检定', kind: 'first_verification', deadline: '2027-01-05', target_pct: 90, since: '2026-07-01', note: ' 投运前完成 ' })
    expect(last().body).toEqual({ title: '首次检定', kind: 'first_verification', deadline: '2027-01-05', target_pct: 90, since: '2026-07-01', note: '投运前完成' })
  })

  it('changes and withdraws one', async () => {
    await api.updateMilestone(7, { title: 'x', kind: 'sampling', deadline: '2026-12-31', target_pct: 80 })
    expect(last()).toMatchObject({ url: '/api/v1/milestones/7', method: 'PUT', body: { title: 'x', kind: 'sampling', deadline: '2026-12-31', target_pct: 80 } })
    await api.withdrawMilestone(7)
    expect(last()).toMatchObject({ url: '/api/v1/milestones/7/withdraw', method: 'POST' })
  })

  it('reads the progress of the whole scope or of one district', async () => {
    await api.milestoneProgress()
    expect(last()).toMatchObject({ url: '/api/v1/milestones/progress', method: 'GET' })
    await api.milestoneProgress('420102')
    expect(last().url).toBe('/api/v1/milestones/progress?region_code=420102')
  })
})
