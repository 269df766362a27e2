// 计量数据验签 rendered in the browser-like DOM with the API mocked: the required check (the key is
// optional), the registered meter the server used, a valid
// record (status, energy, meter, readings in Chinese), an invalid one (the reason in words, the
// readings kept with their warning), a server field error under its field and 请求过于频繁.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { loadOcmfTexts } from '@/i18n/ocmf'
import { ApiError } from '@/lib/api/http'
import type { OcmfVerdict } from '@/lib/api/types.ocmf'
import PublicOcmfView from './PublicOcmfView.vue'

const verify = vi.hoisted(() => vi.fn())
vi.mock('@/lib/api/ocmf', () => ({ ocmfApi: { verify } }))

const RECORD = 'OCMF|{"FV":"1.0","GI":"KEBA_KCP30","GS":"17619300","PG":"T32","RD":[]}|{"SD":"3045"}'
const KEY = '3059301306072A8648CE3D020106082A8648CE3D030107034200043AEE'

const readings: OcmfVerdict['readings'] = [
  { time: '2019-08-13T10:03:15,000+0000 I', type: 'B', value: 0.2596, unit: 'kWh', obis: '1-b:1.8.0', status: 'G', error_flags: '' },
  { time: '2019-08-13T10:03:36,000+0000 R', type: 'R', value: 0.2597, unit: 'kWh', obis: '1-b:1.8.0', status: 'G', error_flags: '' },
]
const VALID: OcmfVerdict = { valid: true, curve: 'secp256r1', meter_serial: '17619300', meter_vendor: '', meter_model: '', pagination: 'T32', readings, registered: null }
const INVALID: OcmfVerdict = {
  ...VALID,
  valid: false,
  reason: 'signature_invalid',
  readings: [readings[0], { ...readings[1], value: 999.9999, status: 'E', error_flags: 'E' }],
}

let app: App | null = null
let root: HTMLElement

const settle = async () => {
  for (let i = 0; i < 5; i++) {
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
  }
}
/** Element Plus shows a form item's error 100 ms after the state changes. */
const errorsShown = () => new Promise((r) => setTimeout(r, 150))
const text = () => root.textContent ?? ''
const $ = (testid: string) => root.querySelector<HTMLElement>(`[data-testid="${testid}"]`)

async function type(testid: string, value: string) {
  const el = $(testid)!
  const area = (el.tagName === 'TEXTAREA' ? el : el.querySelector('textarea')) as HTMLTextAreaElement
  area.value = value
  area.dispatchEvent(new Event('input'))
  await settle()
}

async function submit() {
  root.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }))
  await settle()
}

async function mountPage() {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/public/ocmf', component: PublicOcmfView },
      { path: '/public/lookup', component: { template: '<div />' } },
      { path: '/login', component: { template: '<div />' } },
      { path: '/', component: { template: '<div />' } },
    ],
  })
  await router.push('/public/ocmf')
  root = document.createElement('div')
  document.body.appendChild(root)
  app = createApp(PublicOcmfView)
  app.use(createPinia()).use(i18n).use(router)
  await router.isReady()
  app.mount(root)
  await settle()
}

async function fillAndSubmit() {
  await type('ocmf-data', RECORD)
  await type('ocmf-key', KEY)
  await submit()
}

beforeAll(async () => {
  // async-validator's console warning for each failed rule (the page shows the messages)
  ;(globalThis as { ASYNC_VALIDATOR_NO_WARNING?: number }).ASYNC_VALIDATOR_NO_WARNING = 1
  await loadOcmfTexts()
})
beforeEach(async () => {
  verify.mockReset()
  // the footer asks for the site's details: none here
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 })))
  await mountPage()
})
afterEach(() => {
  vi.unstubAllGlobals()
  app?.unmount()
  app = null
  root.remove()
})

describe('计量数据验签 page', () => {
  it('shows the title, the explanation, the fields and the links, in Chinese', () => {
    expect(text()).toContain('计量数据验签')
    expect(text()).toContain('电能表公钥（十六进制）')
    expect(text()).toContain('OCMF 数据')
    expect(text()).toContain('ECDSA')
    expect($('ocmf-submit')?.textContent).toContain('验证')
    expect($('ocmf-clear')?.textContent).toContain('清空')
    expect($('ocmf-to-lookup')?.getAttribute('href')).toBe('/public/lookup')
    const area = $('ocmf-data')!.querySelector('textarea') ?? $('ocmf-data')
    expect(area?.getAttribute('placeholder')).toBe('OCMF|{"FV":"1.0",…}|{"SD":"3045…"}')
    expect(area?.getAttribute('rows')).toBe('6')
  })

  it('asks for the OCMF data before calling the server; the key is optional', async () => {
    expect($('ocmf-key-optional')?.textContent).toBe('已在本系统登记公钥的电能表可不填，系统按电表编号查找')
    await submit()
    await errorsShown()
    expect(text()).toContain('请粘贴 OCMF 计量数据')
    expect(text()).not.toContain('请填写电能表公钥')
    await type('ocmf-data', '   ')
    await submit()
    await errorsShown()
    expect(text()).toContain('请粘贴 OCMF 计量数据')
    expect(verify).not.toHaveBeenCalled()
  })

  it('sends no key when none was given, and names the registered meter the server found', async () => {
    verify.mockResolvedValueOnce({ ...VALID, registered: { equipment_id: 'EQ0001', verification_state: 'passed', valid_until: '2027-06-30' } })
    await type('ocmf-data', RECORD)
    await submit()
    expect(verify).toHaveBeenCalledWith({ ocmf: RECORD })
    expect($('ocmf-registered')?.textContent).toBe('已登记电能表：充电设备 EQ0001，检定状态 合格（有效期至 2027-06-30）')
    verify.mockResolvedValueOnce({ ...VALID, registered: { equipment_id: 'EQ0002', verification_state: 'never', valid_until: '' } })
    await submit()
    expect($('ocmf-registered')?.textContent).toBe('已登记电能表：充电设备 EQ0002，检定状态 未检定')
    verify.mockResolvedValueOnce({ ...VALID, registered: { equipment_id: 'EQ0003', verification_state: 'revoked', valid_until: '2026-01-01' } })
    await submit()
    expect($('ocmf-registered')?.textContent).toContain('证书已撤销')
    expect(text()).not.toContain('revoked')
    verify.mockResolvedValueOnce(VALID)
    await submit()
    expect($('ocmf-registered')).toBeNull()
  })

  it('puts public_key_unknown under the key field', async () => {
    verify.mockRejectedValueOnce(new ApiError(400, 'public_key_unknown', '该电能表未登记公钥，请填写电能表公钥（十六进制）', { field: 'public_key' }))
    await type('ocmf-data', RECORD)
    await submit()
    await errorsShown()
    const item = $('ocmf-key')!.closest('.el-form-item')!
    expect(item.querySelector('.el-form-item__error')?.textContent).toContain('该电能表未登记公钥，请填写电能表公钥（十六进制）')
    expect($('ocmf-status')).toBeNull()
    expect($('ocmf-error')).toBeNull()
  })

  it('shows a valid record: 验签通过, the energy, the meter and the readings', async () => {
    verify.mockResolvedValueOnce(VALID)
    await type('ocmf-data', `  ${RECORD}\n`)
    await type('ocmf-key', `${KEY.slice(0, 20)}\n${KEY.slice(20)}`)
    await submit()
    expect(verify).toHaveBeenCalledWith({ ocmf: RECORD, public_key: KEY })
    expect($('ocmf-valid')?.textContent).toBe('验签通过，计量数据未被篡改')
    expect($('ocmf-invalid')).toBeNull()
    expect($('ocmf-energy')?.textContent).toContain('0.0001 kWh')
    expect($('ocmf-serial')?.textContent).toBe('17619300')
    expect($('ocmf-meter')?.textContent).toContain('T32')
    expect($('ocmf-meter')?.textContent).toContain('secp256r1')
    const types = [...root.querySelectorAll('[data-testid="ocmf-reading-type"]')].map((e) => e.textContent)
    expect(types).toEqual(['开始', '结束（远程终止）'])
    expect(root.querySelector('[data-testid="ocmf-reading-type"]')?.getAttribute('title')).toBe('交易开始时的读数')
    const values = [...root.querySelectorAll('[data-testid="ocmf-reading-value"]')].map((e) => e.textContent)
    expect(values).toEqual(['0.2596 kWh', '0.2597 kWh'])
    expect($('ocmf-readings')?.textContent).toContain('2019-08-13 10:03:15')
    expect($('ocmf-readings')?.textContent).toContain('时区 +00:00 · 时钟未同步')
    expect($('ocmf-readings')?.textContent).toContain('正常')
    expect($('ocmf-untrusted')).toBeNull()
  })

  it('shows an invalid record: 验签未通过 with the reason in words and the readings kept, marked for reference only', async () => {
    verify.mockResolvedValueOnce(INVALID)
    await fillAndSubmit()
    expect($('ocmf-invalid')?.textContent).toBe('验签未通过')
    expect($('ocmf-reason')?.textContent).toBe('签名与数据不符（数据可能被篡改或公钥不匹配）')
    expect($('ocmf-valid')).toBeNull()
    expect($('ocmf-energy')).toBeNull()
    expect($('ocmf-untrusted')?.textContent).toContain('未通过验签的数据仅供参考')
    const values = [...root.querySelectorAll('[data-testid="ocmf-reading-value"]')].map((e) => e.textContent)
    expect(values).toEqual(['0.2596 kWh', '999.9999 kWh'])
    expect($('ocmf-readings')?.textContent).toContain('异常')
    expect($('ocmf-readings')?.textContent).toContain('电能错误')
    expect(text()).not.toContain('signature_invalid')
  })

  it('reads an unknown reason as 数据未通过核验, and hides the meter and readings a malformed record lacks', async () => {
    verify.mockResolvedValueOnce({ valid: false, reason: 'format_invalid', curve: '', meter_serial: '', meter_vendor: '', meter_model: '', pagination: '', readings: [] })
    await fillAndSubmit()
    expect($('ocmf-reason')?.textContent).toBe('数据格式不正确（应以 OCMF 开头，由数据和签名两部分组成）')
    expect($('ocmf-meter')).toBeNull()
    expect($('ocmf-untrusted')).toBeNull()
    expect($('ocmf-readings')?.textContent).toContain('数据中没有可读取的读数')
    await $('ocmf-clear')!.click()
    await settle()
    expect($('ocmf-status')).toBeNull()
    verify.mockResolvedValueOnce({ ...INVALID, reason: 'something_new' as OcmfVerdict['reason'] })
    await fillAndSubmit()
    expect($('ocmf-reason')?.textContent).toBe('数据未通过核验')
    expect(text()).not.toContain('something_new')
  })

  it("puts the server's 400 message under its field, and shows 请求过于频繁 for a 429", async () => {
    verify.mockRejectedValueOnce(new ApiError(400, 'ocmf_invalid', '请粘贴完整的 OCMF 计量数据（以 OCMF| 开头）', { field: 'ocmf' }))
    await fillAndSubmit()
    await errorsShown()
    const item = $('ocmf-data')!.closest('.el-form-item')!
    expect(item.querySelector('.el-form-item__error')?.textContent).toContain('请粘贴完整的 OCMF 计量数据（以 OCMF| 开头）')
    expect($('ocmf-status')).toBeNull()
    verify.mockRejectedValueOnce(new ApiError(429, 'rate_limited', '请求过于频繁，请稍后再试'))
    await submit()
    await errorsShown()
    expect($('ocmf-rate-limited')?.textContent).toContain('请求过于频繁')
    expect(item.querySelector('.el-form-item__error')).toBeNull()
  })
})
