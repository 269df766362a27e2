// Browser scenarios of 计量作弊线索 (issue 13) on the `mvis demo` data, whose operator 武汉新能源充电科技有限公司
// reported orders with planted anomalies: the district bureau that has open alerts (asked of
// /api/v1/alerts as each district user) opens 计量作弊线索 from the menu and sees its district's alerts
// only, as the API lists them; opens one with an enterprise and sees its evidence under Chinese labels
// (no evidence key on the page), starts a 线索核查 from it (the first 抽查事项), follows 查看核查任务 to the
// task page and sees 线索核查, 核查对象 and 核查依据; back in the list it ticks another alert, 排除 it
// with a reason and finds it tagged 已排除 once the status filter says so. The administrator rotates an
// operator's secrets in 平台对接 (confirmed), sees the new values once — and they work: this file plays
// the operator's platform and takes a token with them — then 停用 and 启用 the account. The list and
// the detail at 1440 and 390 px in zh-CN with no raw keys, codes or English states. E2E_ONLY=alerts
// runs them; E2E_SCREENSHOTS=1 keeps alerts-*.png (in E2E_ALERTS_SHOTS when set, else e2e/out/).
// Registered by run.mjs with its page helpers.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { call } from './filing.mjs'
import { tcecClient } from './exchange.mjs'
import { rawFragments } from './rawText.mjs'
import { DEMO_PASSWORD } from './verification.mjs'

/** The demo's district bureaus (src/demo/demo_seed.cpp). */
const DISTRICT_USERS = ['jiangan', 'hongshan', 'jianghan', 'wuchang', 'donghu']
const DISMISS_REASON = 'E2E：经核实为运营商测试订单，非真实交易'
/** The operator whose secrets are rotated: the account exchange.mjs opens, else the demo's. */
const OPERATORS = ['MA4K22222', 'MA4K12345']
const SECRET_FIELDS = ['operator_secret', 'data_secret', 'data_secret_iv', 'sig_secret']

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT, SCREENSHOTS
 */
export function registerAlertScenarios(test, h) {
  const { fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT, SCREENSHOTS } = h
  const shots = process.env.E2E_ALERTS_SHOTS || OUT

  /** The visible text has no raw keys, codes or English states (平台对接's interface names are the protocol's). */
  async function noRawText(page, where) {
    const bad = rawFragments((await page.evaluate(() => document.body.innerText)).replace(/query_token|notification_stationInfo/g, ''))
    if (bad.length) throw new Error(`${where} shows raw text: ${bad.join(', ')}`)
  }
  async function settled(page) {
    await page.waitForLoadState('networkidle')
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((e) => e.getClientRects().length > 0))
  }
  async function shot(page, name) {
    if (!SCREENSHOTS) return
    mkdirSync(shots, { recursive: true })
    await settled(page)
    await page.mouse.move(0, 0)
    await page.evaluate(() => document.activeElement?.blur())
    await page.waitForTimeout(300) // dialogs finish their transitions
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
  /** GET with the page's session. */
  async function apiGet(page, path) {
    return page.evaluate(async (p) => {
      const r = await fetch(`/api/v1${p}`)
      if (!r.ok) throw new Error(`GET ${p}: HTTP ${r.status}`)
      return r.json()
    }, path)
  }
  /** The response of the alerts list (not of a detail). */
  function listAnswer(page) {
    return page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/alerts' && r.request().method() === 'GET')
  }
  /** Ticks the row of an alert in the list. */
  async function tick(page, id) {
    await page.locator(`tr:has([data-testid="al-eq-${id}"]) .el-checkbox`).first().click()
  }

  /** The district bureau with at least two open alerts, one of them of a known enterprise. */
  async function districtWithAlerts(base) {
    const tried = []
    for (const user of DISTRICT_USERS) {
      const session = await apiLogin(base, user, DEMO_PASSWORD)
      const open = (await call(base, session, 'GET', '/alerts?status=open&page=1&page_size=100')).items
      tried.push(`${user}: ${open.length}`)
      const target = open.find((a) => a.org_id !== null)
      const other = open.find((a) => a !== target)
      if (target && other) return { user, target, other }
    }
    throw new Error(`no district bureau has two open alerts, one with an enterprise (${tried.join(', ')})`)
  }

  test('alerts: a district bureau opens 计量作弊线索, reads a lead, starts a 线索核查 from it and dismisses another', async ({ page, base }) => {
    const { user, target, other } = await districtWithAlerts(base)
    await uiLogin(page, user, DEMO_PASSWORD)
    await expectVisible(page, '[data-testid="menu-group-supervision"]', '监督管理 in the menu')
    const first = listAnswer(page)
    await page.locator('[data-testid="menu-supervision-alerts"]:has-text("计量作弊线索")').click()
    await first
    await expectVisible(page, '[data-testid="alerts"]', '计量作弊线索 page')
    if (new URL(page.url()).pathname !== '/supervision/alerts') throw new Error(`at ${new URL(page.url()).pathname}`)
    await settled(page)

    // its district's alerts only, as the API lists them (待处理 by default)
    const me = await apiGet(page, '/me')
    const mine = new Set(me.scope.region_codes)
    const listed = await apiGet(page, '/alerts?status=open&page=1&page_size=20')
    if (listed.items.some((a) => !mine.has(a.region_code))) throw new Error(`alerts outside ${[...mine].join(',')}: ${listed.items.map((a) => a.region_code).join(',')}`)
    const shownIds = await page.locator('[data-testid^="al-eq-"]').evaluateAll((els) => els.map((e) => Number(e.dataset.testid.slice('al-eq-'.length))))
    const apiIds = listed.items.map((a) => a.id)
    if (JSON.stringify(shownIds) !== JSON.stringify(apiIds)) throw new Error(`the table lists ${shownIds.join(',')}, the API ${apiIds.join(',')}`)
    if ((await page.locator('[data-testid="al-region"]').count()) > 0) throw new Error('a district bureau is offered the district filter')
    const regionNames = new Set(listed.items.map((a) => a.region_name))
    const cells = (await page.locator('[data-testid="al-table"] .el-table__body tr td:nth-child(3)').allTextContents()).map((s) => s.trim())
    if (cells.some((c) => !regionNames.has(c))) throw new Error(`所在辖区 column ${JSON.stringify([...new Set(cells)])}, the API ${JSON.stringify([...regionNames])}`)
    const statuses = (await page.locator('[data-testid^="al-status-"]').allTextContents()).map((s) => s.trim())
    if (statuses.some((s) => s !== '待处理')) throw new Error(`statuses ${JSON.stringify([...new Set(statuses)])} in the default list`)
    await noRawText(page, '计量作弊线索')
    await shot(page, 'alerts-list-1440.png')
    await phone(page, 'alerts')
    await noRawText(page, '计量作弊线索 at 390 px')
    await shot(page, 'alerts-list-390.png')
    await desktop(page)

    // one lead: its rule in words, the evidence under Chinese labels, the order as reported
    await page.goto(`/supervision/alerts/${target.id}`)
    await expectVisible(page, '[data-testid="alert-detail"] [data-testid="ad-title"]', '线索详情')
    await settled(page)
    const detail = await apiGet(page, `/alerts/${target.id}`)
    const title = (await page.locator('[data-testid="ad-title"]').innerText()).trim()
    if (!/[\u4e00-\u9fff]/.test(title) || title.includes(detail.rule)) throw new Error(`the title says "${title}"`)
    await expectVisible(page, `[data-testid="ad-equipment"]:has-text("${detail.equipment_id}")`, 'the charger')
    if (detail.evidence.length) {
      const labels = (await page.locator('[data-testid="ad-evidence"] .el-descriptions__label').allTextContents()).map((s) => s.trim())
      if (labels.length !== detail.evidence.length) throw new Error(`${labels.length} evidence lines shown, ${detail.evidence.length} in the API`)
      const notChinese = labels.filter((l) => !/^[\u4e00-\u9fff]/.test(l))
      if (notChinese.length) throw new Error(`evidence labels not in Chinese: ${notChinese.join(', ')}`)
      const text = await page.evaluate(() => document.body.innerText)
      const raw = detail.evidence.map(([k]) => k).filter((k) => /[A-Za-z_]/.test(k) && text.includes(k))
      if (raw.length) throw new Error(`evidence keys on the page: ${raw.join(', ')}`)
    }
    if (detail.order) await expectVisible(page, '[data-testid="ad-order"]', 'the order as reported')
    await expectVisible(page, '[data-testid="ad-status"]:has-text("待处理")', 'the status 待处理')
    await noRawText(page, '线索详情')
    await shot(page, 'alerts-detail-1440.png')
    await phone(page, 'alert-detail')
    await noRawText(page, '线索详情 at 390 px')
    await shot(page, 'alerts-detail-390.png')
    await desktop(page)

    // 发起核查: the first item, today, the default name
    await page.locator('[data-testid="ad-inspect"]').click()
    await expectVisible(page, '[data-testid="ti-dialog"]', '发起核查 dialog')
    await expectVisible(page, `[data-testid="ti-facts"]:has-text("${detail.org_name}")`, 'the enterprise in the dialog')
    const name = await page.locator('[data-testid="ti-name"]').inputValue()
    if (!name.startsWith('线索核查：')) throw new Error(`default task name "${name}"`)
    await page.locator('[data-testid="ti-item"]').click()
    const option = page.locator('.el-select-dropdown__item:visible').first()
    await option.waitFor({ state: 'visible' })
    await option.click()
    await noRawText(page, '发起核查 dialog')
    await shot(page, 'alerts-inspect-1440.png')
    const made = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/v1/alerts/${target.id}/inspection` && r.request().method() === 'POST')
    await page.locator('[data-testid="ti-submit"]').click()
    const res = await made
    if (res.status() !== 200 && res.status() !== 201) throw new Error(`POST /alerts/${target.id}/inspection answered ${res.status()}: ${await res.text()}`)
    const { task_id: taskId } = await res.json()
    await expectMessage(page, '已发起线索核查')
    await expectVisible(page, '[data-testid="ti-created"]', 'the task made')
    await page.locator('[data-testid="ti-open-task"]').click()
    await page.waitForURL((u) => u.pathname === `/supervision/inspection/tasks/${taskId}`)
    await expectVisible(page, '[data-testid="it-targeted"]:has-text("线索核查")', 'the tag 线索核查 on the task')
    await expectVisible(page, `[data-testid="it-target-org"]:has-text("${detail.org_name}")`, '核查对象')
    const basis = (await page.locator('[data-testid="it-basis"]').innerText()).trim()
    if (!basis || basis === '—') throw new Error('the task shows no 核查依据')
    await expectVisible(page, '[data-testid="it-status"]:has-text("待抽取")', 'the task to draw')
    await noRawText(page, 'the 线索核查 task')
    await shot(page, 'alerts-task-1440.png')

    // the lead is now under inspection, with the link to its task
    await page.goto(`/supervision/alerts/${target.id}`)
    await expectVisible(page, '[data-testid="ad-status"]:has-text("已立案核查")', 'the status 已立案核查')
    await expectVisible(page, `[data-testid="ad-task-link"][href="/supervision/inspection/tasks/${taskId}"]`, 'the link to the task')

    // 排除 another from the list, with a reason
    const back = listAnswer(page)
    await page.goto('/supervision/alerts')
    await back
    await settled(page)
    if ((await page.locator(`[data-testid="al-eq-${other.id}"]`).count()) === 0) {
      const found = listAnswer(page)
      await fill(page, 'al-q', other.start_charge_seq)
      await page.locator('[data-testid="al-search"]').click()
      await found
      await settled(page)
    }
    await tick(page, other.id)
    await expectVisible(page, '[data-testid="al-selected"]:has-text("已选 1 条")', 'one ticked')
    await page.locator('[data-testid="al-dismiss"]').click()
    await expectVisible(page, '[data-testid="al-dismiss-dialog"]', '排除 dialog')
    await fill(page, 'al-dismiss-dialog-reason', DISMISS_REASON)
    await shot(page, 'alerts-dismiss-1440.png')
    const dismissed = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/alerts/dismiss' && r.request().method() === 'POST')
    await page.locator('[data-testid="al-dismiss-dialog-submit"]').click()
    const d = await dismissed
    if (d.status() !== 200) throw new Error(`POST /alerts/dismiss answered ${d.status()}: ${await d.text()}`)
    const sent = JSON.parse(d.request().postData() ?? '{}')
    if (JSON.stringify(sent.ids) !== JSON.stringify([other.id]) || sent.reason !== DISMISS_REASON) throw new Error(`POST /alerts/dismiss sent ${JSON.stringify(sent)}`)
    await expectMessage(page, '已排除 1 条线索')

    // shown as 已排除 once the status filter says so
    const filtered = listAnswer(page)
    await choose(page, 'al-status', '已排除')
    await filtered
    await page.waitForURL((u) => u.searchParams.get('status') === 'dismissed')
    await settled(page)
    const narrowed = listAnswer(page)
    await fill(page, 'al-q', other.start_charge_seq)
    await page.locator('[data-testid="al-search"]').click()
    await narrowed
    await settled(page)
    await expectVisible(page, `[data-testid="al-status-${other.id}"]:has-text("已排除")`, 'the dismissed lead tagged 已排除')
    if ((await page.locator(`[data-testid="al-eq-${target.id}"]`).count()) > 0) throw new Error('the lead under inspection is listed as dismissed')
    await noRawText(page, '已排除 filter')
    await page.goto(`/supervision/alerts/${other.id}`)
    await expectVisible(page, `[data-testid="ad-dismissed"]:has-text("${DISMISS_REASON}")`, 'the reason on the dismissed lead')
  })

  test("alerts: the administrator rotates an operator's secrets in 平台对接 and sees new values that work, then disables and enables it", async ({ page, base }) => {
    await uiLogin(page, ADMIN.username, ADMIN.password)
    await page.locator('[data-testid="menu-admin-tcec-operators"]:has-text("平台对接")').click()
    await expectVisible(page, '[data-testid="tcec-operators"]', '平台对接 page')
    await settled(page)
    let operatorId = null
    for (const id of OPERATORS) {
      if ((await page.locator(`[data-testid="tcec-row-${id}"]`).count()) > 0) {
        operatorId = id
        break
      }
    }
    if (!operatorId) throw new Error(`none of ${OPERATORS.join(', ')} in 平台对接`)
    await expectVisible(page, `[data-testid="tcec-status-${operatorId}"]:has-text("启用中")`, 'the status 启用中')

    // 轮换密钥, confirmed
    await page.locator(`[data-testid="tcec-rotate-${operatorId}"]`).click()
    await expectVisible(page, '.el-message-box:has-text("轮换后原密钥立即失效，需将新密钥交给对方平台")', 'the confirmation')
    const rotated = page.waitForResponse((r) => r.url().endsWith('/rotate') && r.request().method() === 'POST')
    await page.locator('.el-message-box__btns .el-button--primary').click()
    const r = await rotated
    if (r.status() !== 200) throw new Error(`POST …/rotate answered ${r.status()}: ${await r.text()}`)
    await expectVisible(page, '[data-testid="tcec-secrets"]:has-text("新的对接密钥")', 'the new secrets dialog')
    await expectVisible(page, '[data-testid="tcec-secrets-warning"]:has-text("密钥仅显示这一次")', 'the warning')
    const values = {}
    for (const f of ['operator_id', ...SECRET_FIELDS]) values[f] = (await page.locator(`[data-testid="tcec-secret-${f}"]`).textContent()).trim()
    if (values.operator_id !== operatorId) throw new Error(`运营商标识 ${values.operator_id}, expected ${operatorId}`)
    for (const f of SECRET_FIELDS) if (!/^[\x21-\x7e]{16}$/.test(values[f])) throw new Error(`${f} shown as "${values[f]}"`)
    const answered = await r.json()
    for (const f of SECRET_FIELDS) if (answered[f] !== values[f]) throw new Error(`${f} shown differs from the answer`)
    await noRawText(page, 'the new secrets dialog')
    await shot(page, 'alerts-tcec-rotated-1440.png')
    const listed = page.waitForResponse((x) => x.url().endsWith('/api/v1/admin/tcec-operators') && x.request().method() === 'GET')
    await page.locator('[data-testid="tcec-secrets-close"]').click()
    await listed
    if ((await page.evaluate(() => document.body.innerText)).includes(values.sig_secret)) throw new Error('a secret is still on the page')

    // the new values work: the operator's platform takes a token with them
    const token = await tcecClient(base, values)('query_token', { OperatorID: values.operator_id, OperatorSecret: values.operator_secret })
    if (token.SuccStat !== 0 || !token.AccessToken) throw new Error(`query_token with the new secrets: ${JSON.stringify(token)}`)

    // 停用 (confirmed), then 启用
    await page.locator(`[data-testid="tcec-disable-${operatorId}"]`).click()
    await expectVisible(page, '.el-message-box:has-text("停用后")', 'the confirmation of 停用')
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await expectVisible(page, `[data-testid="tcec-status-${operatorId}"]:has-text("已停用")`, 'the status 已停用')
    await noRawText(page, '平台对接 with a disabled account')
    await page.locator(`[data-testid="tcec-enable-${operatorId}"]`).click()
    await expectVisible(page, `[data-testid="tcec-status-${operatorId}"]:has-text("启用中")`, 'the status 启用中 again')
    await expectMessage(page, '已启用对接')
  })
}
