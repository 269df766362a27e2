// 抽查任务详情 of a 线索核查 task rendered with the API mocked: the tag 线索核查, 核查对象 and 核查依据 —
// and none of them on an ordinary random task.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { loadInspectionTexts } from '@/i18n/inspection'
import type { InspectionTask, Me } from '@/lib/api/types'
import { taskFixture } from '@/lib/inspection.fixture'
import { useAuthStore } from '@/stores/auth'
import InspectionTaskDetailView from './InspectionTaskDetailView.vue'

const inspectionTask = vi.hoisted(() => vi.fn())
vi.mock('@/lib/api/inspection', () => ({ inspectionApi: { inspectionTask } }))

const TARGETED: InspectionTask = {
  ...taskFixture,
  status: 'draft',
  directed: false,
  objects: [],
  target_org_id: 7,
  target_org_name: '武汉新能源充电科技有限公司',
  basis: '在用未备案：EQ-JA-0002（江岸区二七充电站）',
}

let app: App | null = null
let root: HTMLElement

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
  }
}
const $ = (testid: string) => root.querySelector<HTMLElement>(`[data-testid="${testid}"]`)

async function mountPage(task: InspectionTask) {
  inspectionTask.mockResolvedValue(task)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/supervision/inspection/tasks', name: 'inspection-tasks', component: { template: '<div />' } },
      { path: '/supervision/inspection/tasks/:id(\\d+)', name: 'inspection-task-detail', component: { template: '<div />' } },
    ],
  })
  await router.push(`/supervision/inspection/tasks/${task.id}`)
  const pinia = createPinia()
  setActivePinia(pinia)
  useAuthStore().set({ user: { id: 1, username: 'jiangan' }, role: 'district_regulator', org: null, scope: { kind: 'district', region_codes: ['420102'] }, csrf_token: 't' } as unknown as Me)
  root = document.createElement('div')
  document.body.appendChild(root)
  app = createApp(InspectionTaskDetailView)
  app.use(pinia).use(i18n).use(router)
  await router.isReady()
  app.mount(root)
  await settle()
}

beforeAll(loadInspectionTexts)
beforeEach(() => {
  inspectionTask.mockReset()
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ items: [] }), { status: 200 })))
})
afterEach(() => {
  vi.unstubAllGlobals()
  app?.unmount()
  app = null
  root.remove()
  document.body.innerHTML = ''
})

describe('抽查任务详情 of a 线索核查 task', () => {
  it('tags it and names the enterprise inspected and the grounds', async () => {
    await mountPage(TARGETED)
    expect($('it-targeted')?.textContent?.trim()).toBe('线索核查')
    expect($('it-target-org')?.textContent).toBe('武汉新能源充电科技有限公司')
    expect($('it-basis')?.textContent).toBe('在用未备案：EQ-JA-0002（江岸区二七充电站）')
    const labels = [...$('it-descriptions')!.querySelectorAll('.el-descriptions__label')].map((e) => e.textContent?.trim())
    expect(labels).toContain('核查对象')
    expect(labels).toContain('核查依据')
  })

  it('shows none of it on an ordinary random task', async () => {
    await mountPage({ ...taskFixture, status: 'draft', objects: [], target_org_id: null, target_org_name: '', basis: '' })
    expect($('it-title')?.textContent).toBe(taskFixture.name)
    expect($('it-targeted')).toBeNull()
    expect($('it-target-org')).toBeNull()
    expect($('it-basis')).toBeNull()
  })
})
