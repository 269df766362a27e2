// 批量分析 and 分析记录 on 计量作弊线索, rendered in the browser-like DOM with the API mocked: the runs
// in Chinese (触发 and 状态 never as codes), the dialog's default period (the last 7 days) posted as
// {from, to}, the list read again every 2 s while a run is running and the alerts reloaded when it
// is done, and a 409 run_in_progress shown with the server's message.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, defineComponent, h, nextTick, ref, type App } from 'vue'
import { createPinia } from 'pinia'
import { i18n } from '@/i18n'
import { loadExchangeTexts } from '@/i18n/exchange'
import { ApiError } from '@/lib/api/http'
import type { AlertRun } from '@/lib/api/types.alerts'
import AlertRunsPanel from '@/components/supervision/AlertRunsPanel.vue'

const alertRuns = vi.hoisted(() => vi.fn())
const startAlertRun = vi.hoisted(() => vi.fn())
vi.mock('@/lib/api/alerts', () => ({ alertsApi: { alertRuns, startAlertRun } }))

const DONE: AlertRun = { id: 1, from: '2026-11-01', to: '2026-11-07', trigger: 'schedule', status: 'done', orders: 1200, alerts: 3, error: '', started_at: '2026-11-08T01:00:00Z', finished_at: '2026-11-08T01:02:00Z' }
const FAILED: AlertRun = { ...DONE, id: 2, trigger: 'manual', status: 'failed', orders: 0, alerts: 0, error: 'db' }
const RUNNING: AlertRun = { ...DONE, id: 3, trigger: 'manual', status: 'running', orders: 0, alerts: 0, finished_at: null }

let app: App | null = null
let root: HTMLElement
let doneCount = 0
const open = ref(false)

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
  }
}
const shown = () => new Promise((r) => setTimeout(r, 350))
const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
async function click(testid: string) {
  $(testid)!.click()
  await settle()
}
const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`

async function mountPanel() {
  root = document.createElement('div')
  document.body.appendChild(root)
  doneCount = 0
  open.value = false
  const Host = defineComponent({
    setup: () => () =>
      h(AlertRunsPanel, {
        modelValue: open.value,
        'onUpdate:modelValue': (v: boolean) => (open.value = v),
        onDone: () => doneCount++,
      }),
  })
  app = createApp(Host)
  app.use(createPinia()).use(i18n)
  app.mount(root)
  await settle()
}

beforeAll(async () => {
  await loadExchangeTexts()
})
beforeEach(() => {
  alertRuns.mockReset()
  startAlertRun.mockReset()
})
afterEach(() => {
  app?.unmount()
  app = null
  root.remove()
  document.body.innerHTML = ''
})

describe('批量分析 and 分析记录', () => {
  it('lists the runs in Chinese', async () => {
    alertRuns.mockResolvedValue({ items: [FAILED, DONE] })
    await mountPanel()
    expect($('alert-runs-toggle')?.textContent).toBe('分析记录')
    const table = $('alert-runs-table')!.textContent ?? ''
    expect(table).toContain('2026-11-01 至 2026-11-07')
    expect(table).toContain('定时')
    expect(table).toContain('手动')
    expect($('alert-run-status-1')?.textContent?.trim()).toBe('已完成')
    expect($('alert-run-status-2')?.textContent?.trim()).toBe('失败')
    expect(table).toContain('1200')
    for (const code of ['schedule', 'manual', 'done', 'failed']) expect(table).not.toContain(code)
  })

  it('posts the last 7 days, polls while the run is running and reloads the alerts when it is done', async () => {
    alertRuns.mockResolvedValueOnce({ items: [DONE] })
    await mountPanel()
    open.value = true
    await settle()
    await shown()
    startAlertRun.mockResolvedValueOnce(RUNNING)
    alertRuns.mockResolvedValueOnce({ items: [RUNNING, DONE] })
    await click('alert-run-submit')
    const today = new Date()
    expect(startAlertRun).toHaveBeenCalledWith({ from: ymd(new Date(today.getTime() - 6 * 86_400_000)), to: ymd(today) })
    expect($('alert-run-status-3')?.textContent?.trim()).toBe('运行中')
    expect(doneCount).toBe(0)
    alertRuns.mockResolvedValueOnce({ items: [{ ...RUNNING, status: 'done', alerts: 2 }, DONE] })
    await new Promise((r) => setTimeout(r, 2300))
    await settle()
    expect(alertRuns).toHaveBeenCalledTimes(3)
    expect($('alert-run-status-3')?.textContent?.trim()).toBe('已完成')
    expect(doneCount).toBe(1)
    // nothing running: no more polling
    await new Promise((r) => setTimeout(r, 2300))
    expect(alertRuns).toHaveBeenCalledTimes(3)
  }, 20_000)

  it("shows the server's message for a run already in progress", async () => {
    alertRuns.mockResolvedValue({ items: [] })
    await mountPanel()
    open.value = true
    await settle()
    await shown()
    startAlertRun.mockRejectedValueOnce(new ApiError(409, 'run_in_progress', '已有分析正在进行，请稍后再试'))
    await click('alert-run-submit')
    await shown()
    expect($('alert-run-period')!.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('已有分析正在进行，请稍后再试')
    expect($('alert-run-dialog')).not.toBeNull()
  }, 20_000)
})
