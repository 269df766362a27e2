// 平台对接 rendered in the browser-like DOM with the API mocked: the accounts with status and
// time in Chinese, the endpoint the operator calls, 开通对接 (the enterprise required, the
// OperatorID and agreed secrets sent as typed), the five values shown once with the warning and
// the list refreshed on closing, the server's messages under their fields, 轮换密钥 (confirmed, the
// new values shown once) and 停用 / 启用 with the status tag; an account the platform sync made
// (仅平台同步) explained on hovering, with 轮换密钥, 启用 and 停用; the second tab 监管平台数据同步
// mounted only when shown, kept in the address.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { i18n } from '@/i18n'
import { loadExchangeTexts } from '@/i18n/exchange'
import { ApiError } from '@/lib/api/http'
import type { TcecOperator, TcecOperatorIssued } from '@/lib/api/types.exchange'
import TcecOperatorsView from './TcecOperatorsView.vue'

const tcecOperators = vi.hoisted(() => vi.fn())
const createTcecOperator = vi.hoisted(() => vi.fn())
const rotateTcecOperator = vi.hoisted(() => vi.fn())
const disableTcecOperator = vi.hoisted(() => vi.fn())
const enableTcecOperator = vi.hoisted(() => vi.fn())
const confirmAction = vi.hoisted(() => vi.fn())
const tcecPlatform = vi.hoisted(() => vi.fn())
const platformPulls = vi.hoisted(() => vi.fn())
vi.mock('@/lib/api/exchange', () => ({ exchangeApi: { tcecOperators, createTcecOperator, rotateTcecOperator, disableTcecOperator, enableTcecOperator, tcecPlatform, platformPulls } }))
vi.mock('@/lib/confirm', () => ({ confirmAction }))
// The enterprise picker searches the organisations; here a button (with the dialog's test id) picks enterprise 7.
vi.mock('@/components/admin/OrgSelect.vue', () => ({
  default: defineComponent({
    props: { modelValue: { type: Number, default: null } },
    emits: ['update:modelValue'],
    setup: (_p, { emit }) => () => h('button', { type: 'button', onClick: () => emit('update:modelValue', 7) }, '选择'),
  }),
}))

const ROW: TcecOperator = { id: 1, org_id: 5, org_name: '武汉充电科技有限公司', operator_id: 'MA4K12345', status: 'active', created_at: '2026-12-01T02:03:04Z', rotated_at: '2026-12-01T02:03:04Z' }
const ISSUED: TcecOperatorIssued = {
  id: 2,
  org_id: 7,
  org_name: '湖北快充科技有限公司',
  operator_id: 'MA4L00001',
  operator_secret: 'k8Q2vN5xR1tZ7mWp',
  data_secret: 'a3F9hL2qT6yB8cXe',
  data_secret_iv: 'J4nU7rD1sG5wK9pM',
  sig_secret: '1234567890abcdef',
}

let app: App | null = null
let root: HTMLElement
let router: Router

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
  }
}
/** Element Plus shows a form item's error 100 ms after the state changes; dialogs animate. */
const shown = () => new Promise((r) => setTimeout(r, 350))
const body = () => document.body.textContent ?? ''
const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const itemError = (testid: string) => $(testid)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent?.trim()

async function type(testid: string, value: string) {
  const el = $(testid)!
  const input = (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await settle()
}
async function click(testid: string) {
  $(testid)!.click()
  await settle()
}

async function mountPage(path = '/admin/tcec-operators') {
  router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/admin/tcec-operators', component: { render: () => null } }] })
  await router.push(path)
  root = document.createElement('div')
  document.body.appendChild(root)
  app = createApp(TcecOperatorsView)
  app.use(createPinia()).use(i18n).use(router)
  await router.isReady()
  app.mount(root)
  await settle()
}

beforeAll(async () => {
  ;(globalThis as { ASYNC_VALIDATOR_NO_WARNING?: number }).ASYNC_VALIDATOR_NO_WARNING = 1
  await loadExchangeTexts()
})
beforeEach(async () => {
  for (const m of [tcecOperators, createTcecOperator, rotateTcecOperator, disableTcecOperator, enableTcecOperator, confirmAction, tcecPlatform, platformPulls]) m.mockReset()
  confirmAction.mockResolvedValue(true)
  tcecOperators.mockResolvedValue({ items: [ROW] })
  tcecPlatform.mockResolvedValue({ configured: false, base_url: '', operator_id: '', enabled: false, page_size: 100, last_query_time: '', updated_at: null })
  platformPulls.mockResolvedValue({ items: [] })
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 })))
  await mountPage()
})
afterEach(() => {
  vi.unstubAllGlobals()
  app?.unmount()
  app = null
  root.remove()
  document.body.innerHTML = ''
})

describe('平台对接 page', () => {
  it('lists the accounts with status and time in Chinese, and the endpoint the operator calls', () => {
    const table = $('tcec-table')!.textContent ?? ''
    expect(table).toContain('武汉充电科技有限公司')
    expect($('tcec-row-MA4K12345')?.textContent).toBe('MA4K12345')
    expect(table).toContain('启用')
    expect(table).toMatch(/2026-12-01/)
    expect(table).not.toContain('active')
    const endpoint = $('tcec-endpoint')?.textContent ?? ''
    expect(endpoint).toContain(`${window.location.origin}/tcec/v1/`)
    expect(endpoint).toContain('获取令牌 query_token')
    expect(endpoint).toContain('推送充电站信息 notification_stationInfo')
    expect($('tcec-create')?.textContent).toContain('开通对接')
  })

  it('says what to do when no operator is connected', async () => {
    app?.unmount()
    root.remove()
    tcecOperators.mockResolvedValue({ items: [] })
    await mountPage()
    expect($('tcec-table')?.textContent).toContain('暂无对接的运营企业')
  })

  it('asks for the enterprise, then opens the exchange and shows the five values once', async () => {
    await click('tcec-create')
    await shown()
    expect($('tcec-dialog')?.textContent).toContain('使用已约定的密钥')
    expect(($('tcec-operator-id') as HTMLInputElement).placeholder).toBe('默认取统一社会信用代码中的组织机构代码')
    await click('tcec-submit')
    await shown()
    expect(itemError('tcec-org')).toBe('请选择运营企业')
    expect(createTcecOperator).not.toHaveBeenCalled()

    await click('tcec-org')
    await type('tcec-operator-id', 'ma4l00001')
    await click('tcec-agreed-toggle')
    await type('tcec-sig_secret', '1234567890abcdef')
    createTcecOperator.mockResolvedValueOnce(ISSUED)
    await click('tcec-submit')
    await shown()
    expect(createTcecOperator).toHaveBeenCalledWith({ org_id: 7, operator_id: 'ma4l00001', operator_secret: '', data_secret: '', data_secret_iv: '', sig_secret: '1234567890abcdef' })
    const dialog = $('tcec-secrets')!.textContent ?? ''
    expect(dialog).toContain('密钥仅显示这一次，请立即通过安全渠道交给运营商')
    expect(dialog).toContain('湖北快充科技有限公司')
    for (const [f, v] of Object.entries({ operator_id: 'MA4L00001', operator_secret: 'k8Q2vN5xR1tZ7mWp', data_secret: 'a3F9hL2qT6yB8cXe', data_secret_iv: 'J4nU7rD1sG5wK9pM', sig_secret: '1234567890abcdef' })) {
      expect($(`tcec-secret-${f}`)?.textContent, f).toBe(v)
      expect($(`tcec-copy-${f}`)?.textContent?.trim(), f).toBe('复制')
    }
    for (const label of ['运营商标识', '运营商密钥', '消息密钥', '消息密钥初始化向量', '签名密钥']) expect(dialog).toContain(label)
    expect(dialog).not.toMatch(/OperatorSecret|DataSecretIV|SigSecret/)
    expect(tcecOperators).toHaveBeenCalledTimes(1)

    tcecOperators.mockResolvedValue({ items: [ROW, { ...ROW, id: 2, org_id: 7, org_name: ISSUED.org_name, operator_id: ISSUED.operator_id }] })
    await click('tcec-secrets-close')
    await shown()
    await settle()
    expect(tcecOperators).toHaveBeenCalledTimes(2)
    expect($('tcec-row-MA4L00001')).not.toBeNull()
    expect(body()).not.toContain('k8Q2vN5xR1tZ7mWp')
  })

  it("puts the server's messages under their fields, opening the agreed secrets for a wrong one", async () => {
    await click('tcec-create')
    await shown()
    await click('tcec-org')
    createTcecOperator.mockRejectedValueOnce(new ApiError(400, 'secret_invalid', '密钥应为16位可见字符', { field: 'data_secret' }))
    await click('tcec-submit')
    await shown()
    expect(itemError('tcec-data_secret')).toBe('密钥应为16位可见字符')
    expect($('tcec-data_secret')!.closest('.el-collapse-item')?.classList.contains('is-active')).toBe(true)
    createTcecOperator.mockRejectedValueOnce(new ApiError(409, 'operator_exists', '该运营商标识已开通对接'))
    await click('tcec-submit')
    await shown()
    expect(itemError('tcec-operator-id')).toBe('该运营商标识已开通对接')
    expect(itemError('tcec-data_secret')).toBeUndefined()
    expect($('tcec-secrets')?.textContent ?? '').not.toContain('密钥仅显示这一次')
  })

  it('checks the OperatorID and a secret before sending', async () => {
    await click('tcec-create')
    await shown()
    await click('tcec-org')
    await type('tcec-operator-id', 'MA4-1')
    await click('tcec-submit')
    await shown()
    expect(itemError('tcec-operator-id')).toBe('运营商标识应为9位数字或大写字母')
    await type('tcec-operator-id', '')
    await click('tcec-agreed-toggle')
    await type('tcec-operator_secret', 'short')
    await click('tcec-submit')
    await shown()
    expect(itemError('tcec-operator_secret')).toBe('密钥应为16位可见字符，不含空格')
    expect(createTcecOperator).not.toHaveBeenCalled()
  })

  it('rotates the secrets once confirmed and shows the new values once', async () => {
    confirmAction.mockResolvedValueOnce(false)
    await click('tcec-rotate-MA4K12345')
    expect(confirmAction.mock.calls[0][0]).toContain('轮换后原密钥立即失效，需将新密钥交给对方平台')
    expect(confirmAction.mock.calls[0][0]).toContain('武汉充电科技有限公司')
    expect(rotateTcecOperator).not.toHaveBeenCalled()

    const NEW = { ...ISSUED, id: 1, org_id: 5, org_name: ROW.org_name, operator_id: ROW.operator_id, operator_secret: 'Zz9Yy8Xx7Ww6Vv5U', data_secret: 'Nn1Mm2Ll3Kk4Jj5H', data_secret_iv: 'Qq1Rr2Ss3Tt4Uu5V', sig_secret: 'fedcba0987654321' }
    rotateTcecOperator.mockResolvedValueOnce(NEW)
    await click('tcec-rotate-MA4K12345')
    await shown()
    expect(rotateTcecOperator).toHaveBeenCalledWith(1)
    const dialog = $('tcec-secrets')!.textContent ?? ''
    expect(dialog).toContain('新的对接密钥')
    expect(dialog).toContain('原密钥已失效')
    expect(dialog).toContain('密钥仅显示这一次，请立即通过安全渠道交给运营商')
    for (const f of ['operator_id', 'operator_secret', 'data_secret', 'data_secret_iv', 'sig_secret'] as const) expect($(`tcec-secret-${f}`)?.textContent, f).toBe(NEW[f])
    expect(body()).toContain('已轮换密钥')
    await click('tcec-secrets-close')
    await shown()
    await settle()
    expect(tcecOperators).toHaveBeenCalledTimes(2)
    expect(body()).not.toContain('Zz9Yy8Xx7Ww6Vv5U')
  })

  it('disables an account once confirmed and enables it again, the status tag following', async () => {
    expect($('tcec-status-MA4K12345')?.textContent?.trim()).toBe('启用中')
    disableTcecOperator.mockResolvedValueOnce({ ...ROW, status: 'disabled' })
    await click('tcec-disable-MA4K12345')
    expect(confirmAction.mock.calls[0][0]).toContain('停用后“武汉充电科技有限公司”的平台将无法获取令牌和推送数据')
    expect(disableTcecOperator).toHaveBeenCalledWith(1)
    expect($('tcec-status-MA4K12345')?.textContent?.trim()).toBe('已停用')
    expect($('tcec-disable-MA4K12345')).toBeNull()
    enableTcecOperator.mockResolvedValueOnce({ ...ROW, status: 'active' })
    await click('tcec-enable-MA4K12345')
    expect(confirmAction).toHaveBeenCalledTimes(1)
    expect(enableTcecOperator).toHaveBeenCalledWith(1)
    expect($('tcec-status-MA4K12345')?.textContent?.trim()).toBe('启用中')
    expect(body()).toContain('已启用对接')
    expect($('tcec-table')?.textContent).not.toMatch(/active|disabled/)
  })

  it('does not disable when the administrator thinks again', async () => {
    confirmAction.mockResolvedValueOnce(false)
    await click('tcec-disable-MA4K12345')
    expect(disableTcecOperator).not.toHaveBeenCalled()
    expect($('tcec-status-MA4K12345')?.textContent?.trim()).toBe('启用中')
  })

  it('explains an account the platform sync made, which may be rotated or disabled, and enabled only once rotated', async () => {
    app?.unmount()
    root.remove()
    const PLATFORM: TcecOperator = { ...ROW, id: 3, org_name: '武汉仅报平台充电有限公司', operator_id: 'MA4P00003', status: 'platform' }
    tcecOperators.mockResolvedValue({ items: [ROW, PLATFORM] })
    await mountPage()
    const status = $('tcec-status-MA4P00003')!
    expect(status.textContent?.trim()).toBe('仅平台同步')
    expect(status.querySelector('.el-tag')?.className).toContain('el-tag--info')
    expect(body()).not.toContain('尚无可用的密钥')
    status.dispatchEvent(new MouseEvent('mouseenter'))
    await settle()
    await shown()
    expect(body()).toContain('该企业仅向监管平台报送数据，由监管平台数据同步自动建立，尚无可用的密钥')
    for (const action of ['rotate', 'disable']) expect($(`tcec-${action}-MA4P00003`), action).not.toBeNull()
    // enabled only once its secrets are issued (rotating it makes it a disabled account)
    expect($('tcec-enable-MA4P00003')).toBeNull()
    // an account in use is not enabled again, a disabled one not disabled again
    expect($('tcec-enable-MA4K12345')).toBeNull()
    expect($('tcec-table')?.textContent).not.toContain('platform')
  })

  it('shows 监管平台数据同步 in the second tab, mounted when first shown and kept in the address', async () => {
    expect($('tcec-tab-operators')?.textContent).toBe('运营商对接账号')
    expect($('tcec-tab-platform')?.textContent).toBe('监管平台数据同步')
    expect($('pull-panel')).toBeNull()
    expect(tcecPlatform).not.toHaveBeenCalled()
    await click('tcec-tab-platform')
    await settle()
    expect($('pull-panel')).not.toBeNull()
    expect(tcecPlatform).toHaveBeenCalledTimes(1)
    expect(platformPulls).toHaveBeenCalledTimes(1)
    expect(router.currentRoute.value.query).toEqual({ tab: 'platform' })
    await click('tcec-tab-operators')
    expect(router.currentRoute.value.query).toEqual({})

    app?.unmount()
    root.remove()
    await mountPage('/admin/tcec-operators?tab=platform')
    expect($('pull-panel')).not.toBeNull()
    expect($('pull-panel')?.textContent).toContain('同步记录')
  })
})
