// 电能表公钥（OCMF）rendered in the browser-like DOM with the API mocked: the keys with status and
// curve (the key shortened, copied whole), read only for a bureau; 登记公钥 for the enterprise (the
// serial and key sent tidied, both required), the server's codes under their fields, and 注销
// confirmed.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { i18n } from '@/i18n'
import { loadOcmfTexts } from '@/i18n/ocmf'
import { ApiError } from '@/lib/api/http'
import type { Me } from '@/lib/api'
import type { MeterKey } from '@/lib/api/types.ocmf'
import { useAuthStore } from '@/stores/auth'
import MeterKeysCard from '@/components/instruments/MeterKeysCard.vue'

const list = vi.hoisted(() => vi.fn())
const register = vi.hoisted(() => vi.fn())
const revoke = vi.hoisted(() => vi.fn())
const confirmAction = vi.hoisted(() => vi.fn())
vi.mock('@/lib/api/meterKeys', () => ({ meterKeysApi: { list, register, revoke } }))
vi.mock('@/lib/confirm', () => ({ confirmAction }))

const KEY = '3059301306072A8648CE3D020106082A8648CE3D030107034200043AEE0011223344556677'
const ROWS: MeterKey[] = [
  { id: 1, instrument_id: 9, meter_serial: '17619300', public_key: KEY, curve: 'secp256r1', status: 'active', created_at: '2026-12-01T02:03:04Z', revoked_at: null },
  { id: 2, instrument_id: 9, meter_serial: '17619299', public_key: KEY, curve: 'secp384r1', status: 'revoked', created_at: '2026-11-01T02:03:04Z', revoked_at: '2026-11-20T02:03:04Z' },
]

let app: App | null = null
let root: HTMLElement

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
  }
}
const shown = () => new Promise((r) => setTimeout(r, 350))
const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const itemError = (testid: string) => $(testid)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent?.trim()

async function type(testid: string, value: string) {
  const el = $(testid)!
  const input = (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? el : el.querySelector('input, textarea')) as HTMLInputElement
  input.value = value
  input.dispatchEvent(new Event('input'))
  await settle()
}
async function click(testid: string) {
  $(testid)!.click()
  await settle()
}

async function mountCard(role: string) {
  root = document.createElement('div')
  document.body.appendChild(root)
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().set({ id: 1, role, csrf_token: 'x', org: { id: 5 } } as unknown as Me)
  app = createApp(MeterKeysCard, { instrumentId: 9 })
  app.use(pinia).use(i18n)
  app.mount(root)
  await settle()
}

beforeAll(async () => {
  ;(globalThis as { ASYNC_VALIDATOR_NO_WARNING?: number }).ASYNC_VALIDATOR_NO_WARNING = 1
  await loadOcmfTexts()
})
beforeEach(() => {
  for (const m of [list, register, revoke, confirmAction]) m.mockReset()
  confirmAction.mockResolvedValue(true)
  list.mockResolvedValue({ items: ROWS })
})
afterEach(() => {
  app?.unmount()
  app = null
  root.remove()
  document.body.innerHTML = ''
})

describe('电能表公钥 card', () => {
  it('lists the keys in Chinese, the key shortened and copied whole; read only for a bureau', async () => {
    await mountCard('district_regulator')
    expect(list).toHaveBeenCalledWith(9)
    const table = $('meter-keys-table')!.textContent ?? ''
    expect($('meter-keys')?.textContent).toContain('电能表公钥（OCMF）')
    expect(table).toContain('17619300')
    expect(table).toContain('secp256r1')
    expect(table).toContain('有效')
    expect(table).toContain('已注销')
    expect(table).not.toContain('revoked')
    expect($('meter-key-1')?.textContent).toBe(`${KEY.slice(0, 12)}…${KEY.slice(-8)}`)
    expect($('meter-key-1')?.getAttribute('title')).toBe(KEY)
    const writeText = vi.fn(async () => {})
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
    await click('meter-key-copy-1')
    expect(writeText).toHaveBeenCalledWith(KEY)
    expect($('meter-key-add')).toBeNull()
    expect($('meter-key-revoke-1')).toBeNull()
  })

  it('registers a key for the enterprise: both fields required, the body tidied, the list reloaded', async () => {
    await mountCard('enterprise')
    await click('meter-key-add')
    await shown()
    await click('meter-key-submit')
    await shown()
    expect(itemError('meter-key-serial')).toContain('电表编号')
    expect(register).not.toHaveBeenCalled()
    register.mockResolvedValueOnce(ROWS[0])
    await type('meter-key-serial', ' 17619300 ')
    await type('meter-key-key', `${KEY.slice(0, 20)}\n${KEY.slice(20)}`)
    await click('meter-key-submit')
    expect(register).toHaveBeenCalledWith(9, { meter_serial: ' 17619300 ', public_key: `${KEY.slice(0, 20)}\n${KEY.slice(20)}` })
    expect(list).toHaveBeenCalledTimes(2)
  })

  it("puts the server's codes under their fields", async () => {
    await mountCard('enterprise')
    await click('meter-key-add')
    await shown()
    await type('meter-key-serial', '17619300')
    await type('meter-key-key', 'ZZ')
    register.mockRejectedValueOnce(new ApiError(400, 'key_invalid', '公钥不是有效的十六进制 DER 公钥', { field: 'public_key' }))
    await click('meter-key-submit')
    await shown()
    expect(itemError('meter-key-key')).toBe('公钥不是有效的十六进制 DER 公钥')
    register.mockRejectedValueOnce(new ApiError(409, 'meter_serial_taken', '该电表编号已登记公钥'))
    await click('meter-key-submit')
    await shown()
    expect(itemError('meter-key-serial')).toBe('该电表编号已登记公钥')
    expect(itemError('meter-key-key')).toBeUndefined()
  })

  it('revokes an active key after confirming', async () => {
    await mountCard('enterprise')
    expect($('meter-key-revoke-2')).toBeNull()
    revoke.mockResolvedValueOnce(undefined)
    await click('meter-key-revoke-1')
    expect(confirmAction).toHaveBeenCalledWith(expect.stringContaining('17619300'))
    expect(revoke).toHaveBeenCalledWith(9, 1)
    expect(list).toHaveBeenCalledTimes(2)
    confirmAction.mockResolvedValueOnce(false)
    await click('meter-key-revoke-1')
    expect(revoke).toHaveBeenCalledTimes(1)
  })
})
