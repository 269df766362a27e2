// 计量作弊线索 rendered in the browser-like DOM with the API mocked: the alerts in Chinese (rule
// tags by family, statuses, district and enterprise — never a rule's or status' code), the filters
// read from and written to the address and sent as the query, the city bureau's district filter,
// and 排除 of the ticked open alerts with a reason (a 409 reloads the list).
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { i18n } from '@/i18n'
import { loadExchangeTexts } from '@/i18n/exchange'
import { ApiError } from '@/lib/api/http'
import type { Me } from '@/lib/api/types'
import type { AlertQuery, ChargeAlert } from '@/lib/api/types.alerts'
import { useAuthStore } from '@/stores/auth'
import AlertsView from './AlertsView.vue'

const alerts = vi.hoisted(() => vi.fn())
const dismissAlerts = vi.hoisted(() => vi.fn())
const alertRuns = vi.hoisted(() => vi.fn(async () => ({ items: [] })))
vi.mock('@/lib/api/alerts', () => ({ alertsApi: { alerts, dismissAlerts, alertRuns } }))

const REGIONS = [
  { code: '420100', name: '武汉市', parent_code: '420000', level: 'city', standard: true },
  { code: '420102', name: '江岸区', parent_code: '420100', level: 'district', standard: true },
  { code: '420103', name: '江汉区', parent_code: '420100', level: 'district', standard: true },
]

const base: ChargeAlert = {
  id: 1,
  rule: 'energy_over_rated',
  equipment_id: 'EQ-JA-0001',
  start_charge_seq: 'MA4K12345202612010001',
  region_code: '420102',
  region_name: '江岸区',
  org_id: 7,
  org_name: '武汉新能源充电科技有限公司',
  status: 'open',
  created_at: '2026-12-01T02:03:04Z',
  evidence: [['TotalPower', '60.0000']],
  dismiss_reason: null,
  inspection_task_id: null,
  handled_at: null,
}
const ROWS: ChargeAlert[] = [
  base,
  { ...base, id: 2, rule: 'charger_unfiled', equipment_id: 'EQ-JA-0002', start_charge_seq: 'MA4K12345202612010002', org_id: null, org_name: '' },
  { ...base, id: 3, rule: 'some_new_rule', equipment_id: 'EQ-JA-0003', status: 'dismissed', dismiss_reason: '订单已更正', handled_at: '2026-12-02T02:00:00Z' },
]

let app: App | null = null
let root: HTMLElement
let router: Router

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
  }
}
/** Dialogs animate. */
const shown = () => new Promise((r) => setTimeout(r, 350))
const text = () => root.textContent ?? ''
const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const lastQuery = () => alerts.mock.calls.at(-1)![0] as AlertQuery

function me(kind: 'district' | 'city'): Me {
  return {
    user: { id: 1, username: kind === 'city' ? 'city' : 'jiangan' },
    role: kind === 'city' ? 'city_regulator' : 'district_regulator',
    org: null,
    scope: { kind, region_codes: kind === 'city' ? [] : ['420102'] },
    csrf_token: 't',
  } as unknown as Me
}

async function mountPage(kind: 'district' | 'city', path = '/supervision/alerts') {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/supervision/alerts', name: 'supervision-alerts', component: { template: '<div />' } },
      { path: '/supervision/alerts/:id(\\d+)', name: 'supervision-alert-detail', component: { template: '<div />' } },
    ],
  })
  await router.push(path)
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().set(me(kind))
  root = document.createElement('div')
  document.body.appendChild(root)
  app = createApp(AlertsView)
  app.use(pinia).use(i18n).use(router)
  await router.isReady()
  app.mount(root)
  await settle()
}

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
/** The selection checkbox of a row (by the alert's id). */
function rowBox(id: number) {
  return $(`al-eq-${id}`)!.closest('tr')!.querySelector<HTMLElement>('.el-checkbox')!
}

beforeAll(async () => {
  ;(globalThis as { ASYNC_VALIDATOR_NO_WARNING?: number }).ASYNC_VALIDATOR_NO_WARNING = 1
  await loadExchangeTexts()
})
beforeEach(() => {
  alerts.mockReset()
  dismissAlerts.mockReset()
  alerts.mockResolvedValue({ items: ROWS, total: 3 })
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => (String(url).startsWith('/api/v1/regions') ? new Response(JSON.stringify({ items: REGIONS }), { status: 200 }) : new Response('{}', { status: 404 }))),
  )
})
afterEach(() => {
  vi.unstubAllGlobals()
  app?.unmount()
  app = null
  root.remove()
  document.body.innerHTML = ''
})

// Sixteen rule options in five groups make each mount slow in happy-dom (about 1 s, more when the
// whole suite runs at once): a longer limit than the default 5 s.
describe('计量作弊线索 page', { timeout: 20_000 }, () => {
  it('lists the open alerts of the district in Chinese, never a code', async () => {
    await mountPage('district')
    expect(alerts).toHaveBeenCalledTimes(1)
    expect(lastQuery()).toEqual({ rule: '', status: 'open', region_code: '', q: '', page: 1, page_size: 20 })
    expect(text()).toContain('武汉新能源充电科技有限公司')
    expect(text()).toContain('江岸区')
    expect($('al-eq-1')?.textContent).toBe('EQ-JA-0001')
    expect(text()).toContain('MA4K12345202612010001')
    expect($('al-rule-1')?.textContent?.trim()).toBe('电量超额定')
    expect($('al-rule-1')?.getAttribute('title')).toBe('电量超过额定功率×充电时长')
    expect($('al-rule-1')?.classList.contains('el-tag--danger')).toBe(true)
    expect($('al-rule-2')?.textContent?.trim()).toBe('未备案桩交易')
    expect($('al-rule-2')?.classList.contains('el-tag--success')).toBe(true)
    expect($('al-rule-3')?.textContent?.trim()).toBe('其他线索')
    expect($('al-status-1')?.textContent?.trim()).toBe('待处理')
    expect($('al-status-3')?.textContent?.trim()).toBe('已排除')
    expect($('al-view-1')?.getAttribute('href')).toBe('/supervision/alerts/1')
    expect($('al-region')).toBeNull()
    expect(text()).not.toMatch(/energy_over_rated|charger_unfiled|some_new_rule|\bopen\b|dismissed/)
    expect(text()).toContain('2026-12-01')
  })

  it('says what an empty list lacks, and that nothing matches a narrowed one', async () => {
    alerts.mockResolvedValue({ items: [], total: 0 })
    await mountPage('district')
    expect($('al-table')?.textContent).toContain('暂无待处理的计量作弊线索')
    await router.replace({ query: { status: 'dismissed' } })
    await settle()
    expect($('al-table')?.textContent).toContain('没有符合条件的记录')
  })

  it('reads the filters from the address and sends them as the query', async () => {
    await mountPage('district', '/supervision/alerts?rule=money_sum&status=all&q=EQ-JA&region_code=420103')
    // a district bureau chooses no district: one from the address is left out
    expect(lastQuery()).toEqual({ rule: 'money_sum', status: '', region_code: '', q: 'EQ-JA', page: 1, page_size: 20 })
    const q = $('al-q')!
    expect(((q.tagName === 'INPUT' ? q : q.querySelector('input')) as HTMLInputElement).value).toBe('EQ-JA')
    expect($('al-rule')?.textContent).toContain('金额合计不符')
    expect($('al-status')?.textContent).toContain('全部状态')
  })

  it('puts a search in the address, which reloads; 重置 goes back to 待处理', async () => {
    await mountPage('district')
    await type('al-q', ' MA4K1234520261201 ')
    await click('al-search')
    expect(router.currentRoute.value.query).toEqual({ q: 'MA4K1234520261201' })
    expect(lastQuery()).toEqual({ rule: '', status: 'open', region_code: '', q: 'MA4K1234520261201', page: 1, page_size: 20 })
    await router.replace({ query: { status: 'inspection', rule: 'connector_overlap' } })
    await settle()
    expect(lastQuery()).toMatchObject({ rule: 'connector_overlap', status: 'inspection', q: '' })
    await click('al-reset')
    expect(router.currentRoute.value.query).toEqual({})
    expect(lastQuery()).toMatchObject({ rule: '', status: 'open', q: '' })
    // 查询 with nothing changed loads again
    const n = alerts.mock.calls.length
    await click('al-search')
    expect(alerts.mock.calls.length).toBe(n + 1)
  })

  it('lets the city bureau narrow to a district, kept in the address', async () => {
    await mountPage('city', '/supervision/alerts?region_code=420102')
    expect($('al-region')).not.toBeNull()
    expect(lastQuery()).toMatchObject({ region_code: '420102', status: 'open' })
    await router.replace({ query: { region_code: '420103' } })
    await settle()
    expect(lastQuery()).toMatchObject({ region_code: '420103' })
  })

  it('dismisses the ticked open alerts with a reason; a handled one cannot be ticked', async () => {
    await mountPage('district')
    expect(($('al-dismiss') as HTMLButtonElement).disabled).toBe(true)
    expect(rowBox(3).classList.contains('is-disabled')).toBe(true)
    rowBox(1).click()
    await settle()
    rowBox(2).click()
    await settle()
    expect($('al-selected')?.textContent).toBe('已选 2 条')
    await click('al-dismiss')
    await shown()
    expect($('al-dismiss-dialog')?.textContent).toContain('排除所选的 2 条线索')
    await click('al-dismiss-dialog-submit')
    await shown()
    expect(dismissAlerts).not.toHaveBeenCalled()
    expect($('al-dismiss-dialog')?.textContent).toContain('请填写排除原因')

    dismissAlerts.mockResolvedValueOnce({ dismissed: 2 })
    await type('al-dismiss-dialog-reason', '  测试数据，非真实交易 ')
    await click('al-dismiss-dialog-submit')
    expect(dismissAlerts).toHaveBeenCalledWith([1, 2], '测试数据，非真实交易')
    expect(document.body.textContent).toContain('已排除 2 条线索')
    expect(alerts).toHaveBeenCalledTimes(2)
    expect($('al-selected')).toBeNull()
  })

  it('reloads the list when one of them was handled meanwhile', async () => {
    await mountPage('district')
    rowBox(1).click()
    await settle()
    await click('al-dismiss')
    await shown()
    dismissAlerts.mockRejectedValueOnce(new ApiError(409, 'state_changed', '线索状态已变化'))
    await type('al-dismiss-dialog-reason', '重复线索')
    await click('al-dismiss-dialog-submit')
    expect(document.body.textContent).toContain('部分线索的状态已变化，列表已刷新，请重新选择')
    expect(alerts).toHaveBeenCalledTimes(2)
  })
})
