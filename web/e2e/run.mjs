// Browser end-to-end tests of the web UI against a real mvis server.
//
//   MVIS_BIN=../build/mvis npm run e2e      (after `npm run build`)
//
// Starts `mvis serve` on a throwaway SQLite database and a free port, drives Debian's chromium
// with playwright-core, prints `✓ name` / `✗ name: error` per scenario and a closing
// `N passed, M failed` line. Screenshots of failures go to e2e/out/, and so do those of the
// filing pages (form, review queue, detail timeline). E2E_SCREENSHOTS=1 also keeps screenshots
// of the registration and home pages there; E2E_ONLY=text runs only the scenarios whose name
// contains it. Filing scenarios: e2e/filing.mjs; batch import:
// e2e/imports.mjs (screenshots import-*.png); password reset (忘记密码): e2e/passwordReset.mjs;
// the verification loop across roles on the `mvis demo` data, with the label's QR code and the
// public check page: e2e/verification.mjs (screenshots verification-*.png, public-page*.png;
// needs pdftoppm and zbarimg); time to the first data row of 我的器具 and 备案审核: e2e/perf.mjs
// (E2E_ONLY=perf, E2E_PERF_RUNS=n timed navigations each, default 5);
// the page frame (breadcrumb, tags view, lists at 1366 px, empty-list
// guidance, footer, print stylesheet): e2e/layout.mjs (E2E_SCREENSHOTS=1 keeps layout-*.png);
// 通知公告 from the city bureau to the enterprises of one district, read, withdrawn:
// e2e/announcements.mjs (E2E_SCREENSHOTS=1 keeps announcements-*.png).
// sampling verification plans (抽样检定: plan, draw with a typed seed, replay, redraw, the
// institute's view, 390 px; then 下发检定任务, 举一反三, a sampled unit marked 不具备检定条件 and
// another recorded 不合格 and signed, the 抽检分析报告 PDF and Excel): e2e/sampling.mjs
// (E2E_SCREENSHOTS=1 keeps sampling-*.png, sampling-exec-*.png; needs pdftoppm and pdftotext);
// the failure's rectification order (整改通知: the enterprise answers on a phone, 江岸区 returns it,
// accepts the second answer; 洪山区 does not see it): e2e/rectification.mjs, after the sampling
// scenarios whose state it takes (E2E_ONLY=sampling runs both; E2E_SCREENSHOTS=1 keeps
// rectification-*.png).
// 信用风险分类 in 企业档案 (read, 重新计算, 调整 to D, 取消调整, 390 px): e2e/credit.mjs
// (E2E_SCREENSHOTS=1 keeps credit-*.png).
// 双随机一公开 on the demo's draft task of 江汉区: 抽取 with a generated seed and 复核抽取, both officers'
// on-site records and signatures on 390 px phones (a finding with a photo, 责令改正), the enterprise's
// answer to the order, 公示结果, the result under 信息公示 without signing in, and the other inspection
// pages (no raw text, 390 px): e2e/inspection.mjs (E2E_ONLY=inspection; E2E_SCREENSHOTS=1 keeps
// inspection-*.png).
// 统计分析 (KPI cards against the API, the district chart at 1440 and 390 px, a bar clicked through to
// 备案审核), 发改委验收 from an uploaded .xlsx (verdict, evidence PDF's QR code to the public /ac/ page)
// and the public lookup: e2e/statistics.mjs (E2E_ONLY=statistics; E2E_SCREENSHOTS=1 keeps statistics-*.png).
// 年度工作报告 (江岸区 writes and submits, the city bureau returns it, 江岸区 resubmits, the city accepts: the
// frozen figures against the API, 全市汇总, the PDF's page 1 through pdftoppm and the Excel), 重大问题上报
// with an attachment acknowledged by the city bureau, and a 通报 the city DRC reads: e2e/annual_reports.mjs
// (E2E_ONLY=annual; E2E_SCREENSHOTS=1 keeps annual-*.png; needs pdftoppm).
// 检定统计分析 (the institute's cards against the API at 1440 and 390 px, 首页, the PDF's page 1 and the
// Excel, the city bureau's institute picker), 工作节点 (the city bureau creates, changes and withdraws
// one; 统计分析 shows each district's bar as the API colours it, 江岸区 only its own) and the 30天内到期
// card opening 备案审核 with `due_days=30` (total against the API, the tag, the export, a 用途 link):
// e2e/institute_milestones.mjs (E2E_ONLY=institute-report; E2E_SCREENSHOTS=1 keeps institute-*.png and
// milestone-*.png; needs pdftoppm).
// 计量数据验签 without signing in (a published OCMF record and key → 验签通过 with its two readings; one
// reading altered → 验签未通过; 1440 and 390 px; the links to and from 公众查询): e2e/ocmf.mjs
// (E2E_ONLY=ocmf; E2E_SCREENSHOTS=1 keeps ocmf-*.png, in E2E_OCMF_SHOTS when set).
// 平台对接 (the administrator opens the T/CEC exchange for an enterprise, the five values once, the
// values then used as the operator's platform) and 在用未备案核查 (江岸区's three tabs against the API,
// the city bureau's district filter), 1440 and 390 px: e2e/exchange.mjs (E2E_ONLY=reconciliation;
// E2E_SCREENSHOTS=1 keeps exchange-*.png, in E2E_EXCHANGE_SHOTS when set).
// 计量作弊线索 (the district bureau with alerts reads one, starts a 线索核查 from it and follows it to the
// task, dismisses another; 1440 and 390 px) and 轮换密钥 / 停用 / 启用 in 平台对接, after the exchange
// scenarios: e2e/alerts.mjs (E2E_ONLY=alerts; E2E_SCREENSHOTS=1 keeps alerts-*.png, in E2E_ALERTS_SHOTS when set).
// 监管平台数据同步 (the administrator configures mvis's access to the city's charging platform — a bad
// address refused under its field, the secrets write-only — and pulls now from tests/fake_platform/
// platform.mjs: 同步记录 with its pages, stations, chargers and the skipped unknown OperatorID; the
// enterprise listed as 仅平台同步; 江岸区 sees the pulled chargers in 在用未备案), 1440 and 390 px:
// e2e/platformPull.mjs (E2E_ONLY=platform; E2E_SCREENSHOTS=1 keeps platform-*.png, in
// E2E_PLATFORM_SHOTS when set).
import { spawn, execFileSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { creditCode, randomChars, randomPhone } from './util.mjs'
import { registerFilingScenarios } from './filing.mjs'
import { registerImportScenarios } from './imports.mjs'
import { registerPasswordResetScenarios } from './passwordReset.mjs'
import { registerVerificationScenarios } from './verification.mjs'
import { registerRawTextScenarios } from './rawText.mjs'
import { registerPerfScenarios } from './perf.mjs'
import { registerLayoutScenarios } from './layout.mjs'
import { registerAnnouncementScenarios } from './announcements.mjs'
import { registerSamplingScenarios } from './sampling.mjs'
import { registerCreditScenarios } from './credit.mjs'
import { registerRectificationScenarios } from './rectification.mjs'
import { registerInspectionScenarios } from './inspection.mjs'
import { registerStatisticsScenarios } from './statistics.mjs'
import { registerAnnualReportScenarios } from './annual_reports.mjs'
import { registerInstituteMilestoneScenarios } from './institute_milestones.mjs'
import { registerOcmfScenarios } from './ocmf.mjs'
import { registerExchangeScenarios } from './exchange.mjs'
import { registerAlertScenarios } from './alerts.mjs'
import { registerPlatformPullScenarios } from './platformPull.mjs'

// The users are in China, and so is the server's "today": Node's and Chromium's local time is
// China's too, so that a date the UI computes, one a scenario expects and one the server counts
// from are the same day whatever the machine's zone (from 16:00 to 24:00 UTC they differ).
process.env.TZ = 'Asia/Shanghai'

const WEB = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const OUT = join(WEB, 'e2e', 'out')
const BIN = resolve(WEB, process.env.MVIS_BIN ?? '../build/mvis')
const DIST = join(WEB, 'dist')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const ADMIN = { username: 'admin', password: 'Adm1n!Passw0rd#' }
const TOTAL_TIMEOUT_MS = 18 * 60_000 // the whole suite takes about 10 min on the shared 2-core VM
const STEP_TIMEOUT_MS = 15_000
const SCREENSHOTS = process.env.E2E_SCREENSHOTS === '1'
const ONLY = process.env.E2E_ONLY ?? '' // run only the scenarios whose name contains this

function fail(msg) {
  console.error(`e2e: ${msg}`)
  console.log('0 passed, 1 failed')
  process.exit(2)
}

if (!existsSync(BIN)) fail(`server binary not found: ${BIN} (build it, or set MVIS_BIN)`)
if (!existsSync(join(DIST, 'index.html'))) fail(`${DIST}/index.html missing: run \`npm run build\` first`)
if (!existsSync(CHROMIUM)) fail(`chromium not found at ${CHROMIUM}`)
mkdirSync(OUT, { recursive: true })

// ---------------------------------------------------------------- server
const tmp = mkdtempSync(join(tmpdir(), 'mvis-e2e-'))
const db = `sqlite:${join(tmp, 'e2e.db')}`
let server = null
let browser = null

function run(args, input) {
  execFileSync(BIN, args, { input, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], timeout: 60_000 })
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer()
    s.unref()
    s.on('error', rej)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => res(port))
    })
  })
}

async function waitHealthy(base, ms) {
  const until = Date.now() + ms
  let last = ''
  while (Date.now() < until) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`)
    try {
      const r = await fetch(`${base}/healthz`)
      if (r.status === 200) return
      last = `status ${r.status}`
    } catch (e) {
      last = e.message
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`server not healthy after ${ms} ms (${last})`)
}

async function cleanup() {
  try {
    await browser?.close()
  } catch {
    // already gone
  }
  if (server && server.exitCode === null) {
    server.kill('SIGTERM')
    await Promise.race([new Promise((r) => server.once('exit', r)), new Promise((r) => setTimeout(r, 3000))])
    if (server.exitCode === null) server.kill('SIGKILL')
  }
  rmSync(tmp, { recursive: true, force: true })
}

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    cleanup().finally(() => process.exit(130))
  })
}
const watchdog = setTimeout(() => {
  console.error(`e2e: overall timeout of ${TOTAL_TIMEOUT_MS / 1000} s`)
  console.log('0 passed, 1 failed')
  cleanup().finally(() => process.exit(1))
}, TOTAL_TIMEOUT_MS)
watchdog.unref()

// ---------------------------------------------------------------- helpers
/** Admin API session from node: cookie + CSRF token. */
async function apiLogin(base, username, password) {
  const r = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  })
  if (r.status !== 200) throw new Error(`API login as ${username}: HTTP ${r.status} ${await r.text()}`)
  const cookie = r.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const me = await r.json()
  return { cookie, csrf: me.csrf_token }
}

/** The server's standard output, line by line (the `log` SMS provider writes texts there). */
const serverLines = []

/**
 * The one-time code of the newest SMS to `phone`, as a `make demo` user reads it: the `log` SMS
 * provider writes the whole text to the server's log (the outbox keeps it starred out).
 */
async function smsCodeFor(base, phone) {
  const to = `to ${phone.slice(0, 3)}****${phone.slice(-4)} (log provider`
  const until = Date.now() + 10_000
  while (Date.now() < until) {
    for (let i = serverLines.length - 1; i >= 0; i--) {
      const m = serverLines[i].includes(to) && serverLines[i].match(/验证码为(\d{6})/)
      if (m) return m[1]
    }
    await new Promise((res) => setTimeout(res, 200))
  }
  throw new Error(`no SMS code for ${phone} in the server log (${base})`)
}

/** The <input> of an Element Plus input (data-testid lands on the input or on a wrapper). */
async function input(page, testid) {
  const loc = page.locator(`[data-testid="${testid}"]`).first()
  const tag = await loc.evaluate((e) => e.tagName)
  return tag === 'INPUT' || tag === 'TEXTAREA' ? loc : loc.locator('input').first()
}

async function fill(page, testid, value) {
  await (await input(page, testid)).fill(value)
}

/** Open an Element Plus select and pick the visible option containing `text`. */
async function choose(page, testid, text, typed) {
  const sel = page.locator(`[data-testid="${testid}"]`).first()
  await sel.click()
  if (typed !== undefined) await sel.locator('input').first().fill(typed)
  const opt = page.locator('.el-select-dropdown__item:visible', { hasText: text }).first()
  await opt.waitFor({ state: 'visible' })
  await opt.click()
}

async function expectVisible(page, selector, what) {
  try {
    await page.locator(selector).first().waitFor({ state: 'visible' })
  } catch {
    throw new Error(`${what ?? selector} not shown (at ${new URL(page.url()).pathname})`)
  }
}

async function expectMessage(page, text) {
  await expectVisible(page, `.el-message:has-text("${text}")`, `notice "${text}"`)
}

async function uiLogin(page, username, password) {
  await page.goto('/login')
  await fill(page, 'login-username', username)
  await fill(page, 'login-password', password)
  await page.locator('[data-testid="login-submit"]').click()
  await expectVisible(page, '[data-testid="home"]', 'home page after login')
}

// ---------------------------------------------------------------- scenarios
const state = {}
const tests = []
const test = (name, fn) => tests.push({ name, fn })

test('enterprise registers through the UI and signs in', async ({ page, base }) => {
  const suffix = randomChars(4)
  const ent = {
    creditCode: creditCode(`91420100${randomChars(9)}`),
    orgName: `E2E充电运营有限公司${suffix}`,
    phone: randomPhone(),
    username: `ent_${suffix.toLowerCase()}_${Date.now() % 100000}`,
    password: 'Ent3rprise!Pass',
  }
  await page.goto('/register')
  await fill(page, 'reg-credit-code', ent.creditCode)
  await fill(page, 'reg-org-name', ent.orgName)
  await choose(page, 'reg-region', '江汉区')
  await fill(page, 'reg-address', '武汉市江汉区建设大道1号')
  await fill(page, 'reg-contact', '张三')
  await fill(page, 'reg-phone', ent.phone)
  await page.locator('[data-testid="sms-send"]').click()
  const btn = page.locator('[data-testid="sms-send"]')
  await page.waitForFunction(
    (el) => /\d+秒后重新获取/.test(el.textContent ?? '') && el.disabled,
    await btn.elementHandle(),
  )
  const code = await smsCodeFor(base, ent.phone)
  await fill(page, 'reg-sms-code', code)
  await fill(page, 'reg-username', ent.username)
  await fill(page, 'reg-password', ent.password)
  await fill(page, 'reg-confirm', ent.password)
  // The optional 营业执照 and the consent to 用户协议 / 隐私政策 (read in a dialog, agreed there).
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64')
  await page.locator('[data-testid="reg-license"] input[type=file]').setInputFiles({ name: '营业执照.png', mimeType: 'image/png', buffer: png })
  await page.locator('[data-testid="reg-submit"]').click()
  await page.locator('.el-form-item__error:has-text("请阅读并同意《用户协议》和《隐私政策》")').waitFor()
  await page.locator('[data-testid="reg-read-privacy"]').click()
  await page.locator('[data-testid="agreement-dialog"]:has-text("隐私政策")').waitFor()
  if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'register-privacy.png') })
  await page.locator('[data-testid="agreement-dialog"] .el-dialog__footer button').click()
  if (!(await page.locator('[data-testid="reg-agree"] input').isChecked())) throw new Error('agreeing in the dialog did not tick 我已阅读并同意')
  if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'register.png'), fullPage: true })
  await page.locator('[data-testid="reg-submit"]').click()
  await expectMessage(page, '注册成功，营业执照已上传')
  await page.waitForURL((u) => u.pathname === '/login')
  state.enterprise = ent

  await uiLogin(page, ent.username, ent.password)
  const licence = await page.evaluate(async () => {
    const me = await (await fetch('/api/v1/me')).json()
    return (await fetch(`/api/v1/orgs/${me.org.id}/license`)).headers.get('content-type')
  })
  if (licence !== 'image/png') throw new Error(`the uploaded 营业执照 answers ${licence}, expected image/png`)
  const org = (await page.locator('[data-testid="header-org"]').textContent())?.trim()
  if (org !== ent.orgName) throw new Error(`header shows organisation "${org}", expected "${ent.orgName}"`)
  await expectVisible(page, '[data-testid="card-todo-unread_messages"]', '首页 cards')
  await expectVisible(page, '[data-testid="app-title"]:has-text("强制检定计量器具管理信息系统")', 'app title')
  if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'home-enterprise.png'), fullPage: true })
})

test('a wrong password is refused', async ({ page }) => {
  await page.goto('/login')
  await fill(page, 'login-username', state.enterprise?.username ?? ADMIN.username)
  await fill(page, 'login-password', 'Wrong-Passw0rd!')
  await page.locator('[data-testid="login-submit"]').click()
  await expectVisible(page, '[data-testid="login-error"]', 'login error')
  const text = await page.locator('[data-testid="login-error"]').textContent()
  if (!/用户名或密码错误/.test(text ?? '')) throw new Error(`login error says "${text}"`)
  await page.waitForTimeout(300)
  const path = new URL(page.url()).pathname
  if (path !== '/login') throw new Error(`navigated to ${path}`)
})

test('the enterprise cannot open a sysadmin page', async ({ page }) => {
  if (!state.enterprise) throw new Error('needs the enterprise registered by the first scenario')
  await uiLogin(page, state.enterprise.username, state.enterprise.password)
  await page.goto('/admin/users')
  await expectVisible(page, '[data-testid="page-403"]', '403 page')
  await expectVisible(page, '[data-testid="page-403"]:has-text("无权访问")', '无权访问')
  await expectVisible(page, '[data-testid="side-menu"]', 'side menu')
  if ((await page.locator('[data-testid="users"]').count()) > 0) throw new Error('the users page rendered')
  for (const r of ['admin-users', 'admin-orgs', 'admin-notifications', 'admin-audit']) {
    if ((await page.locator(`[data-testid="menu-${r}"]`).count()) > 0) throw new Error(`menu item ${r} shown`)
  }
  const res = await page.request.get('/api/v1/admin/users')
  if (res.status() !== 403) throw new Error(`GET /api/v1/admin/users answered ${res.status()}, expected 403`)
})

test('sysadmin creates an organisation and a user', async ({ page }) => {
  const suffix = randomChars(5)
  const orgName = `E2E计量检测所${suffix}`
  const username = `e2e_inst_${suffix.toLowerCase()}`
  await uiLogin(page, ADMIN.username, ADMIN.password)
  for (const r of ['admin-orgs', 'admin-users', 'admin-notifications', 'admin-audit', 'inbox']) {
    await expectVisible(page, `[data-testid="menu-${r}"]`, `menu item ${r}`)
  }
  await page.locator('[data-testid="menu-admin-orgs"]').click()
  await expectVisible(page, '[data-testid="orgs-table"]', 'orgs table')
  await page.locator('[data-testid="orgs-create"]').click()
  await expectVisible(page, '[data-testid="org-name"]', 'org dialog')
  await choose(page, 'org-kind', '计量技术机构')
  await fill(page, 'org-name', orgName)
  await choose(page, 'org-region', '洪山区')
  await page.locator('[data-testid="org-submit"]').click()
  await expectMessage(page, '机构已创建')
  await expectVisible(page, `[data-testid="orgs-table"] .el-table__row:has-text("${orgName}")`, 'new org row')

  await page.locator('[data-testid="menu-admin-users"]').click()
  await expectVisible(page, '[data-testid="users-table"]', 'users table')
  await page.locator('[data-testid="users-create"]').click()
  await expectVisible(page, '[data-testid="user-username"]', 'user dialog')
  await fill(page, 'user-username', username)
  await fill(page, 'user-password', 'Inst1tute!Pass')
  await choose(page, 'user-role', '计量技术机构')
  await choose(page, 'user-org', orgName, orgName)
  await choose(page, 'user-duties', '检定员')
  await page.keyboard.press('Escape')
  await fill(page, 'user-display-name', '李检定')
  await fill(page, 'user-phone', randomPhone())
  await page.locator('[data-testid="user-submit"]').click()
  await expectMessage(page, '用户已创建')
  await fill(page, 'users-q', username)
  await page.locator('[data-testid="users-search"]').click()
  const row = `[data-testid="users-table"] .el-table__row:has-text("${username}")`
  await expectVisible(page, row, 'new user row')
  await expectVisible(page, `${row}:has-text("${orgName}")`, 'org name in the user row')
  if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'admin-users.png'), fullPage: true })
})

registerFilingScenarios(test, { fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT })
registerImportScenarios(test, { fill, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT })
registerPasswordResetScenarios(test, { fill, expectVisible, expectMessage, uiLogin, apiLogin, smsCodeFor, ADMIN, OUT })
registerVerificationScenarios(test, { fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, OUT })
registerRawTextScenarios(test, { uiLogin, ADMIN, OUT, SCREENSHOTS })
registerPerfScenarios(test, { uiLogin, STEP_TIMEOUT_MS })
registerLayoutScenarios(test, { expectVisible, apiLogin, ADMIN, OUT, SCREENSHOTS })
registerAnnouncementScenarios(test, { fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT, SCREENSHOTS })
const sampling = registerSamplingScenarios(test, { fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS })
registerRectificationScenarios(test, { fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS, sampling })
registerCreditScenarios(test, { fill, choose, expectVisible, expectMessage, uiLogin, OUT, SCREENSHOTS })
registerInspectionScenarios(test, { fill, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT, SCREENSHOTS })
registerStatisticsScenarios(test, { fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS })
registerAnnualReportScenarios(test, { fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS })
registerInstituteMilestoneScenarios(test, { fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS })
registerOcmfScenarios(test, { fill, expectVisible, OUT, SCREENSHOTS })
registerExchangeScenarios(test, { fill, choose, expectVisible, uiLogin, ADMIN, OUT, SCREENSHOTS })
registerAlertScenarios(test, { fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT, SCREENSHOTS })
registerPlatformPullScenarios(test, { fill, expectVisible, uiLogin, ADMIN, OUT, SCREENSHOTS })

// ---------------------------------------------------------------- main
let passed = 0
let failed = 0
const logPath = join(OUT, 'server.log')
try {
  run(['migrate', '--db', db])
  run(['user', 'add', '--db', db, '--username', ADMIN.username, '--role', 'sysadmin', '--password-stdin'], ADMIN.password)
  run(['demo', '--db', db]) // demo organisations, accounts and data: e2e/verification.mjs signs in as them
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const log = createWriteStream(logPath)
  server = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web', DIST], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout.pipe(log)
  server.stderr.pipe(log)
  let partial = ''
  server.stdout.on('data', (chunk) => {
    const lines = (partial + chunk.toString('utf8')).split('\n')
    partial = lines.pop()
    serverLines.push(...lines)
  })
  await waitHealthy(base, 20_000)

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, TZ: 'Asia/Shanghai' },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic', '--disable-sync'],
  })
  for (const t of ONLY ? tests.filter((x) => x.name.includes(ONLY)) : tests) {
    const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    context.setDefaultTimeout(STEP_TIMEOUT_MS)
    const page = await context.newPage()
    try {
      await t.fn({ page, base, browser })
      passed++
      console.log(`✓ ${t.name}`)
    } catch (e) {
      failed++
      console.log(`✗ ${t.name}: ${(e?.message ?? String(e)).split('\n')[0]}`)
      const shot = join(OUT, `${t.name.replace(/[^\w]+/g, '-')}.png`)
      await page.screenshot({ path: shot, fullPage: true }).catch(() => undefined)
      console.log(`  screenshot: ${shot}`)
    } finally {
      await context.close()
    }
  }
} catch (e) {
  failed++
  console.log(`✗ setup: ${e?.message ?? e}`)
  if (existsSync(logPath)) console.log(readFileSync(logPath, 'utf8').split('\n').slice(-20).join('\n'))
} finally {
  await cleanup()
}
if (failed > 0 && existsSync(logPath)) console.log(`server log: ${logPath}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 ? 1 : 0)
