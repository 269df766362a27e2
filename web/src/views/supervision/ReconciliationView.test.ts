// 在用未备案核查 rendered in the browser-like DOM with the API mocked: the three tabs with their
// counts, the rows of each kind (platform and filed lines, the differences as tags, district names,
// 查看备案), the empty text of a kind, the city bureau's district filter in the address, 通知企业 of
// an unfiled charger's enterprise and 发起核查 on a finding (a 线索核查 task with its grounds).
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { i18n } from '@/i18n'
import { loadExchangeTexts } from '@/i18n/exchange'
import type { Me } from '@/lib/api/types'
import type { ReconciliationItem, ReconciliationQuery } from '@/lib/api/types.exchange'
import { todayIso } from '@/lib/dates'
import { useAuthStore } from '@/stores/auth'
import ReconciliationView from './ReconciliationView.vue'

const reconciliation = vi.hoisted(() => vi.fn())
const notifyUnfiled = vi.hoisted(() => vi.fn())
const inspectionItems = vi.hoisted(() => vi.fn())
const createInspectionTask = vi.hoisted(() => vi.fn())
const confirmAction = vi.hoisted(() => vi.fn())
vi.mock('@/lib/api/exchange', () => ({ exchangeApi: { reconciliation, notifyUnfiled } }))
vi.mock('@/lib/api/inspection', () => ({ inspectionApi: { inspectionItems, createInspectionTask } }))
vi.mock('@/lib/confirm', () => ({ confirmAction }))

const REGIONS = [
  { code: '420100', name: '武汉市', parent_code: '420000', level: 'city', standard: true },
  { code: '420102', name: '江岸区', parent_code: '420100', level: 'district', standard: true },
  { code: '420103', name: '江汉区', parent_code: '420100', level: 'district', standard: true },
]

const base = { station_id: 'ST001', station_name: '江岸区二七充电站', address: '武汉市江岸区二七路1号', org_id: 5, org_name: '武汉充电科技有限公司', operator_id: 'MA4K12345' }
const ROWS: Record<string, ReconciliationItem[]> = {
  unfiled: [{ ...base, kind: 'unfiled', equipment_id: 'EQ-UNFILED-1', region_code: '420102', platform: { model: 'EVD-120', current: 'DC', power_kw: 120 }, filed: null, differences: [] }],
  not_on_platform: [
    {
      ...base,
      kind: 'not_on_platform',
      equipment_id: 'EQ-FILED-2',
      station_id: '',
      region_code: '420102',
      platform: { model: '', current: '', power_kw: null },
      filed: { instrument_id: 42, model: 'EVA-7', current: 'AC', region_code: '420102', power_kw: 7 },
      differences: [],
    },
  ],
  mismatch: [
    {
      ...base,
      kind: 'mismatch',
      equipment_id: 'EQ-DIFF-3',
      region_code: '420102',
      platform: { model: 'EVD-60', current: 'DC', power_kw: 60 },
      filed: { instrument_id: 43, model: 'EVD-60', current: 'DC', region_code: '420103', power_kw: 120 },
      differences: ['power', 'district'],
    },
  ],
}
const TOTALS: Record<string, number> = { unfiled: 3, not_on_platform: 1, mismatch: 1 }

let app: App | null = null
let root: HTMLElement
let router: Router
let pinia: Pinia

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
  }
}
const text = () => root.textContent ?? ''
const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
/** Dialogs animate. */
const shown = () => new Promise((r) => setTimeout(r, 350))
/** The queries of the list (page_size 20), not of the counts. */
const listCalls = () => reconciliation.mock.calls.map((c) => c[0] as ReconciliationQuery).filter((q) => q.page_size !== 1)

function me(kind: 'district' | 'city'): Me {
  return {
    user: { id: 1, username: kind === 'city' ? 'city' : 'jiangan' },
    role: kind === 'city' ? 'city_regulator' : 'district_regulator',
    org: null,
    scope: { kind, region_codes: kind === 'city' ? [] : ['420102'] },
    csrf_token: 't',
  } as unknown as Me
}

async function mountPage(kind: 'district' | 'city', path = '/supervision/reconciliation') {
  router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/supervision/reconciliation', name: 'supervision-reconciliation', component: { template: '<div />' } },
      { path: '/instruments/:id(\\d+)', name: 'instrument-detail', component: { template: '<div />' }, meta: { roles: ['enterprise', 'district_regulator', 'city_regulator'] } },
      { path: '/supervision/inspection/tasks/:id(\\d+)', name: 'inspection-task-detail', component: { template: '<div />' }, meta: { roles: ['district_regulator', 'city_regulator'] } },
    ],
  })
  await router.push(path)
  pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().set(me(kind))
  root = document.createElement('div')
  document.body.appendChild(root)
  app = createApp(ReconciliationView)
  app.use(pinia).use(i18n).use(router)
  await router.isReady()
  app.mount(root)
  await settle()
}

async function clickTab(kind: string) {
  $(`recon-tab-${kind}`)!.click()
  await settle()
}

beforeAll(async () => {
  await loadExchangeTexts()
})
beforeEach(() => {
  for (const m of [notifyUnfiled, inspectionItems, createInspectionTask, confirmAction]) m.mockReset()
  confirmAction.mockResolvedValue(true)
  inspectionItems.mockResolvedValue({ items: [{ id: 3, code: 'JL-001', name: '电动汽车充电桩计量监督检查' }], total: 1 })
  reconciliation.mockReset()
  reconciliation.mockImplementation(async (q: ReconciliationQuery) => ({ items: q.page_size === 1 ? ROWS[q.kind].slice(0, 1) : ROWS[q.kind], total: TOTALS[q.kind] }))
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

describe('在用未备案核查 page', () => {
  it('shows the explanation, the three tabs with their counts and the unfiled chargers', async () => {
    await mountPage('district')
    expect($('recon-intro')?.textContent).toContain('运营商向充电设施监管平台报送的充电站与设备信息')
    expect($('recon-tab-unfiled')?.textContent).toContain('在用未备案')
    expect($('recon-tab-not_on_platform')?.textContent).toContain('已备案未上平台')
    expect($('recon-tab-mismatch')?.textContent).toContain('信息不一致')
    expect([$('recon-count-unfiled')?.textContent, $('recon-count-not_on_platform')?.textContent, $('recon-count-mismatch')?.textContent]).toEqual(['3', '1', '1'])
    // one request of the list, one row of each other tab for its count
    expect(listCalls()).toEqual([{ kind: 'unfiled', region_code: '', page: 1, page_size: 20 }])
    expect(reconciliation).toHaveBeenCalledTimes(3)
    expect($('recon-eq-EQ-UNFILED-1')?.textContent).toBe('EQ-UNFILED-1')
    expect(text()).toContain('江岸区二七充电站')
    expect(text()).toContain('ST001')
    expect(text()).toContain('武汉充电科技有限公司')
    expect($('recon-platform-EQ-UNFILED-1')?.textContent?.replace(/\s+/g, '')).toBe('EVD-120/直流/120kW')
    // a district bureau: no district filter, no 备案信息 or 查看备案 for chargers not filed
    expect($('recon-region')).toBeNull()
    expect(text()).not.toContain('备案信息')
    expect(root.querySelector('[data-testid^="recon-open-"]')).toBeNull()
    expect(text()).not.toMatch(/unfiled|not_on_platform|mismatch|\bDC\b/)
  })

  it('shows the filed chargers not on the platform with a link to the filing', async () => {
    await mountPage('district')
    await clickTab('not_on_platform')
    expect(router.currentRoute.value.query).toEqual({ kind: 'not_on_platform' })
    expect(listCalls().at(-1)).toEqual({ kind: 'not_on_platform', region_code: '', page: 1, page_size: 20 })
    expect($('recon-filed-EQ-FILED-2')?.textContent?.replace(/\s+/g, '')).toBe('EVA-7/交流/7kW')
    expect($('recon-open-EQ-FILED-2')?.getAttribute('href')).toBe('/instruments/42')
    expect(text()).not.toContain('平台信息')
    expect(text()).toContain('备案信息')
  })

  it('shows the differences of a mismatch as tags, in red on both lines, with the filed district by name', async () => {
    await mountPage('district', '/supervision/reconciliation?kind=mismatch')
    expect(listCalls()[0].kind).toBe('mismatch')
    const tags = [...root.querySelectorAll('[data-testid="recon-diffs-EQ-DIFF-3"] .el-tag')].map((e) => e.textContent?.trim())
    expect(tags).toEqual(['额定功率', '所在辖区'])
    expect($('recon-platform-EQ-DIFF-3')?.querySelector('.differs')?.textContent).toBe('60 kW')
    expect($('recon-filed-EQ-DIFF-3')?.querySelector('.differs')?.textContent).toBe('120 kW')
    expect(text()).toContain('备案辖区：江汉区')
    expect($('recon-open-EQ-DIFF-3')?.getAttribute('href')).toBe('/instruments/43')
    expect(text()).not.toMatch(/power|district|420103/)
  })

  it("says what an empty tab lacks", async () => {
    reconciliation.mockImplementation(async () => ({ items: [], total: 0 }))
    await mountPage('district')
    expect(text()).toContain('暂无在用未备案的充电桩')
    expect($('recon-count-unfiled')?.textContent).toBe('0')
    await clickTab('mismatch')
    expect(text()).toContain('暂无信息不一致的充电桩')
  })

  it('lets the city bureau narrow to a district, by name, kept in the address', async () => {
    await mountPage('city', '/supervision/reconciliation?region_code=420102')
    expect($('recon-region')).not.toBeNull()
    expect(listCalls()[0]).toEqual({ kind: 'unfiled', region_code: '420102', page: 1, page_size: 20 })
    expect(reconciliation.mock.calls.filter((c) => c[0].page_size === 1).every((c) => c[0].region_code === '420102')).toBe(true)
    // the district column names the district
    const cells = [...root.querySelectorAll('.el-table__body td')].map((td) => td.textContent?.trim())
    expect(cells).toContain('江岸区')
    expect(cells).not.toContain('420102')
    await router.replace({ query: { region_code: '420103' } })
    await settle()
    expect(listCalls().at(-1)).toEqual({ kind: 'unfiled', region_code: '420103', page: 1, page_size: 20 })
  })

  it('tells the enterprise of an unfiled charger to file its chargers in the district shown', async () => {
    await mountPage('city', '/supervision/reconciliation?region_code=420102')
    notifyUnfiled.mockResolvedValueOnce({ notified: 2 })
    $('recon-notify-EQ-UNFILED-1')!.click()
    await settle()
    expect(confirmAction.mock.calls[0][0]).toContain('武汉充电科技有限公司')
    expect(confirmAction.mock.calls[0][0]).toContain('江岸区')
    expect(notifyUnfiled).toHaveBeenCalledWith({ org_id: 5, region_code: '420102' })
    expect(document.body.textContent).toContain('已通知企业备案 2 台')
    // not when the bureau thinks again
    confirmAction.mockResolvedValueOnce(false)
    $('recon-notify-EQ-UNFILED-1')!.click()
    await settle()
    expect(notifyUnfiled).toHaveBeenCalledTimes(1)
  })

  it("sends a district bureau's notice for all its districts", async () => {
    await mountPage('district')
    notifyUnfiled.mockResolvedValueOnce({ notified: 1 })
    $('recon-notify-EQ-UNFILED-1')!.click()
    await settle()
    expect(notifyUnfiled).toHaveBeenCalledWith({ org_id: 5, region_code: '' })
  })

  it('starts a 线索核查 on an unfiled charger, with the finding as its grounds, then leads to the task', async () => {
    await mountPage('district')
    expect($('recon-inspect-EQ-UNFILED-1')?.textContent?.trim()).toBe('发起核查')
    $('recon-inspect-EQ-UNFILED-1')!.click()
    await settle()
    await shown()
    const facts = $('ti-facts')!.textContent ?? ''
    expect(facts).toContain('核查对象武汉充电科技有限公司')
    expect(facts).toContain('所在辖区江岸区')
    expect(facts).toContain('核查依据在用未备案：EQ-UNFILED-1（江岸区二七充电站）')
    expect(($('ti-name') as HTMLInputElement).value).toBe('线索核查：武汉充电科技有限公司 EQ-UNFILED-1')
    createInspectionTask.mockResolvedValueOnce({ id: 91 })
    $('ti-submit')!.click()
    await settle()
    expect(createInspectionTask).toHaveBeenCalledWith({
      name: '线索核查：武汉充电科技有限公司 EQ-UNFILED-1',
      item_id: 3,
      plan_id: null,
      region_code: '420102',
      task_date: todayIso(),
      directed: false,
      scope_region_codes: [],
      scope_type_codes: [],
      scope_credit_classes: [],
      ratios: { A: 0.05, B: 0.1, C: 0.3, D: 0.7 },
      target_org_id: 5,
      basis: '在用未备案：EQ-UNFILED-1（江岸区二七充电站）',
    })
    expect($('ti-created')?.textContent).toContain('核查任务已创建')
    $('ti-open-task')!.click()
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/supervision/inspection/tasks/91')
  })

  it('starts a 线索核查 on a mismatch, naming the differences in Chinese', async () => {
    await mountPage('district', '/supervision/reconciliation?kind=mismatch')
    expect($('recon-notify-EQ-DIFF-3')).toBeNull()
    $('recon-inspect-EQ-DIFF-3')!.click()
    await settle()
    await shown()
    createInspectionTask.mockResolvedValueOnce({ id: 92 })
    $('ti-submit')!.click()
    await settle()
    expect(createInspectionTask.mock.calls[0][0]).toMatchObject({
      region_code: '420102',
      target_org_id: 5,
      basis: '信息不一致：EQ-DIFF-3（江岸区二七充电站）：额定功率（平台 60 kW，备案 120 kW）、所在辖区（平台 江岸区，备案 江汉区）',
    })
  })

  it('offers neither on a filed charger missing from the platform', async () => {
    await mountPage('district', '/supervision/reconciliation?kind=not_on_platform')
    expect(root.querySelector('[data-testid^="recon-notify-"]')).toBeNull()
    expect(root.querySelector('[data-testid^="recon-inspect-"]')).toBeNull()
  })
})
