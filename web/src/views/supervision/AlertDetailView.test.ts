// 线索详情 rendered in the browser-like DOM with the API mocked: the rule's description, the evidence
// under Chinese labels (every name the rules use; an unknown one as 其他), the order as reported with
// its periods, the timeline; 排除 with a reason, 发起核查 posting the item, date and name and then
// leading to the task; a dismissed alert's reason, an inspected one's task, an alert without enterprise.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { i18n } from '@/i18n'
import { loadExchangeTexts } from '@/i18n/exchange'
import { ApiError } from '@/lib/api/http'
import type { Me } from '@/lib/api/types'
import type { AlertDetail } from '@/lib/api/types.alerts'
import { EVIDENCE_LABEL_IDS } from '@/lib/alerts'
import { todayIso } from '@/lib/dates'
import { useAuthStore } from '@/stores/auth'
import AlertDetailView from './AlertDetailView.vue'

const alert = vi.hoisted(() => vi.fn())
const dismissAlert = vi.hoisted(() => vi.fn())
const startInspection = vi.hoisted(() => vi.fn())
const inspectionItems = vi.hoisted(() => vi.fn())
vi.mock('@/lib/api/alerts', () => ({ alertsApi: { alert, dismissAlert, startInspection } }))
vi.mock('@/lib/api/inspection', () => ({ inspectionApi: { inspectionItems } }))

const REGULATORS = ['district_regulator', 'city_regulator']
const ALERT: AlertDetail = {
  id: 12,
  rule: 'energy_over_rated',
  equipment_id: 'EQ-JA-0001',
  start_charge_seq: 'MA4K12345202612010001',
  region_code: '420102',
  region_name: '江岸区',
  org_id: 7,
  org_name: '武汉新能源充电科技有限公司',
  status: 'open',
  created_at: '2026-12-01T02:03:04Z',
  evidence: [
    ['TotalPower', '60.0000'],
    ['rated_power_kw', '36.0'],
    ['hours', '1.5000'],
    ['computation', '36.0 kW × 1.5000 h × 1.10 = 59.4000 kWh < 60.0000 kWh'],
  ],
  dismiss_reason: null,
  inspection_task_id: null,
  handled_at: null,
  order: {
    StartChargeSeq: 'MA4K12345202612010001',
    connectorID: 'EQ-JA-0001-01',
    StartTime: '2026-12-01 10:00:00',
    EndTime: '2026-12-01 11:30:00',
    TotalPower: 60,
    TotalElecMoney: 36,
    TotalSeviceMoney: 24,
    TotalMoney: 60,
    SumPeriod: 1,
    ChargeDetails: [{ DetailStartTime: '2026-12-01 10:00:00', DetailEndTime: '2026-12-01 11:30:00', ElecPrice: 0.6, SevicePrice: 0.4, DetailPower: 60, DetailElecMoney: 36, DetailSeviceMoney: 24 }],
  },
  events: [{ id: 1, at: '2026-12-01T02:03:04Z', username: '', display_name: '', org_name: '', action: 'create', from_status: null, to_status: 'open', reason: '' }],
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
const shown = () => new Promise((r) => setTimeout(r, 350))
const text = () => root.textContent ?? ''
const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
/** The label and value cells of a description list. */
const pairs = (testid: string) =>
  [...$(testid)!.querySelectorAll('tr')].flatMap((tr) => {
    const cells = [...tr.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')
    return cells.length % 2 === 0 ? Array.from({ length: cells.length / 2 }, (_, i) => [cells[2 * i], cells[2 * i + 1]]) : []
  })

async function mountPage(detail: AlertDetail) {
  alert.mockResolvedValue(detail)
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/supervision/alerts', name: 'supervision-alerts', component: { template: '<div />' } },
      { path: '/supervision/alerts/:id(\\d+)', name: 'supervision-alert-detail', component: { template: '<div />' } },
      { path: '/supervision/inspection/tasks/:id(\\d+)', name: 'inspection-task-detail', component: { template: '<div />' }, meta: { roles: REGULATORS as never } },
    ],
  })
  await router.push(`/supervision/alerts/${detail.id}`)
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().set({ user: { id: 1, username: 'jiangan' }, role: 'district_regulator', org: null, scope: { kind: 'district', region_codes: ['420102'] }, csrf_token: 't' } as unknown as Me)
  root = document.createElement('div')
  document.body.appendChild(root)
  app = createApp(AlertDetailView)
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

beforeAll(async () => {
  ;(globalThis as { ASYNC_VALIDATOR_NO_WARNING?: number }).ASYNC_VALIDATOR_NO_WARNING = 1
  await loadExchangeTexts()
})
beforeEach(() => {
  for (const m of [alert, dismissAlert, startInspection, inspectionItems]) m.mockReset()
  inspectionItems.mockResolvedValue({ items: [{ id: 3, code: 'JL-001', name: '电动汽车充电桩计量监督检查' }], total: 1 })
  vi.stubGlobal('fetch', vi.fn(async () => new Response('{}', { status: 404 })))
})
afterEach(() => {
  vi.unstubAllGlobals()
  app?.unmount()
  app = null
  root.remove()
  document.body.innerHTML = ''
})

describe('线索详情', () => {
  it("shows the rule's description, the evidence, the order and the timeline in Chinese", async () => {
    await mountPage(ALERT)
    expect(alert).toHaveBeenCalledWith(12)
    expect($('ad-title')?.textContent).toBe('电量超过额定功率×充电时长')
    expect($('ad-family')?.textContent?.trim()).toBe('物理合理性')
    expect($('ad-status')?.textContent?.trim()).toBe('待处理')
    expect(pairs('ad-evidence')).toEqual([
      ['总电量（kWh）', '60.0000'],
      ['额定功率（kW）', '36.0'],
      ['充电时长（h）', '1.5000'],
      ['计算过程', '36.0 kW × 1.5000 h × 1.10 = 59.4000 kWh < 60.0000 kWh'],
    ])
    const order = pairs('ad-order')
    expect(order).toContainEqual(['充电订单号', 'MA4K12345202612010001'])
    expect(order).toContainEqual(['充电接口编码', 'EQ-JA-0001-01'])
    expect(order).toContainEqual(['总服务费（元）', '24'])
    expect(order).toContainEqual(['申报时段数', '1'])
    const heads = [...$('ad-periods')!.querySelectorAll('thead th')].map((th) => th.textContent?.trim())
    for (const h of ['时段开始', '时段结束', '电量（kWh）', '电价（元/kWh）', '电费（元）', '服务费单价（元/kWh）', '服务费（元）']) expect(heads).toContain(h)
    expect($('ad-periods')?.querySelector('tbody')?.textContent).toContain('0.4')
    expect($('ad-event-create')?.textContent).toContain('发现线索')
    expect($('ad-event-create')?.textContent).toContain('待处理')
    expect(text()).not.toMatch(/energy_over_rated|rated_power_kw|TotalPower|StartChargeSeq|ChargeDetails|\bopen\b|create/)
  })

  it('labels every evidence name the rules use in Chinese, and an unknown one as 其他', async () => {
    const names = [...Object.keys(EVIDENCE_LABEL_IDS), 'mystery_value']
    await mountPage({ ...ALERT, evidence: names.map((n) => [n, n === 'verification_state' ? 'revoked' : '1']) })
    const rows = pairs('ad-evidence')
    expect(rows).toHaveLength(names.length)
    for (const [label] of rows) expect(label).toMatch(/^[\u4e00-\u9fff]/)
    expect(rows.at(-1)).toEqual(['其他', '1'])
    expect(rows).toContainEqual(['检定状态', '证书已撤销'])
    for (const n of names) expect(text(), n).not.toContain(n)
  })

  it('dismisses with a reason', async () => {
    await mountPage(ALERT)
    await click('ad-dismiss')
    await shown()
    await click('ad-dismiss-dialog-submit')
    await shown()
    expect(dismissAlert).not.toHaveBeenCalled()
    dismissAlert.mockResolvedValueOnce({ ...ALERT, status: 'dismissed' })
    alert.mockResolvedValue({ ...ALERT, status: 'dismissed', dismiss_reason: '运营商已更正订单', handled_at: '2026-12-02T02:00:00Z' })
    await type('ad-dismiss-dialog-reason', '运营商已更正订单')
    await click('ad-dismiss-dialog-submit')
    expect(dismissAlert).toHaveBeenCalledWith(12, '运营商已更正订单')
    expect(document.body.textContent).toContain('已排除该线索')
    expect($('ad-status')?.textContent?.trim()).toBe('已排除')
    expect($('ad-dismissed')?.textContent).toContain('运营商已更正订单')
    expect($('ad-dismiss')).toBeNull()
    expect($('ad-inspect')).toBeNull()
  })

  it('reloads an alert handled meanwhile', async () => {
    await mountPage(ALERT)
    await click('ad-dismiss')
    await shown()
    dismissAlert.mockRejectedValueOnce(new ApiError(409, 'state_changed', '线索状态已变化'))
    alert.mockResolvedValue({ ...ALERT, status: 'inspection', inspection_task_id: 88 })
    await type('ad-dismiss-dialog-reason', '重复')
    await click('ad-dismiss-dialog-submit')
    expect(document.body.textContent).toContain('线索的状态已变化，已重新载入')
    expect(alert).toHaveBeenCalledTimes(2)
    expect($('ad-task-link')?.getAttribute('href')).toBe('/supervision/inspection/tasks/88')
  })

  it('starts a 线索核查 with the item, the date and the name, then leads to the task', async () => {
    await mountPage(ALERT)
    await click('ad-inspect')
    await shown()
    expect(inspectionItems).toHaveBeenCalledTimes(1)
    const facts = $('ti-facts')!.textContent ?? ''
    expect(facts).toContain('核查对象武汉新能源充电科技有限公司')
    expect(facts).toContain('所在辖区江岸区')
    expect(facts).toContain('电量超过额定功率×充电时长')
    expect(($('ti-name') as HTMLInputElement).value).toBe('线索核查：武汉新能源充电科技有限公司 EQ-JA-0001')
    expect($('ti-item')?.textContent).toContain('JL-001 电动汽车充电桩计量监督检查')

    startInspection.mockResolvedValueOnce({ alert: { ...ALERT, status: 'inspection', inspection_task_id: 88 }, task_id: 88 })
    alert.mockResolvedValue({ ...ALERT, status: 'inspection', inspection_task_id: 88, handled_at: '2026-12-02T02:00:00Z' })
    await type('ti-name', ' 线索核查：江岸区 EQ-JA-0001 ')
    await click('ti-submit')
    expect(startInspection).toHaveBeenCalledWith(12, { item_id: 3, task_date: todayIso(), name: '线索核查：江岸区 EQ-JA-0001' })
    expect(document.body.textContent).toContain('已发起线索核查')
    expect($('ti-created')?.textContent).toContain('核查任务已创建')
    expect($('ad-status')?.textContent?.trim()).toBe('已立案核查')
    await click('ti-open-task')
    expect(router.currentRoute.value.fullPath).toBe('/supervision/inspection/tasks/88')
  })

  it('puts a field error under its field', async () => {
    await mountPage(ALERT)
    await click('ad-inspect')
    await shown()
    startInspection.mockRejectedValueOnce(new ApiError(400, 'date_invalid', '检查日期无效', { field: 'task_date' }))
    await click('ti-submit')
    await shown()
    expect($('ti-date')!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent).toContain('日期')
    expect($('ti-created')).toBeNull()
  })

  it('shows the task of an alert under inspection and cannot start one without an enterprise', async () => {
    await mountPage({ ...ALERT, status: 'inspection', inspection_task_id: 88 })
    expect($('ad-inspection')?.textContent).toContain('该线索已发起线索核查')
    expect($('ad-task-link')?.getAttribute('href')).toBe('/supervision/inspection/tasks/88')
    expect($('ad-inspect')).toBeNull()
    app?.unmount()
    root.remove()
    await mountPage({ ...ALERT, org_id: null, org_name: '' })
    expect(($('ad-inspect') as HTMLButtonElement).disabled).toBe(true)
    expect($('ad-no-org')?.textContent).toContain('该线索未关联运营企业，无法发起核查')
  })

  it('shows the order as missing when there is none', async () => {
    await mountPage({ ...ALERT, order: {}, events: [] })
    expect($('ad-no-order')?.textContent).toBe('未找到该线索的订单原文')
    expect(text()).toContain('暂无记录')
  })
})
