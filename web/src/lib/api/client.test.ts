import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { api, ApiError, configureClient, dispositionFilename, request } from './client'

type FetchArgs = [string, RequestInit]

function jsonResponse(status: number, body: unknown): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

let fetchMock: ReturnType<typeof vi.fn>
let token: string | null
let unauthorized: number

beforeEach(() => {
  token = 'tok-123'
  unauthorized = 0
  fetchMock = vi.fn()
  vi.stubGlobal('fetch', fetchMock)
  configureClient({ csrfToken: () => token, onUnauthorized: () => unauthorized++ })
})
afterEach(() => vi.unstubAllGlobals())

const lastCall = (): FetchArgs => fetchMock.mock.calls.at(-1) as FetchArgs
const header = (name: string) => (lastCall()[1].headers as Record<string, string>)[name]

describe('error envelope', () => {
  it('parses code, message, details and status', async () => {
    fetchMock.mockResolvedValue(
      jsonResponse(400, {
        error: { code: 'credit_code_invalid', message: '统一社会信用代码校验位错误', details: { field: 'credit_code' } },
      }),
    )
    const err = await api.register({} as never).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(400)
    expect(err.code).toBe('credit_code_invalid')
    expect(err.message).toBe('统一社会信用代码校验位错误')
    expect(err.details).toEqual({ field: 'credit_code' })
  })

  it('falls back for bodies that are not the envelope', async () => {
    fetchMock.mockResolvedValue(new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }))
    const err = await api.home().catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(502)
    expect(err.code).toBe('http_502')
    expect(err.details).toEqual({})
  })

  it('reports network failures as network_error', async () => {
    fetchMock.mockRejectedValue(new TypeError('Failed to fetch'))
    const err = await api.home().catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(0)
    expect(err.code).toBe('network_error')
  })

  it('returns parsed JSON on success and undefined on 204', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(200, { todos: [], unread_messages: 2 }))
    expect(await api.home()).toEqual({ todos: [], unread_messages: 2 })
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    expect(await api.markAllRead()).toBeUndefined()
  })
})

describe('CSRF header', () => {
  it('is sent on POST, PUT, PATCH and DELETE', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
      await request(method, '/x')
      expect(header('X-CSRF-Token')).toBe('tok-123')
      expect(lastCall()[1].method).toBe(method)
    }
  })

  it('is not sent on GET', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], total: 0 }))
    await api.adminOrgs({ page: 1 })
    expect(header('X-CSRF-Token')).toBeUndefined()
  })

  it('is left out when there is no token', async () => {
    token = null
    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    await api.markAllRead()
    expect(header('X-CSRF-Token')).toBeUndefined()
  })

  it('goes with same-origin cookies and a JSON body', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { id: 1 }))
    await api.createOrg({ kind: 'institute', name: '市计量所', region_code: '420100' })
    const [url, init] = lastCall()
    expect(url).toBe('/api/v1/admin/orgs')
    expect(init.credentials).toBe('same-origin')
    expect(header('Content-Type')).toBe('application/json')
    expect(JSON.parse(init.body as string)).toEqual({ kind: 'institute', name: '市计量所', region_code: '420100' })
  })
})

describe('query and 401 handling', () => {
  it('drops empty query values', async () => {
    fetchMock.mockResolvedValue(jsonResponse(200, { items: [], total: 0 }))
    await api.adminUsers({ role: '', q: 'zhang san', page: 2, page_size: 20 })
    expect(lastCall()[0]).toBe('/api/v1/admin/users?q=zhang+san&page=2&page_size=20')
  })

  it('calls onUnauthorized on a 401, but not for login', async () => {
    const body = { error: { code: 'unauthenticated', message: '请先登录' } }
    fetchMock.mockResolvedValue(jsonResponse(401, body))
    await api.home().catch(() => undefined)
    expect(unauthorized).toBe(1)
    fetchMock.mockResolvedValue(jsonResponse(401, { error: { code: 'login_failed', message: '用户名或密码错误' } }))
    const err = await api.login('u', 'p').catch((e) => e)
    expect(err.code).toBe('login_failed')
    expect(unauthorized).toBe(1)
  })
})

describe('site information', () => {
  it('gets the public footer fields without treating a 404 as a lost session', async () => {
    const site = { organiser: '武汉市市场监督管理局', support: '武汉市计量测试检定研究所', icp: '鄂ICP备00000000号', complaint_phone: '12315' }
    fetchMock.mockResolvedValue(jsonResponse(200, site))
    expect(await api.site()).toEqual(site)
    expect(lastCall()[0]).toBe('/api/v1/site')
    expect(lastCall()[1].method).toBe('GET')

    fetchMock.mockResolvedValue(jsonResponse(404, { error: { code: 'not_found', message: 'not found' } }))
    expect(await api.site().catch((e) => e.status)).toBe(404)
    expect(unauthorized).toBe(0)
  })
})

describe('password reset calls', () => {
  it('asks for a reset_password code and posts the reset', async () => {
    fetchMock.mockResolvedValue(jsonResponse(202, { expires_in: 600, resend_after: 60 }))
    await api.sendSmsCode('13912345678', 'reset_password')
    expect(lastCall()[0]).toBe('/api/v1/auth/sms-codes')
    expect(JSON.parse(lastCall()[1].body as string)).toEqual({ phone: '13912345678', purpose: 'reset_password' })

    fetchMock.mockResolvedValue(new Response(null, { status: 204 }))
    const body = { username: 'u', phone: '13912345678', sms_code: '123456', new_password: 'N3w!Passw0rd#' }
    expect(await api.resetForgottenPassword(body)).toBeUndefined()
    expect(lastCall()[0]).toBe('/api/v1/auth/password-reset')
    expect(lastCall()[1].method).toBe('POST')
    expect(JSON.parse(lastCall()[1].body as string)).toEqual(body)
  })

  it('turns reset_failed into an ApiError', async () => {
    fetchMock.mockResolvedValue(jsonResponse(400, { error: { code: 'reset_failed', message: '用户名、手机号或短信验证码不正确' } }))
    const err = await api.resetForgottenPassword({ username: 'u', phone: '13912345678', sms_code: '000000', new_password: 'x' }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('reset_failed')
    expect(unauthorized).toBe(0)
  })
})

describe('instrument filing calls', () => {
  it('adds submit only when saving and applying', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(201, { id: 7 }))
    const data = { type_code: 'ev_ac_charger', name: '桩' } as never
    await api.createInstrument(data)
    expect(JSON.parse(lastCall()[1].body as string)).toEqual({ type_code: 'ev_ac_charger', name: '桩' })
    await api.createInstrument(data, true)
    expect(JSON.parse(lastCall()[1].body as string)).toEqual({ type_code: 'ev_ac_charger', name: '桩', submit: true })
    await api.updateInstrument(7, data, true)
    expect(lastCall()[0]).toBe('/api/v1/instruments/7')
    expect(lastCall()[1].method).toBe('PUT')
  })

  it('sends review decisions with a reason only when there is one', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(200, { reviewed: 2 }))
    await api.reviewFiling([1, 2], 'approve')
    expect(JSON.parse(lastCall()[1].body as string)).toEqual({ ids: [1, 2], decision: 'approve' })
    await api.reviewFiling([3], 'return', '铭牌不清')
    expect(JSON.parse(lastCall()[1].body as string)).toEqual({ ids: [3], decision: 'return', reason: '铭牌不清' })
  })

  it('exports with the list filters but without paging', async () => {
    fetchMock.mockResolvedValue(
      new Response('xlsx', {
        status: 200,
        headers: { 'Content-Disposition': "attachment; filename=\"instruments.xlsx\"; filename*=UTF-8''%E5%99%A8%E5%85%B7%E6%B8%85%E5%8D%95.xlsx" },
      }),
    )
    const d = await api.exportInstruments({ status: 'needs_review', q: '', brand: '星星', page: 2, page_size: 20 })
    expect(lastCall()[0]).toBe('/api/v1/instruments/export?status=needs_review&brand=%E6%98%9F%E6%98%9F')
    expect(d.filename).toBe('器具清单.xlsx')
    expect(await d.blob.text()).toBe('xlsx')
  })

  it('turns a refused export into an ApiError', async () => {
    fetchMock.mockResolvedValue(jsonResponse(403, { error: { code: 'permission_denied', message: '无权访问' } }))
    const err = await api.exportInstruments({}).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('permission_denied')
  })
})

describe('batch import calls', () => {
  it('uploads the file as multipart field `file` with the CSRF token, asynchronously', async () => {
    fetchMock.mockResolvedValue(jsonResponse(202, { id: 9, status: 'parsing' }))
    const file = new File(['器具类型*\n'], '清单.csv', { type: 'text/csv' })
    const s = await api.uploadImport(file, file.name)
    expect(s).toEqual({ id: 9, status: 'parsing' })
    const [url, init] = lastCall()
    expect(url).toBe('/api/v1/instruments/imports?async=true')
    expect(init.method).toBe('POST')
    expect(header('X-CSRF-Token')).toBe('tok-123')
    expect(header('Content-Type')).toBeUndefined()
    const body = init.body as FormData
    expect(body).toBeInstanceOf(FormData)
    const sent = body.get('file') as File
    expect(sent.name).toBe('清单.csv')
    expect(await sent.text()).toBe('器具类型*\n')
  })

  it('uploads synchronously without the async flag', async () => {
    fetchMock.mockResolvedValue(jsonResponse(201, { id: 9, status: 'ready' }))
    await api.uploadImport(new Blob(['x']), 'a.csv', false)
    expect(lastCall()[0]).toBe('/api/v1/instruments/imports')
  })

  it('turns a refused file into an ApiError with the server message', async () => {
    fetchMock.mockResolvedValue(jsonResponse(400, { error: { code: 'import_empty', message: '文件中没有可导入的数据行' } }))
    const err = await api.uploadImport(new Blob(['x']), 'a.xlsx').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(400)
    expect(err.message).toBe('文件中没有可导入的数据行')
  })

  it('reads rows of one state and page, saves and deletes rows, commits', async () => {
    fetchMock.mockImplementation(async () => jsonResponse(200, {}))
    await api.importDetail(4, { state: 'error', page: 2, page_size: 10 })
    expect(lastCall()[0]).toBe('/api/v1/instruments/imports/4?state=error&page=2&page_size=10')
    await api.importDetail(4, { state: '', page: 1 })
    expect(lastCall()[0]).toBe('/api/v1/instruments/imports/4?page=1')
    await api.updateImportRow(4, 3, { serial_no: 'S1' } as never)
    expect(lastCall()[0]).toBe('/api/v1/instruments/imports/4/rows/3')
    expect(lastCall()[1].method).toBe('PUT')
    expect(JSON.parse(lastCall()[1].body as string)).toEqual({ serial_no: 'S1' })
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await api.deleteImportRow(4, 3)
    expect(lastCall()[1].method).toBe('DELETE')
    await api.commitImport(4)
    expect(lastCall()[0]).toBe('/api/v1/instruments/imports/4/commit')
    expect(header('X-CSRF-Token')).toBe('tok-123')
  })
})

describe('dispositionFilename', () => {
  it('prefers filename*, then filename, then the fallback', () => {
    expect(dispositionFilename("attachment; filename=\"a.xlsx\"; filename*=UTF-8''%E5%99%A8.xlsx", 'x')).toBe('器.xlsx')
    expect(dispositionFilename('attachment; filename="a.xlsx"', 'x')).toBe('a.xlsx')
    expect(dispositionFilename(null, 'x.xlsx')).toBe('x.xlsx')
    expect(dispositionFilename('attachment', 'x.xlsx')).toBe('x.xlsx')
  })
})

describe('announcement calls', () => {
  const ok = (status: number, body?: unknown) => fetchMock.mockResolvedValueOnce(body === undefined ? new Response(null, { status }) : jsonResponse(status, body))
  const body = () => JSON.parse(lastCall()[1].body as string)

  it('lists with filters, sending unread only when asked', async () => {
    const page = { items: [], total: 0, unread: 3 }
    ok(200, page)
    expect(await api.announcements({ q: '检定', status: 'draft', unread: false, page: 1, page_size: 20 })).toEqual(page)
    expect(lastCall()[0]).toBe('/api/v1/announcements?q=%E6%A3%80%E5%AE%9A&status=draft&page=1&page_size=20')
    expect(lastCall()[1].method).toBe('GET')
    ok(200, page)
    await api.announcements({ q: '', status: '', unread: true, page_size: 5 })
    expect(lastCall()[0]).toBe('/api/v1/announcements?unread=true&page_size=5')
    ok(200, { id: 7 })
    await api.announcement(7)
    expect(lastCall()[0]).toBe('/api/v1/announcements/7')
  })

  it('creates and updates drafts with the CSRF header', async () => {
    const req = { title: '关于开展充电桩强制检定的通知', body: '第一行\n第二行', pinned: true, roles: ['enterprise' as const], region_codes: ['420102'] }
    ok(201, { id: 7 })
    await api.createAnnouncement(req)
    expect(lastCall()[0]).toBe('/api/v1/announcements')
    expect(lastCall()[1].method).toBe('POST')
    expect(header('X-CSRF-Token')).toBe('tok-123')
    expect(body()).toEqual(req)
    ok(200, { id: 7 })
    await api.updateAnnouncement(7, req)
    expect(lastCall()[0]).toBe('/api/v1/announcements/7')
    expect(lastCall()[1].method).toBe('PUT')
    expect(body()).toEqual(req)
  })

  it('deletes, publishes, withdraws with a reason and marks read', async () => {
    ok(204)
    expect(await api.deleteAnnouncement(7)).toBeUndefined()
    expect(lastCall()).toEqual(['/api/v1/announcements/7', expect.objectContaining({ method: 'DELETE' })])
    ok(200, { id: 7, status: 'published' })
    await api.publishAnnouncement(7)
    expect(lastCall()).toEqual(['/api/v1/announcements/7/publish', expect.objectContaining({ method: 'POST' })])
    ok(200, { id: 7, status: 'withdrawn' })
    await api.withdrawAnnouncement(7, '内容有误')
    expect(lastCall()[0]).toBe('/api/v1/announcements/7/withdraw')
    expect(body()).toEqual({ reason: '内容有误' })
    ok(204)
    expect(await api.markAnnouncementRead(7)).toBeUndefined()
    expect(lastCall()).toEqual(['/api/v1/announcements/7/read', expect.objectContaining({ method: 'POST' })])
    expect(header('X-CSRF-Token')).toBe('tok-123')
  })

  it('turns a refused change into an ApiError', async () => {
    ok(409, { error: { code: 'announcement_not_draft', message: '通知公告已发布，不能修改' } })
    const err = await api.updateAnnouncement(7, { title: 't', body: 'b' }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(409)
    expect(err.code).toBe('announcement_not_draft')
    expect(err.message).toBe('通知公告已发布，不能修改')
  })
})
