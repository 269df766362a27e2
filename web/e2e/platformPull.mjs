// Browser scenario of 监管平台数据同步 (mvis as a client of the city's charging platform, T/CEC 102)
// on the `mvis demo` data, against the independent fake platform of the C++ integration tests
// (tests/fake_platform/platform.mjs, started here with a temporary configuration: two stations of
// a demo enterprise that has no operator account, in 江岸区, with three chargers, and one station of
// an OperatorID no enterprise carries). The administrator opens 平台对接 → 监管平台数据同步: not
// configured, 立即同步 disabled; 保存 with ftp://x is refused under 平台接口地址 and saves nothing;
// then the platform's address, mvis's OperatorID and the four secrets, 每页条数 1, 每日自动同步 on —
// saved, the secrets blank with 「已保存，留空则不变」. 立即同步 (the day of the station stats cleared)
// runs in the background; 同步记录 shows 完成 with 3 pages, 2 stations, 3 chargers, 1 skipped, the
// unknown OperatorID in the tooltip, as the API and the fake platform's request log say. The
// enterprise is then listed under 运营商对接账号 as 仅平台同步, and 江岸区 (jiangan) finds a pulled
// charger among 在用未备案. Every page at 1440 and 390 px in zh-CN with no raw keys, codes or
// English states. E2E_ONLY=platform runs it; E2E_SCREENSHOTS=1 keeps platform-*.png (in
// E2E_PLATFORM_SHOTS when set, else e2e/out/). Registered by run.mjs with its page helpers.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { rawFragments } from './rawText.mjs'
import { randomChars } from './util.mjs'
import { DEMO_PASSWORD } from './verification.mjs'

const FAKE_PLATFORM = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'tests', 'fake_platform', 'platform.mjs')
const SECRET_FIELDS = ['operator_secret', 'data_secret', 'data_secret_iv', 'sig_secret']
const SECRET_KEPT = '已保存，留空则不变'
const BASE_URL_INVALID = '平台接口地址应为 http:// 或 https:// 开头的完整地址'
const UPPER_DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const VISIBLE = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789#!@%+-'

/** The fake platform on a free port, with `config` written to a temporary file; stop() kills it. */
async function startFakePlatform(config) {
  const dir = mkdtempSync(join(tmpdir(), 'mvis-e2e-platform-'))
  const configPath = join(dir, 'platform.json')
  const log = join(dir, 'requests.jsonl')
  writeFileSync(configPath, JSON.stringify({ ...config, log }))
  const child = spawn(process.execPath, [FAKE_PLATFORM, configPath], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (d) => (stderr += d.toString('utf8')))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM')
      await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 3000))])
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    const port = await new Promise((res, rej) => {
      let out = ''
      const timer = setTimeout(() => rej(new Error(`the fake platform printed no port in 10 s (${stderr.trim()})`)), 10_000)
      child.stdout.on('data', (d) => {
        out += d.toString('utf8')
        const line = out.split('\n')
        if (line.length > 1) {
          clearTimeout(timer)
          const m = line[0].match(/^(\d+) (\d+)$/)
          if (m) res(Number(m[1]))
          else rej(new Error(`the fake platform printed "${line[0]}"`))
        }
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        rej(new Error(`the fake platform exited with ${code} (${stderr.trim()})`))
      })
    })
    /** The requests the platform served: {endpoint, data, ret}. */
    const requests = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [])
    return { port, stop, requests }
  } catch (e) {
    await stop()
    throw e
  }
}

/** The day before today as YYYY-MM-DD in local time (the dialog's default). */
function yesterday() {
  const now = new Date()
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, expectVisible, uiLogin, ADMIN, OUT, SCREENSHOTS
 */
export function registerPlatformPullScenarios(test, h) {
  const { fill, expectVisible, uiLogin, ADMIN, OUT, SCREENSHOTS } = h
  const shots = process.env.E2E_PLATFORM_SHOTS || OUT

  /** The visible text has no raw keys, codes or English states (the interface names are the protocol's). */
  async function noRawText(page, where) {
    const text = (await page.evaluate(() => document.body.innerText))
      .replace(/query_token|query_stations_info|query_station_stats/g, '')
      .replace(/https?:\/\/\S+/g, '')
    const bad = rawFragments(text)
    if (bad.length) throw new Error(`${where} shows raw text: ${bad.join(', ')}`)
  }
  async function settled(page) {
    await page.waitForLoadState('networkidle')
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((e) => e.getClientRects().length > 0))
  }
  async function shot(page, name, { keepPointer = false } = {}) {
    if (!SCREENSHOTS) return
    mkdirSync(shots, { recursive: true })
    await settled(page)
    if (!keepPointer) {
      await page.mouse.move(0, 0)
      await page.evaluate(() => document.activeElement?.blur())
      // the tooltip of a hover before (跳过, 仅平台同步) gone
      await page
        .waitForFunction(() => ![...document.querySelectorAll('.el-popper.is-dark')].some((e) => e.getClientRects().length > 0 && getComputedStyle(e).display !== 'none'), null, { timeout: 3000 })
        .catch(() => undefined)
    }
    await page.waitForTimeout(300) // dialogs, tabs and tooltips finish their transitions
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(shots, name), fullPage: true })
    await style.evaluate((e) => e.remove())
  }
  /** A 390 px phone, the page loaded again; it does not scroll sideways. */
  async function phone(page, testid) {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await expectVisible(page, `[data-testid="${testid}"]`, `${testid} at 390 px`)
    await settled(page)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    if (width > 390) throw new Error(`the page is ${width} px wide on a 390 px screen`)
  }
  async function desktop(page) {
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.waitForTimeout(300)
  }
  /** An open dialog takes the phone's width, no more. */
  async function dialogFits(page, testid) {
    const [left, right] = await page.locator(`[data-testid="${testid}"]`).evaluate((e) => [e.getBoundingClientRect().left, e.getBoundingClientRect().right])
    if (left < 0 || right > 390) throw new Error(`${testid} spans ${Math.round(left)}..${Math.round(right)} at 390 px`)
  }
  /** GET with the page's session. */
  async function apiGet(page, path) {
    return page.evaluate(async (p) => {
      const r = await fetch(`/api/v1${p}`)
      if (!r.ok) throw new Error(`GET ${p}: HTTP ${r.status}`)
      return r.json()
    }, path)
  }
  /** The error Element Plus shows under the form item holding `testid`. */
  function fieldError(page, testid) {
    return page.locator(`.el-form-item:has([data-testid="${testid}"]) .el-form-item__error`).first()
  }
  async function openPlatformTab(page) {
    await page.locator('[data-testid="tcec-tab-platform"]').click()
    await expectVisible(page, '[data-testid="pull-panel"]', '监管平台数据同步')
    await page.waitForURL((u) => u.searchParams.get('tab') === 'platform')
    await settled(page)
  }

  /** A demo enterprise whose OperatorID (characters 9–17 of its credit code) has no operator account. */
  async function enterpriseWithoutAccount(page) {
    const orgs = (await apiGet(page, '/admin/orgs?kind=enterprise&page_size=100')).items
    const taken = new Set((await apiGet(page, '/admin/tcec-operators')).items.map((a) => a.operator_id))
    const codes = orgs.map((o) => (o.credit_code ?? '').slice(8, 17))
    const free = orgs
      .filter((o) => o.status === 'active' && /^[0-9A-Z]{18}$/.test(o.credit_code ?? ''))
      .filter((o) => !taken.has(o.credit_code.slice(8, 17)))
      .filter((o) => codes.filter((c) => c === o.credit_code.slice(8, 17)).length === 1)
      .sort((a, b) => a.id - b.id)
    if (!free.length) throw new Error(`every enterprise has an operator account (${[...taken].join(', ')})`)
    return { id: free[0].id, name: free[0].name, operatorId: free[0].credit_code.slice(8, 17) }
  }

  test('platform: the administrator configures 监管平台数据同步, pulls the platform now and sees the run, the 仅平台同步 account and 江岸区 the unfiled charger', async ({ page }) => {
    await uiLogin(page, ADMIN.username, ADMIN.password)
    const ent = await enterpriseWithoutAccount(page)
    const suffix = randomChars(5, UPPER_DIGITS)
    const unknownOperator = `ZZ${randomChars(7, UPPER_DIGITS)}`
    const eq = [1, 2, 3].map((i) => `EQ-PULL-${suffix}-${i}`)
    const charger = (id, type, power, model) => ({
      EquipmentID: id,
      ManufacturerName: '武汉测试电气有限公司',
      EquipmentModel: model,
      EquipmentType: type,
      Power: power,
      ConnectorInfos: [{ ConnectorID: `${id}-1` }],
    })
    const platformValues = {
      operator_id: randomChars(9, UPPER_DIGITS),
      operator_secret: randomChars(16, VISIBLE),
      data_secret: randomChars(16, VISIBLE),
      data_secret_iv: randomChars(16, VISIBLE),
      sig_secret: randomChars(16, VISIBLE),
    }
    const fake = await startFakePlatform({
      ...platformValues,
      stations: [
        {
          OperatorID: ent.operatorId,
          StationID: `ST-PULL-${suffix}-1`,
          StationName: `江岸区同步测试充电站${suffix}甲`,
          AreaCode: '420102',
          Address: '武汉市江岸区解放大道1号',
          EquipmentInfos: [charger(eq[0], 1, 120, 'PULL-DC120'), charger(eq[1], 2, 7, 'PULL-AC7')],
        },
        {
          OperatorID: ent.operatorId,
          StationID: `ST-PULL-${suffix}-2`,
          StationName: `江岸区同步测试充电站${suffix}乙`,
          AreaCode: '420102',
          Address: '武汉市江岸区沿江大道2号',
          EquipmentInfos: [charger(eq[2], 1, 60, 'PULL-DC60')],
        },
        {
          OperatorID: unknownOperator,
          StationID: `ST-PULL-${suffix}-Z`,
          StationName: '未注册运营商的充电站',
          AreaCode: '420102',
          Address: '武汉市江岸区未知路3号',
          EquipmentInfos: [charger(`EQ-PULL-${suffix}-Z`, 2, 7, 'PULL-AC7')],
        },
      ],
      stats: {},
    })
    try {
      const baseUrl = `http://127.0.0.1:${fake.port}/evcs/v1`

      // 平台对接 → 监管平台数据同步: nothing configured yet
      await expectVisible(page, '[data-testid="menu-group-system"]', '系统管理 in the menu')
      await page.locator('[data-testid="menu-admin-tcec-operators"]:has-text("平台对接")').click()
      await expectVisible(page, '[data-testid="tcec-operators"]', '平台对接 page')
      await expectVisible(page, '[data-testid="tcec-tab-operators"]:has-text("运营商对接账号")', 'tab 运营商对接账号')
      await expectVisible(page, '[data-testid="tcec-tab-platform"]:has-text("监管平台数据同步")', 'tab 监管平台数据同步')
      await openPlatformTab(page)
      if ((await apiGet(page, '/admin/tcec-platform')).configured !== false) throw new Error('the platform is configured before the test')
      await expectVisible(page, '[data-testid="pull-not-configured"]:has-text("尚未配置对接参数，保存后即可同步")', 'not configured')
      if (!(await page.locator('[data-testid="pull-start"]').isDisabled())) throw new Error('立即同步 is enabled before the platform is configured')
      await expectVisible(page, '[data-testid="pull-last-query-time"]:has-text("尚未同步")', '上次完整同步起点 尚未同步')
      await expectVisible(page, '[data-testid="pull-runs"]:has-text("暂无同步记录")', 'the empty 同步记录')
      for (const f of SECRET_FIELDS) {
        const ph = await page.locator(`[data-testid="pull-${f}"]`).getAttribute('placeholder')
        if (ph !== '平台分配的16位密钥') throw new Error(`${f} placeholder "${ph}" before the first save`)
      }
      await noRawText(page, '监管平台数据同步 not configured')
      await shot(page, 'platform-empty-1440.png')
      await phone(page, 'pull-panel')
      await noRawText(page, '监管平台数据同步 not configured at 390 px')
      await shot(page, 'platform-empty-390.png')
      await desktop(page)

      // a bad address: said under 平台接口地址, nothing saved
      let saves = 0
      const countSaves = (r) => {
        if (new URL(r.url()).pathname === '/api/v1/admin/tcec-platform' && r.method() === 'PUT') saves++
      }
      page.on('request', countSaves)
      await fill(page, 'pull-base_url', 'ftp://x')
      await page.locator('[data-testid="pull-save"]').click()
      await expectVisible(page, `.el-form-item:has([data-testid="pull-base_url"]) .el-form-item__error:has-text("${BASE_URL_INVALID}")`, 'the address error under 平台接口地址')
      await page.waitForTimeout(500)
      page.off('request', countSaves)
      if (saves) throw new Error('保存 with ftp://x sent the form')
      if ((await apiGet(page, '/admin/tcec-platform')).configured !== false) throw new Error('保存 with ftp://x configured the platform')
      await noRawText(page, 'the form with a bad address')

      // the platform's values: saved, the secrets blank and kept
      await fill(page, 'pull-base_url', baseUrl)
      await fill(page, 'pull-operator_id', platformValues.operator_id)
      for (const f of SECRET_FIELDS) await fill(page, `pull-${f}`, platformValues[f])
      const pageSize = page.locator('[data-testid="pull-page_size"] input').first()
      await pageSize.fill('1')
      await pageSize.press('Tab')
      if ((await pageSize.inputValue()) !== '1') throw new Error(`每页条数 shows ${await pageSize.inputValue()} after typing 1`)
      const enabled = page.locator('.el-switch:has([data-testid="pull-enabled"]), .el-switch[data-testid="pull-enabled"]').first()
      const on = async () => /\bis-checked\b/.test((await enabled.getAttribute('class')) ?? '')
      if (!(await on())) await enabled.click()
      if (!(await on())) throw new Error('每日自动同步 is not on')
      try {
        await fieldError(page, 'pull-base_url').waitFor({ state: 'hidden', timeout: 3000 })
      } catch {
        throw new Error(`平台接口地址 still says "${await fieldError(page, 'pull-base_url').innerText()}" with ${baseUrl}`)
      }
      const saved = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/admin/tcec-platform' && r.request().method() === 'PUT')
      await page.locator('[data-testid="pull-save"]').click()
      const answer = await saved
      if (answer.status() !== 200) throw new Error(`PUT /admin/tcec-platform answered ${answer.status()} ${await answer.text()}`)
      const sent = JSON.parse(answer.request().postData() ?? '{}')
      if (sent.page_size !== 1 || sent.enabled !== true) throw new Error(`sent page_size ${sent.page_size}, enabled ${sent.enabled}`)
      await expectVisible(page, '.el-message:has-text("已保存对接参数")', 'notice 已保存对接参数')
      for (const f of SECRET_FIELDS) {
        const el = page.locator(`[data-testid="pull-${f}"]`)
        if ((await el.inputValue()) !== '') throw new Error(`${f} still holds a value after 保存`)
        const ph = await el.getAttribute('placeholder')
        if (ph !== SECRET_KEPT) throw new Error(`${f} placeholder "${ph}" after 保存`)
      }
      const view = await apiGet(page, '/admin/tcec-platform')
      if (!view.configured || view.base_url !== baseUrl || view.operator_id !== platformValues.operator_id || view.page_size !== 1 || !view.enabled) {
        throw new Error(`GET /admin/tcec-platform: ${JSON.stringify(view)}`)
      }
      if (JSON.stringify(view).includes(platformValues.sig_secret)) throw new Error('GET /admin/tcec-platform shows a secret')
      if ((await page.locator('[data-testid="pull-not-configured"]').count()) > 0) throw new Error('尚未配置对接参数 still shown')
      await expectVisible(page, '[data-testid="pull-start"]:not([disabled])', '立即同步 enabled')
      if ((await page.locator('[data-testid="pull-updated-at"]').innerText()).trim() === '—') throw new Error('最近修改时间 not shown after 保存')
      await noRawText(page, 'the saved form')

      // 立即同步: the dialog, the day of the stats cleared, the run in the background
      await page.locator('[data-testid="pull-start"]').click()
      await expectVisible(page, '[data-testid="pull-dialog"]', '立即同步 dialog')
      const day = page.locator('[data-testid="pull-stats-day"] input').first()
      if ((await day.inputValue()) !== yesterday()) throw new Error(`场站电量统计日期 shows "${await day.inputValue()}", expected yesterday ${yesterday()}`)
      await expectVisible(page, '[data-testid="pull-dialog"]:has-text("场站电量统计日期")', 'the date label')
      await noRawText(page, 'the 立即同步 dialog')
      await shot(page, 'platform-dialog-1440.png')
      await day.hover()
      // the picker's clear button, shown while the pointer is over a date
      const clear = page.locator('[data-testid="pull-stats-day"] :is(.clear-icon, .el-range__close-icon:not(.el-range__close-icon--hidden))').first()
      try {
        await clear.waitFor({ state: 'visible', timeout: 3000 })
      } catch {
        throw new Error('no clear button over the date of the station stats')
      }
      await clear.click()
      if ((await day.inputValue()) !== '') throw new Error(`the date still shows "${await day.inputValue()}" after clearing`)
      if ((await day.getAttribute('placeholder')) !== '不拉取场站电量') throw new Error(`the cleared date's placeholder is "${await day.getAttribute('placeholder')}"`)
      await page.locator('.el-picker-panel:visible').waitFor({ state: 'hidden', timeout: 2000 }).catch(() => page.keyboard.press('Escape'))
      const started = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/admin/tcec-platform/pulls' && r.request().method() === 'POST')
      await page.locator('[data-testid="pull-submit"]').click()
      const startAnswer = await started
      if (startAnswer.status() !== 202) throw new Error(`POST /admin/tcec-platform/pulls answered ${startAnswer.status()} ${await startAnswer.text()}`)
      const asked = JSON.parse(startAnswer.request().postData() ?? '{}')
      if (asked.stats_day !== '') throw new Error(`the pull asked for stats_day "${asked.stats_day}"`)
      const run = await startAnswer.json()
      await page.locator('[data-testid="pull-dialog"]').waitFor({ state: 'hidden' })
      const status = page.locator(`[data-testid="pull-status-${run.id}"]`)
      await status.waitFor({ state: 'visible' })
      try {
        await page.locator(`[data-testid="pull-status-${run.id}"]:has-text("完成")`).waitFor({ state: 'visible', timeout: 20_000 })
      } catch {
        const now = (await apiGet(page, '/admin/tcec-platform/pulls')).items.find((r) => r.id === run.id)
        throw new Error(`the run shows "${(await status.innerText()).trim()}" after 20 s (API: ${JSON.stringify(now)})`)
      }
      await expectVisible(page, '.el-message:has-text("同步已完成")', 'notice 同步已完成')

      // the run as the API and the platform tell it
      const done = (await apiGet(page, '/admin/tcec-platform/pulls')).items.find((r) => r.id === run.id)
      const want = { status: 'done', trigger: 'manual', last_query_time: '', stats_day: '', pages: 3, stations: 2, equipment: 3, stats: 0, skipped: 1, error: '' }
      for (const [k, v] of Object.entries(want)) if (done[k] !== v) throw new Error(`the run's ${k} is ${JSON.stringify(done[k])}, expected ${JSON.stringify(v)}`)
      const unknownIds = Array.isArray(done.unknown_operators) ? done.unknown_operators : String(done.unknown_operators).split(',')
      if (unknownIds.join() !== unknownOperator) throw new Error(`unknown_operators ${JSON.stringify(done.unknown_operators)}, expected ${unknownOperator}`)
      const served = fake.requests()
      const pagesAsked = served.filter((r) => r.endpoint === 'query_stations_info').map((r) => `${r.data?.PageNo}/${r.data?.PageSize}`)
      if (pagesAsked.join(' ') !== '1/1 2/1 3/1') throw new Error(`query_stations_info asked ${pagesAsked.join(' ')}`)
      if (served.some((r) => r.endpoint === 'query_station_stats')) throw new Error('query_station_stats asked with the day cleared')
      if (served.filter((r) => r.endpoint === 'query_token').length !== 1) throw new Error(`${served.filter((r) => r.endpoint === 'query_token').length} query_token requests`)

      // … and as 同步记录 shows it
      const row = page.locator('[data-testid="pull-runs"] .el-table__body tr').filter({ has: status })
      const cells = (await row.locator('td').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim())
      const wantCells = { 1: '手动', 2: '完成', 3: '全量', 4: '3', 5: '2', 6: '3', 7: '未拉取', 8: '1', 9: '4 / 0', 10: '—' }
      for (const [i, v] of Object.entries(wantCells)) if (cells[i] !== v) throw new Error(`同步记录 column ${i} shows "${cells[i]}", expected "${v}" (${cells.join(' | ')})`)
      const lastQuery = (await page.locator('[data-testid="pull-last-query-time"]').innerText()).trim()
      if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(lastQuery)) throw new Error(`上次完整同步起点 shows "${lastQuery}" after the pull`)
      await noRawText(page, '同步记录 with the run')
      await shot(page, 'platform-done-1440.png')
      await page.locator(`[data-testid="pull-skipped-${run.id}"]`).hover()
      await expectVisible(page, `.el-popper:visible:has-text("未注册企业的运营商标识：${unknownOperator}")`, 'the unknown OperatorID in the tooltip of 跳过')
      await shot(page, 'platform-unknown-1440.png', { keepPointer: true })
      await page.mouse.move(0, 0)

      // a phone: the panel with the run, and the dialog (cancelled)
      await phone(page, 'pull-panel')
      await expectVisible(page, `[data-testid="pull-status-${run.id}"]:has-text("完成")`, 'the run at 390 px')
      await noRawText(page, '监管平台数据同步 at 390 px')
      await page.locator(`[data-testid="pull-status-${run.id}"]`).scrollIntoViewIfNeeded()
      await shot(page, 'platform-done-390.png')
      await page.locator('[data-testid="pull-start"]').click()
      await expectVisible(page, '[data-testid="pull-dialog"]', '立即同步 dialog at 390 px')
      await dialogFits(page, 'pull-dialog')
      await noRawText(page, 'the 立即同步 dialog at 390 px')
      await shot(page, 'platform-dialog-390.png')
      await page.locator('[data-testid="pull-dialog"] .el-dialog__footer button:has-text("取消")').click()
      await page.locator('[data-testid="pull-dialog"]').waitFor({ state: 'hidden' })
      await desktop(page)

      // 运营商对接账号: the enterprise, 仅平台同步
      await page.locator('[data-testid="tcec-tab-operators"]').click()
      await page.waitForURL((u) => !u.searchParams.has('tab'))
      await expectVisible(page, `[data-testid="tcec-status-${ent.operatorId}"]:has-text("仅平台同步")`, `${ent.operatorId} tagged 仅平台同步`)
      await expectVisible(page, `[data-testid="tcec-table"] .el-table__row:has([data-testid="tcec-row-${ent.operatorId}"]):has-text("${ent.name}")`, 'the enterprise in the list')
      const account = (await apiGet(page, '/admin/tcec-operators')).items.find((a) => a.operator_id === ent.operatorId)
      if (account?.status !== 'platform' || account.org_id !== ent.id) throw new Error(`the account the pull made: ${JSON.stringify(account)}`)
      if ((await page.locator(`[data-testid="tcec-row-${unknownOperator}"]`).count()) > 0) throw new Error('the unknown OperatorID got an account')
      await page.locator(`[data-testid="tcec-status-${ent.operatorId}"]`).hover()
      await expectVisible(page, '.el-popper:visible:has-text("该企业仅向监管平台报送数据")', 'what 仅平台同步 means')
      await noRawText(page, '运营商对接账号 with the pulled enterprise')
      await shot(page, 'platform-operators-1440.png')
      await phone(page, 'tcec-operators')
      await expectVisible(page, `[data-testid="tcec-status-${ent.operatorId}"]:has-text("仅平台同步")`, '仅平台同步 at 390 px')
      await noRawText(page, '运营商对接账号 at 390 px')
      await shot(page, 'platform-operators-390.png')
      await desktop(page)
    } finally {
      await fake.stop()
    }

    // 江岸区 finds the pulled chargers among 在用未备案
    await page.context().clearCookies()
    await uiLogin(page, 'jiangan', DEMO_PASSWORD)
    await page.locator('[data-testid="menu-supervision-reconciliation"]:has-text("在用未备案核查")').click()
    await expectVisible(page, '[data-testid="reconciliation"]', '在用未备案核查 page')
    await settled(page)
    const unfiled = []
    for (let p = 1; ; p++) {
      const res = await apiGet(page, `/reconciliation?kind=unfiled&page=${p}&page_size=100`)
      unfiled.push(...res.items)
      if (res.items.length === 0 || unfiled.length >= res.total) break
    }
    const pulled = unfiled.filter((r) => eq.includes(r.equipment_id))
    if (pulled.length !== 3) throw new Error(`江岸区's 在用未备案 lists ${pulled.length} of the 3 pulled chargers`)
    if (pulled.some((r) => r.org_id !== ent.id)) throw new Error(`the pulled chargers are of ${[...new Set(pulled.map((r) => r.org_name))].join(', ')}, expected ${ent.name}`)
    if (unfiled.some((r) => r.equipment_id === `EQ-PULL-${suffix}-Z`)) throw new Error("the unknown operator's charger is listed")
    const firstPage = (await apiGet(page, '/reconciliation?kind=unfiled&page=1&page_size=20')).items.map((r) => r.equipment_id)
    const shown = eq.find((id) => firstPage.includes(id))
    if (shown) {
      await expectVisible(page, `[data-testid="recon-eq-${shown}"]`, `the pulled charger ${shown} in 在用未备案`)
      await expectVisible(page, `[data-testid="recon-table"] .el-table__row:has([data-testid="recon-eq-${shown}"]):has-text("${ent.name}")`, 'its enterprise')
    } else {
      throw new Error(`none of the pulled chargers is on the first page of 在用未备案 (${firstPage.join(', ')})`)
    }
    await noRawText(page, '在用未备案 with the pulled chargers')
    await shot(page, 'platform-recon-1440.png')
    await phone(page, 'reconciliation')
    await expectVisible(page, `[data-testid="recon-eq-${shown}"]`, 'the pulled charger at 390 px')
    await noRawText(page, '在用未备案 at 390 px')
    await shot(page, 'platform-recon-390.png')
  })
}
