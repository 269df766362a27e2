// 监管平台数据同步 rendered in the browser-like DOM with the API mocked: the first configuration
// (all four secrets required, 立即同步 disabled until saved), a saved one (secrets blank = kept,
// the placeholder saying so, the OperatorID sent upper-case), the checks before sending and the
// server's messages under their fields, 上次完整同步起点 / 最近修改时间, 同步记录 in Chinese (方式,
// 状态, 全量, 场站电量 with its day, the unknown operators of 跳过, 请求/重试, 失败原因), 立即同步
// with yesterday by default or no station statistics, the log read again every 2 s while a run
// is running, and a run already in progress shown with the server's message.
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp, nextTick, type App } from 'vue'
import { createPinia } from 'pinia'
import { i18n } from '@/i18n'
import { loadExchangeTexts } from '@/i18n/exchange'
import { ApiError } from '@/lib/api/http'
import type { PullRun, TcecPlatform } from '@/lib/api/types.exchange'
import PlatformPullPanel from '@/components/exchange/PlatformPullPanel.vue'

const tcecPlatform = vi.hoisted(() => vi.fn())
const saveTcecPlatform = vi.hoisted(() => vi.fn())
const platformPulls = vi.hoisted(() => vi.fn())
const startPlatformPull = vi.hoisted(() => vi.fn())
vi.mock('@/lib/api/exchange', () => ({ exchangeApi: { tcecPlatform, saveTcecPlatform, platformPulls, startPlatformPull } }))

const NONE: TcecPlatform = { configured: false, base_url: '', operator_id: '', enabled: false, page_size: 100, last_query_time: '', updated_at: null }
const SAVED: TcecPlatform = {
  configured: true,
  base_url: 'https://evcs.example.gov.cn/evcs/v1',
  operator_id: 'MA4MVIS01',
  enabled: true,
  page_size: 200,
  last_query_time: '2026-12-05 01:00:00',
  updated_at: '2026-12-01T02:03:04Z',
}
/** What 保存 sends of SAVED, the secrets left blank. */
const SAVED_INPUT = { base_url: SAVED.base_url, operator_id: SAVED.operator_id, enabled: SAVED.enabled, page_size: SAVED.page_size }
const DONE: PullRun = {
  id: 1,
  trigger: 'schedule',
  status: 'done',
  last_query_time: '',
  stats_day: '2026-12-04',
  pages: 3,
  stations: 120,
  equipment: 860,
  stats: 118,
  skipped: 2,
  unknown_operators: ['MA4X00001', 'MA4X00002'],
  requests: 12,
  retries: 1,
  error: '',
  started_at: '2026-12-05T01:00:00Z',
  finished_at: '2026-12-05T01:02:00Z',
}
const FAILED: PullRun = {
  ...DONE,
  id: 2,
  trigger: 'manual',
  status: 'failed',
  last_query_time: '2026-12-05 01:00:00',
  stats_day: '',
  pages: 0,
  stations: 0,
  equipment: 0,
  stats: 0,
  skipped: 0,
  unknown_operators: [],
  requests: 3,
  retries: 2,
  error: '监管平台拒绝了令牌请求：运营商标识或密钥不正确',
}
const RUNNING: PullRun = { ...FAILED, id: 3, status: 'running', error: '', requests: 0, retries: 0, finished_at: null }

let app: App | null = null
let root: HTMLElement

const settle = async () => {
  for (let i = 0; i < 6; i++) {
    await nextTick()
    await new Promise((r) => setTimeout(r, 0))
  }
}
/** Element Plus shows a form item's error 100 ms after the state changes; dialogs and tooltips animate. */
const shown = () => new Promise((r) => setTimeout(r, 350))
const body = () => document.body.textContent ?? ''
const $ = (testid: string) => document.body.querySelector<HTMLElement>(`[data-testid="${testid}"]`)
const input = (testid: string) => {
  const el = $(testid)!
  return (el.tagName === 'INPUT' ? el : el.querySelector('input')) as HTMLInputElement
}
const itemError = (testid: string) => $(testid)!.closest('.el-form-item')!.querySelector('.el-form-item__error')?.textContent?.trim()
const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
const yesterday = () => {
  const now = new Date()
  return ymd(new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1))
}

async function type(testid: string, value: string) {
  const el = input(testid)
  el.value = value
  el.dispatchEvent(new Event('input'))
  await settle()
}
async function click(testid: string) {
  $(testid)!.click()
  await settle()
}

async function mountPanel() {
  root = document.createElement('div')
  document.body.appendChild(root)
  app = createApp(PlatformPullPanel)
  app.use(createPinia()).use(i18n)
  app.mount(root)
  await settle()
}

beforeAll(async () => {
  ;(globalThis as { ASYNC_VALIDATOR_NO_WARNING?: number }).ASYNC_VALIDATOR_NO_WARNING = 1
  await loadExchangeTexts()
})
beforeEach(() => {
  for (const m of [tcecPlatform, saveTcecPlatform, platformPulls, startPlatformPull]) m.mockReset()
})
afterEach(() => {
  app?.unmount()
  app = null
  root.remove()
  document.body.innerHTML = ''
})

describe('监管平台数据同步: 对接参数', () => {
  it('asks for every secret the first time, 立即同步 waiting for the first save', async () => {
    tcecPlatform.mockResolvedValue(NONE)
    platformPulls.mockResolvedValue({ items: [] })
    await mountPanel()
    expect(body()).toContain('对接参数')
    expect(input('pull-base_url').placeholder).toBe('https://…/evcs/v1')
    for (const f of ['operator_secret', 'data_secret', 'data_secret_iv', 'sig_secret']) {
      expect(input(`pull-${f}`).type, f).toBe('password')
      expect(input(`pull-${f}`).placeholder, f).toBe('平台分配的16位密钥')
    }
    for (const label of ['平台接口地址', '运营商标识', '运营商密钥', '消息密钥', '消息密钥初始化向量', '签名密钥', '每页条数', '每日自动同步']) expect($('pull-form')?.textContent, label).toContain(label)
    expect(input('pull-page_size').value).toBe('100')
    expect($('pull-last-query-time')?.textContent).toBe('尚未同步')
    expect($('pull-updated-at')?.textContent).toBe('—')
    expect($('pull-start')?.hasAttribute('disabled')).toBe(true)
    expect($('pull-not-configured')?.textContent).toContain('尚未配置对接参数')
    expect($('pull-runs')?.textContent).toContain('暂无同步记录')

    await type('pull-base_url', 'https://evcs.example.gov.cn/evcs/v1')
    await type('pull-operator_id', 'ma4mvis01')
    await type('pull-operator_secret', '1234567890abcdef')
    await click('pull-save')
    await shown()
    expect(itemError('pull-data_secret')).toBe('首次配置须填写平台分配的全部密钥')
    expect(itemError('pull-sig_secret')).toBe('首次配置须填写平台分配的全部密钥')
    expect(itemError('pull-operator_secret')).toBeUndefined()
    expect(saveTcecPlatform).not.toHaveBeenCalled()

    await type('pull-data_secret', 'a3F9hL2qT6yB8cXe')
    await type('pull-data_secret_iv', 'J4nU7rD1sG5wK9pM')
    await type('pull-sig_secret', 'k8Q2vN5xR1tZ7mWp')
    await click('pull-enabled')
    saveTcecPlatform.mockResolvedValueOnce({ ...SAVED, last_query_time: '', page_size: 100 })
    await click('pull-save')
    await shown()
    expect(saveTcecPlatform).toHaveBeenCalledWith({
      base_url: 'https://evcs.example.gov.cn/evcs/v1',
      operator_id: 'ma4mvis01',
      operator_secret: '1234567890abcdef',
      data_secret: 'a3F9hL2qT6yB8cXe',
      data_secret_iv: 'J4nU7rD1sG5wK9pM',
      sig_secret: 'k8Q2vN5xR1tZ7mWp',
      enabled: true,
      page_size: 100,
    })
    expect(body()).toContain('已保存对接参数')
    expect(input('pull-operator_id').value).toBe('MA4MVIS01')
    for (const f of ['operator_secret', 'data_secret', 'data_secret_iv', 'sig_secret']) {
      expect(input(`pull-${f}`).value, f).toBe('')
      expect(input(`pull-${f}`).placeholder, f).toBe('已保存，留空则不变')
    }
    expect(body()).not.toContain('k8Q2vN5xR1tZ7mWp')
    expect($('pull-start')?.hasAttribute('disabled')).toBe(false)
    expect($('pull-updated-at')?.textContent).toMatch(/^2026-12-01 \d\d:03:04$/)
  })

  it('keeps the saved secrets when left blank and puts the server’s messages under their fields', async () => {
    tcecPlatform.mockResolvedValue(SAVED)
    platformPulls.mockResolvedValue({ items: [] })
    await mountPanel()
    expect(input('pull-base_url').value).toBe(SAVED.base_url)
    expect(input('pull-operator_id').value).toBe('MA4MVIS01')
    expect(input('pull-page_size').value).toBe('200')
    expect($('pull-last-query-time')?.textContent).toBe('2026-12-05 01:00:00')
    expect(input('pull-sig_secret').placeholder).toBe('已保存，留空则不变')

    saveTcecPlatform.mockRejectedValueOnce(new ApiError(400, 'base_url_invalid', '平台地址应为 http:// 或 https:// 开头的完整地址', { field: 'base_url' }))
    await click('pull-save')
    await shown()
    expect(saveTcecPlatform).toHaveBeenCalledWith({ ...SAVED_INPUT, operator_secret: '', data_secret: '', data_secret_iv: '', sig_secret: '' })
    expect(itemError('pull-base_url')).toBe('平台地址应为 http:// 或 https:// 开头的完整地址')

    saveTcecPlatform.mockRejectedValueOnce(new ApiError(400, 'secret_invalid', '密钥应为16位可见字符', { field: 'data_secret_iv' }))
    await click('pull-save')
    await shown()
    expect(itemError('pull-data_secret_iv')).toBe('密钥应为16位可见字符')
    expect(itemError('pull-base_url')).toBeUndefined()

    saveTcecPlatform.mockRejectedValueOnce(new ApiError(400, 'page_size_invalid', '每页条数应在 1–1000 之间', { field: 'page_size' }))
    await click('pull-save')
    await shown()
    expect(itemError('pull-page_size')).toBe('每页条数应在 1–1000 之间')
  })

  it('checks the address, the OperatorID and a secret before sending', async () => {
    tcecPlatform.mockResolvedValue(SAVED)
    platformPulls.mockResolvedValue({ items: [] })
    await mountPanel()
    await type('pull-base_url', 'evcs.example.gov.cn/evcs/v1')
    await type('pull-operator_id', 'MA4-1')
    await type('pull-data_secret', 'short')
    await click('pull-save')
    await shown()
    expect(itemError('pull-base_url')).toBe('平台接口地址应为 http:// 或 https:// 开头的完整地址')
    expect(itemError('pull-operator_id')).toBe('运营商标识应为9位数字或大写字母')
    expect(itemError('pull-data_secret')).toBe('密钥应为16位可见字符，不含空格')
    expect(itemError('pull-sig_secret')).toBeUndefined()
    await type('pull-base_url', '')
    await click('pull-save')
    await shown()
    expect(itemError('pull-base_url')).toBe('请填写平台接口地址')
    expect(saveTcecPlatform).not.toHaveBeenCalled()
  })
})

describe('监管平台数据同步: 同步记录 and 立即同步', () => {
  it('lists the runs in Chinese, never their codes', async () => {
    tcecPlatform.mockResolvedValue(SAVED)
    platformPulls.mockResolvedValue({ items: [FAILED, DONE] })
    await mountPanel()
    const table = $('pull-runs')!.textContent ?? ''
    for (const head of ['开始时间', '方式', '状态', '增量起点', '页数', '充电站', '充电桩', '场站电量', '跳过', '请求/重试', '失败原因']) expect(table, head).toContain(head)
    expect(table).toContain('定时')
    expect(table).toContain('手动')
    expect($('pull-status-1')?.textContent?.trim()).toBe('完成')
    expect($('pull-status-1')?.className).toContain('el-tag--success')
    expect($('pull-status-2')?.textContent?.trim()).toBe('失败')
    expect($('pull-status-2')?.className).toContain('el-tag--danger')
    expect($('pull-since-1')?.textContent).toBe('全量')
    expect($('pull-since-2')?.textContent).toBe('2026-12-05 01:00:00')
    expect($('pull-stats-1')?.textContent).toContain('118')
    expect($('pull-stats-1')?.textContent).toContain('2026-12-04')
    expect($('pull-stats-2')?.textContent?.trim()).toBe('未拉取')
    expect($('pull-requests-1')?.textContent).toBe('12 / 1')
    expect($('pull-error-2')?.textContent).toBe('监管平台拒绝了令牌请求：运营商标识或密钥不正确')
    expect($('pull-error-1')?.textContent).toBe('—')
    expect($('pull-skipped-2')?.textContent?.trim()).toBe('0')
    for (const code of ['schedule', 'manual', 'done', 'failed', 'running']) expect(table).not.toContain(code)

    // the operators of no registered enterprise, on hovering 跳过
    expect($('pull-skipped-1')?.textContent?.trim()).toBe('2')
    expect(body()).not.toContain('未注册企业的运营商标识')
    $('pull-skipped-1')!.dispatchEvent(new MouseEvent('mouseenter'))
    await settle()
    await shown()
    expect(body()).toContain('未注册企业的运营商标识：MA4X00001、MA4X00002')
  })

  it('pulls yesterday’s station energy by default, then reads the log every 2 s while the run is running', async () => {
    tcecPlatform.mockResolvedValue(SAVED)
    platformPulls.mockResolvedValueOnce({ items: [DONE] })
    await mountPanel()
    await click('pull-start')
    await shown()
    expect($('pull-dialog')?.textContent).toContain('场站电量统计日期')
    expect(input('pull-stats-day').value).toBe(yesterday())

    startPlatformPull.mockResolvedValueOnce(RUNNING)
    platformPulls.mockResolvedValueOnce({ items: [RUNNING, DONE] })
    await click('pull-submit')
    expect(startPlatformPull).toHaveBeenCalledWith({ stats_day: yesterday() })
    expect(body()).toContain('已开始同步')
    expect($('pull-status-3')?.textContent?.trim()).toBe('运行中')
    expect($('pull-status-3')?.className).toContain('el-tag--warning')
    expect(tcecPlatform).toHaveBeenCalledTimes(1)

    platformPulls.mockResolvedValueOnce({ items: [{ ...RUNNING, status: 'done', pages: 1, stations: 4 }, DONE] })
    await new Promise((r) => setTimeout(r, 2300))
    await settle()
    expect(platformPulls).toHaveBeenCalledTimes(3)
    expect($('pull-status-3')?.textContent?.trim()).toBe('完成')
    expect(body()).toContain('同步已完成')
    // 上次完整同步起点 read again
    expect(tcecPlatform).toHaveBeenCalledTimes(2)
    // nothing running: no more reading
    await new Promise((r) => setTimeout(r, 2300))
    expect(platformPulls).toHaveBeenCalledTimes(3)
  }, 20_000)

  it('pulls no station energy when the day is cleared', async () => {
    tcecPlatform.mockResolvedValue(SAVED)
    platformPulls.mockResolvedValue({ items: [] })
    await mountPanel()
    await click('pull-start')
    await shown()
    const picker = input('pull-stats-day').closest('.el-input') as HTMLElement
    picker.dispatchEvent(new MouseEvent('mouseenter'))
    await settle()
    ;(picker.querySelector('.clear-icon') as HTMLElement).dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    expect(input('pull-stats-day').value).toBe('')
    expect(input('pull-stats-day').placeholder).toBe('不拉取场站电量')
    startPlatformPull.mockResolvedValueOnce({ ...RUNNING, status: 'done', stats_day: '' })
    await click('pull-submit')
    expect(startPlatformPull).toHaveBeenCalledWith({ stats_day: '' })
  }, 20_000)

  it('shows the server’s message for a run already in progress and keeps the dialog open', async () => {
    tcecPlatform.mockResolvedValue(SAVED)
    platformPulls.mockResolvedValue({ items: [] })
    await mountPanel()
    await click('pull-start')
    await shown()
    startPlatformPull.mockRejectedValueOnce(new ApiError(409, 'run_in_progress', '已有同步任务正在运行，请稍后再试'))
    await click('pull-submit')
    await shown()
    expect($('pull-stats-day')!.querySelector('.el-form-item__error')?.textContent?.trim()).toBe('已有同步任务正在运行，请稍后再试')
    expect($('pull-dialog')).not.toBeNull()
    expect(body()).not.toContain('已开始同步')
  }, 20_000)
})
