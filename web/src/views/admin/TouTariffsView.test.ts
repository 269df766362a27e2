// 分时电价表 rendered in the browser-like DOM with the API mocked: the tariffs with their scope,
// dates and bands in Chinese, 删除 confirmed, 新增 with the operators of 平台对接 (the body posted,
// the station only with an operator, bands added and removed) and the server's codes under their
// fields.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { loadExchangeTexts } from '@/i18n/exchange'
import { ApiError } from '@/lib/api/http'
import type { TcecOperator, TouTariff } from '@/lib/api/types.exchange'
import TouTariffsView from './TouTariffsView.vue'

const touTariffs = vi.hoisted(() => vi.fn())
const createTouTariff = vi.hoisted(() => vi.fn())
const deleteTouTariff = vi.hoisted(() => vi.fn())
const tcecOperators = vi.hoisted(() => vi.fn())
const confirmAction = vi.hoisted(() => vi.fn())
vi.mock('@/lib/api/exchange', () => ({ exchangeApi: { touTariffs, createTouTariff, deleteTouTariff, tcecOperators } }))
vi.mock('@/lib/confirm', () => ({ confirmAction }))

const OPERATOR: TcecOperator = { id: 3, org_id: 5, org_name: '武汉充电科技有限公司', operator_id: 'MA4K12345', status: 'active', created_at: '2026-12-01T02:03:04Z', rotated_at: '2026-12-01T02:03:04Z' }
const ALL: TouTariff = {
  id: 1,
  operator_ref: null,
  operator_id: '',
  org_name: '',
  station_id: '',
  effective_from: '2026-01-01',
  effective_to: '',
  bands: [
    { start: '00:00', end: '08:00', elec_price: 0.35 },
    { start: '08:00', end: '24:00', elec_price: 0.8 },
  ],
  note: '全市统一',
  created_at: '2026-01-01T00:00:00Z',
}
const STATION: TouTariff = { ...ALL, id: 2, operator_ref: 3, operator_id: 'MA4K12345', org_name: '武汉充电科技有限公司', station_id: 'ST001', effective_to: '2026-12-31', bands: [{ start: '00:00', end: '24:00', elec_price: 1.2345 }], note: '' }

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

const inputOf = (testid: string) => {
  const el = $(testid)!
  return (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement
}
async function type(testid: string, value: string, change = false) {
  const input = inputOf(testid)
  input.value = value
  input.dispatchEvent(new Event('input'))
  if (change) input.dispatchEvent(new Event('change'))
  await settle()
}
async function click(testid: string) {
  $(testid)!.click()
  await settle()
}
/** Picks an option of an el-select by its text. */
async function pick(testid: string, text: string) {
  $(testid)!.querySelector<HTMLElement>('.el-select__wrapper')!.click()
  await settle()
  const opt = [...document.body.querySelectorAll<HTMLElement>('.el-select-dropdown__item')].find((o) => o.textContent?.trim() === text)!
  opt.click()
  await settle()
}

async function mountPage() {
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/admin/tou-tariffs', component: { render: () => null } }] })
  await router.push('/admin/tou-tariffs')
  root = document.createElement('div')
  document.body.appendChild(root)
  app = createApp(TouTariffsView)
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
  for (const m of [touTariffs, createTouTariff, deleteTouTariff, tcecOperators, confirmAction]) m.mockReset()
  confirmAction.mockResolvedValue(true)
  touTariffs.mockResolvedValue({ items: [ALL, STATION] })
  tcecOperators.mockResolvedValue({ items: [OPERATOR] })
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

describe('分时电价表 page', () => {
  it('lists the tariffs with scope, dates and bands in Chinese', () => {
    expect($('tariff-scope-1')?.textContent).toBe('全部运营商')
    expect($('tariff-scope-2')?.textContent).toBe('武汉充电科技有限公司（MA4K12345） 站 ST001')
    expect($('tariff-bands-1')?.textContent).toBe('00:00–08:00 0.35元；08:00–24:00 0.80元')
    expect($('tariff-bands-2')?.textContent).toBe('00:00–24:00 1.2345元')
    const table = $('tariff-table')!.textContent ?? ''
    expect(table).toContain('2026-12-31')
    expect(table).toContain('—')
    expect(table).toContain('全市统一')
  })

  it('deletes a tariff after confirming', async () => {
    deleteTouTariff.mockResolvedValueOnce(undefined)
    await click('tariff-delete-2')
    expect(confirmAction).toHaveBeenCalledWith(expect.stringContaining('ST001'))
    expect(deleteTouTariff).toHaveBeenCalledWith(2)
    expect(touTariffs).toHaveBeenCalledTimes(2)
    confirmAction.mockResolvedValueOnce(false)
    await click('tariff-delete-1')
    expect(deleteTouTariff).toHaveBeenCalledTimes(1)
  })

  it('adds a tariff for every operator: one band 00:00–24:00 to start with, bands added and removed', async () => {
    await click('tariff-create')
    await shown()
    expect(tcecOperators).toHaveBeenCalled()
    expect(inputOf('tariff-band-start-0').value).toBe('00:00')
    expect(inputOf('tariff-band-end-0').value).toBe('24:00')
    expect(inputOf('tariff-station').disabled).toBe(true)
    await click('tariff-submit')
    await shown()
    expect(createTouTariff).not.toHaveBeenCalled()
    await type('tariff-from', '2027-01-01', true)
    await type('tariff-band-end-0', '08:00')
    await type('tariff-band-price-0', '0.35', true)
    await click('tariff-band-add')
    await click('tariff-band-add')
    await click('tariff-band-remove-2')
    expect($('tariff-band-2')).toBeNull()
    await type('tariff-band-price-1', '0.8', true)
    await type('tariff-note', ' 试行 ')
    createTouTariff.mockResolvedValueOnce(ALL)
    await click('tariff-submit')
    await shown()
    expect(createTouTariff).toHaveBeenCalledWith({
      operator_ref: null,
      station_id: '',
      effective_from: '2027-01-01',
      effective_to: '',
      note: ' 试行 ',
      bands: [
        { start: '00:00', end: '08:00', elec_price: 0.35 },
        { start: '08:00', end: '24:00', elec_price: 0.8 },
      ],
    })
    expect(touTariffs).toHaveBeenCalledTimes(2)
  }, 20_000)

  it("adds one for an operator's station, and puts the server's codes under their fields", async () => {
    await click('tariff-create')
    await shown()
    await pick('tariff-operator', '武汉充电科技有限公司（MA4K12345）')
    await type('tariff-station', 'ST001')
    await type('tariff-from', '2027-01-01', true)
    createTouTariff.mockRejectedValueOnce(new ApiError(400, 'bands_invalid', '时段应从 00:00 连续覆盖到 24:00', { field: 'bands' }))
    await click('tariff-submit')
    await shown()
    expect(createTouTariff).toHaveBeenCalledWith(expect.objectContaining({ operator_ref: 3, station_id: 'ST001', effective_from: '2027-01-01' }))
    expect($('tariff-bands')!.querySelector(':scope > .el-form-item__content > .el-form-item__error')?.textContent?.trim()).toBe('时段应从 00:00 连续覆盖到 24:00')
    createTouTariff.mockRejectedValueOnce(new ApiError(400, 'date_invalid', '失效日期不能早于生效日期'))
    await click('tariff-submit')
    await shown()
    expect(itemError('tariff-from')).toBe('失效日期不能早于生效日期')
    createTouTariff.mockRejectedValueOnce(new ApiError(400, 'operator_required', '指定充电站时须选择运营商', { field: 'operator_ref' }))
    await click('tariff-submit')
    await shown()
    expect(itemError('tariff-operator')).toBe('指定充电站时须选择运营商')
  }, 20_000)
})
