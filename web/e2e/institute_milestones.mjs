// Browser scenarios of the reporting pages, part 2, on the `mvis demo` data. 检定统计分析: the
// institute's approver (`approver`) opens it from the menu — the cards equal GET /institute-report,
// the charts drawn, no raw keys at 1440 and 390 px (nothing wider than the phone), the 首页 block
// with the same totals; the PDF through the API renders its page 1 with pdftoppm, the Excel is a
// workbook, the page's PDF button downloads; the city bureau (`city`) sees the first institute picked
// and the same totals. 工作节点: `city` creates one (在用充电桩检定有效率, 100%, due in 30 days) on its
// page, changes its target, sees it on 统计分析 with every district (bars coloured as the API says, a
// district opening 备案审核), `jiangan` sees only 江岸区 there; the city withdraws it. The 30天内到期
// card opens 备案审核 with `due_days=30`, whose total equals GET /instruments?verification=due_soon&
// due_days=30 for that user, shows the removable 30天内到期 tag and keeps the window in the export;
// a `use` link shows its 用途. E2E_SCREENSHOTS=1 keeps institute-*.png and milestone-*.png; needs
// pdftoppm. Registered by run.mjs with its page helpers (E2E_ONLY=institute-report runs them: every
// scenario name starts with "institute-report & milestones").
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { rawFragments } from './rawText.mjs'
import { DEMO_PASSWORD } from './verification.mjs'

const JIANGAN = '420102'
const NUMBER = new Intl.NumberFormat('en-US')
const PREFIX = 'institute-report & milestones'

/** YYYY-MM-DD of the day `days` from today (local time, as the UI computes it). */
function dayFromToday(days) {
  const d = new Date()
  d.setDate(d.getDate() + days)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

/** A rate as the cards show it: "77.78%", "—" with nothing to divide by. */
function rate(n, d) {
  return d > 0 ? `${Number(((n / d) * 100).toFixed(2))}%` : '—'
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS
 */
export function registerInstituteMilestoneScenarios(test, h) {
  const { fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS } = h
  const s = {}

  // ---------------------------------------------------------------- helpers

  /** A signed-in page of `user` in its own browser context; closed after `fn`. Failures keep its screen. */
  async function as(browser, base, user, fn, viewport = { width: 1440, height: 900 }) {
    const ctx = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport })
    ctx.setDefaultTimeout(15_000)
    const page = await ctx.newPage()
    try {
      await uiLogin(page, user, DEMO_PASSWORD)
      return await fn(page)
    } catch (e) {
      await page.screenshot({ path: join(OUT, `institute-failed-${user}-${viewport.width}.png`), fullPage: true }).catch(() => undefined)
      throw e
    } finally {
      await ctx.close()
    }
  }

  /** Waits until `testid` is shown and no loading mask is. */
  async function settled(page, testid) {
    if (testid) await expectVisible(page, `[data-testid="${testid}"]`, testid)
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((e) => e.getClientRects().length > 0))
  }

  async function noRawText(page, where) {
    await settled(page)
    const bad = rawFragments(await page.locator('.el-main').first().innerText())
    if (bad.length) throw new Error(`${where} shows raw keys or codes: ${bad.join(', ')}`)
  }

  /** As annual_reports.mjs: neither the page nor el-main scrolls sideways, nothing sticks out of el-main (tables scroll inside). */
  async function expectFits(page, where) {
    const found = await page.evaluate(() => {
      const out = []
      if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth} px wide`)
      const main = document.querySelector('.el-main')
      if (!main) return out
      const box = main.getBoundingClientRect()
      for (const e of [main, ...main.querySelectorAll('*')]) {
        if (e.closest('.el-table') || e.closest('canvas')) continue
        const name = `${e.tagName.toLowerCase()}.${[...e.classList].join('.')}`
        const ox = getComputedStyle(e).overflowX
        if (ox === 'auto' || ox === 'scroll') {
          if (e.scrollWidth > e.clientWidth + 1) out.push(`${name} scrolls (${e.scrollWidth} > ${e.clientWidth})`)
          continue
        }
        const b = e.getBoundingClientRect()
        if (b.width > 1 && b.height > 1 && (b.left < box.left - 1 || b.right > box.right + 1)) out.push(`${name} at ${Math.round(b.left)}..${Math.round(b.right)}`)
      }
      return out.slice(0, 3)
    })
    if (found.length) throw new Error(`${where} is too wide at ${page.viewportSize().width} px: ${found.join(', ')}`)
  }

  async function shot(page, name, height = 1800) {
    if (!SCREENSHOTS) return
    const size = page.viewportSize()
    await page.setViewportSize({ width: size.width, height })
    await settled(page)
    await page.waitForTimeout(600) // the charts' entry animation
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(OUT, name), fullPage: true })
    await style.evaluate((e) => e.remove())
    await page.setViewportSize(size)
  }

  /** The signed-in page's API answer (the session cookie of the page). */
  async function apiGet(page, path) {
    const r = await page.evaluate(async (p) => {
      const res = await fetch(`/api/v1${p}`)
      return { status: res.status, body: await res.text() }
    }, path)
    if (r.status !== 200) throw new Error(`GET ${path}: HTTP ${r.status} ${r.body.slice(0, 200)}`)
    return JSON.parse(r.body)
  }

  /** A file of the API as `session` downloads it. */
  async function fetchFile(base, session, path) {
    const r = await fetch(`${base}/api/v1${path}`, { headers: { Cookie: session.cookie } })
    const buf = Buffer.from(await r.arrayBuffer())
    if (r.status !== 200) throw new Error(`GET ${path}: HTTP ${r.status} ${buf.toString('utf8', 0, 200)}`)
    return { buf, type: r.headers.get('content-type') ?? '', disposition: r.headers.get('content-disposition') ?? '' }
  }

  /** Page 1 of a PDF rendered by pdftoppm: a PNG of some size (not blank). */
  function renderPage1(pdf, name) {
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error(`${name} is not a PDF (starts with ${JSON.stringify(pdf.subarray(0, 8).toString('latin1'))})`)
    const file = join(OUT, `${name}.pdf`)
    writeFileSync(file, pdf)
    const prefix = join(OUT, `${name}-page1`)
    rmSync(`${prefix}.png`, { force: true })
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', file, prefix], { timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] })
    const png = `${prefix}.png`
    if (!existsSync(png)) throw new Error(`pdftoppm rendered no page 1 of ${name}`)
    const size = statSync(png).size
    // a blank A4 page at 60 dpi compresses to well under 2 kB; text and tables do not
    if (size < 3000) throw new Error(`page 1 of ${name} renders to ${size} bytes: blank?`)
    return size
  }

  /** The cards of 检定统计分析 (under `scope`) against the API's totals. */
  async function expectInstituteCards(page, totals, where, scope = '[data-testid="inst-kpis"]') {
    const want = {
      verified: NUMBER.format(totals.verified),
      passed: NUMBER.format(totals.passed),
      failed: NUMBER.format(totals.failed),
      pass_rate: rate(totals.passed, totals.verified),
      refused: NUMBER.format(totals.refused),
    }
    const first = page.locator(`${scope} [data-testid="kpi-verified"] .kpi-value`).first()
    await page.waitForFunction(([el, w]) => el.textContent.trim() === w, [await first.elementHandle(), want.verified]).catch(() => undefined)
    for (const [k, v] of Object.entries(want)) {
      const shown = (await page.locator(`${scope} [data-testid="kpi-${k}"] .kpi-value`).first().innerText()).trim()
      if (shown !== v) throw new Error(`${where}: card ${k} shows "${shown}", the API says ${v}`)
    }
  }

  /** The canvas of a chart, drawn with a size. */
  async function chartDrawn(page, testid) {
    const canvas = page.locator(`[data-testid="${testid}"] canvas`).first()
    await canvas.waitFor({ state: 'visible' })
    const box = await canvas.boundingBox()
    if (!box || box.width < 50 || box.height < 50) throw new Error(`chart ${testid} is ${box?.width}×${box?.height}`)
    return box
  }

  /** The list answer of 备案审核 behind `click`, and the address it opened. */
  async function listAfter(page, click) {
    const answer = page.waitForResponse((r) => /\/api\/v1\/instruments\?/.test(r.url()) && r.request().method() === 'GET')
    await click()
    return (await answer).json()
  }

  // ---------------------------------------------------------------- (a) 检定统计分析

  test(`${PREFIX}: the institute's approver reads 检定统计分析 (cards = API, charts, 390 px, 首页), its PDF renders, the city bureau picks the institute`, async ({ page, base, browser }) => {
    await uiLogin(page, 'approver', DEMO_PASSWORD)
    // 首页: this year's block with the totals of the API.
    const year = await apiGet(page, '/institute-report')
    if (!(year.totals.verified > 0)) throw new Error(`the demo institute has ${year.totals.verified} results this year`)
    await settled(page, 'home-institute-report')
    await expectInstituteCards(page, year.totals, '首页', '[data-testid="home-institute-report"]')

    await page.locator('[data-testid="menu-institute-report"]').click()
    await page.waitForURL((u) => u.pathname === '/institute-report')
    await settled(page, 'inst-kpis')
    const report = await apiGet(page, '/institute-report')
    await expectInstituteCards(page, report.totals, '检定统计分析 (approver)')
    await expectVisible(page, `[data-testid="inst-heading"]:has-text("${report.institute_name}检定统计分析")`, 'the heading with the institute')
    await expectVisible(page, `[data-testid="inst-period-line"]:has-text("${report.from} 至 ${report.to}")`, 'the period')
    if (report.institute_org_id <= 0) throw new Error('no institute in the answer')
    s.institute = report
    for (const c of ['inst-chart-month', 'inst-chart-kind', 'inst-chart-errors', 'inst-chart-clock']) await chartDrawn(page, c)
    // the per-model table: every model of the API (all models first), the turnaround steps named
    const models = await page.locator('[data-testid="inst-errors-table"] .el-table__body-wrapper tbody tr').count()
    if (models !== report.error_distribution.models.length) throw new Error(`the error table shows ${models} rows, the API ${report.error_distribution.models.length}`)
    await expectVisible(page, '[data-testid="inst-errors-table"] tbody tr:first-child:has-text("全部型号")', '全部型号 first')
    await expectVisible(page, '[data-testid="inst-turnaround"]:has-text("预约提交→出具证书")', 'the turnaround steps')
    const types = await page.locator('[data-testid="inst-by-type"] .el-table__body-wrapper tbody tr').count()
    if (types !== report.by_type.length) throw new Error(`the type table shows ${types} rows, the API ${report.by_type.length}`)
    await noRawText(page, '检定统计分析 at 1440 px')
    await shot(page, 'institute-1440.png', 3200)

    // The PDF and the Excel through the API; the page's button downloads the PDF.
    const session = await apiLogin(base, 'approver', DEMO_PASSWORD)
    const pdf = await fetchFile(base, session, '/institute-report/report.pdf')
    if (!pdf.type.startsWith('application/pdf')) throw new Error(`report.pdf answers ${pdf.type}`)
    renderPage1(pdf.buf, 'institute-report')
    const xlsx = await fetchFile(base, session, `/institute-report/report.xlsx?from=${report.from}&to=${report.to}`)
    if (xlsx.buf.subarray(0, 2).toString('latin1') !== 'PK' || xlsx.buf.length < 1000) throw new Error(`report.xlsx is not a workbook (${xlsx.buf.length} bytes)`)
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="inst-pdf"]').click()])
    if (!/\.pdf$/.test(download.suggestedFilename())) throw new Error(`the PDF button saved "${download.suggestedFilename()}"`)

    // A shorter period through the address: the cards follow the API for it.
    const from = `${new Date().getFullYear()}-01-01`
    const to = report.to
    await page.goto(`/institute-report?from=${from}&to=${to}`)
    await settled(page, 'inst-kpis')
    await expectInstituteCards(page, (await apiGet(page, `/institute-report?from=${from}&to=${to}`)).totals, '检定统计分析 for a period in the address')

    // A phone.
    await as(
      browser,
      base,
      'approver',
      async (p) => {
        await p.goto('/institute-report')
        await settled(p, 'inst-kpis')
        await expectInstituteCards(p, report.totals, '检定统计分析 at 390 px')
        await chartDrawn(p, 'inst-chart-month')
        await p.waitForTimeout(600)
        await expectFits(p, '检定统计分析')
        await noRawText(p, '检定统计分析 at 390 px')
        await shot(p, 'institute-390.png', 4200)
        await p.goto('/')
        await settled(p, 'home-institute-report')
        await expectFits(p, '首页 of the institute')
      },
      { width: 390, height: 844 },
    )

    // The city bureau: the first institute is picked; the same figures.
    await as(browser, base, 'city', async (p) => {
      await p.locator('[data-testid="menu-institute-report"]').click()
      await p.waitForURL((u) => u.pathname === '/institute-report' && u.searchParams.has('institute_org_id'))
      await settled(p, 'inst-kpis')
      const id = new URL(p.url()).searchParams.get('institute_org_id')
      const asCity = await apiGet(p, `/institute-report?institute_org_id=${id}`)
      await expectInstituteCards(p, asCity.totals, '检定统计分析 (city)')
      await expectVisible(p, `[data-testid="inst-institute"]:has-text("${asCity.institute_name}")`, 'the institute picked')
      if (Number(id) === report.institute_org_id && JSON.stringify(asCity.totals) !== JSON.stringify(report.totals)) throw new Error('the city bureau and the institute see different totals')
      await noRawText(p, '检定统计分析 (city)')
    })
  })

  // ---------------------------------------------------------------- (b) 工作节点

  test(`${PREFIX}: the city bureau creates a milestone on 工作节点, 统计分析 shows its progress per district, 江岸区 sees only itself`, async ({ page, base, browser }) => {
    const title = `E2E在用充电桩检定有效率${Date.now() % 100000}`
    const deadline = dayFromToday(30)
    await uiLogin(page, 'city', DEMO_PASSWORD)
    await page.locator('[data-testid="menu-milestones"]').click()
    await page.waitForURL((u) => u.pathname === '/milestones')
    await settled(page, 'rpt-milestone-table')
    await noRawText(page, '工作节点')

    // 新建: the measure, the target, the deadline in 30 days.
    await page.locator('[data-testid="rpt-milestone-create"]').click()
    const dialog = '[data-testid="rpt-milestone-dialog"]'
    await expectVisible(page, `${dialog} [data-testid="rpt-milestone-submit"]`, 'the 新建工作节点 dialog')
    await fill(page, 'rpt-milestone-title', title)
    await page.locator('[data-testid="rpt-milestone-kind"]').click()
    await page.locator('[data-testid="rpt-milestone-kind-periodic_verification"]:visible').click()
    await expectVisible(page, '[data-testid="rpt-milestone-kind-hint"]:has-text("检定有效 ÷ 已备案")', 'what the measure divides')
    if ((await page.locator('[data-testid="rpt-milestone-since"]').count()) > 0) throw new Error('the start day is asked for periodic verification')
    await fill(page, 'rpt-milestone-target', '100')
    await fill(page, 'rpt-milestone-deadline', deadline)
    await page.keyboard.press('Enter')
    await page.locator(`${dialog} .el-dialog__title`).click()
    await page.locator('[data-testid="rpt-milestone-submit"]').click()
    await expectMessage(page, '工作节点已创建')
    const { items } = await apiGet(page, '/milestones?status=active&page_size=100')
    const created = items.find((m) => m.title === title)
    if (!created) throw new Error('the new milestone is not in GET /milestones')
    if (created.kind !== 'periodic_verification' || created.target_pct !== 100 || created.deadline !== deadline || created.since !== null) {
      throw new Error(`the milestone was saved as ${JSON.stringify(created)}`)
    }
    s.milestone = created
    await expectVisible(page, `[data-testid="rpt-milestone-name-${created.id}"]:has-text("${title}")`, 'the new row')
    await expectVisible(page, `[data-testid="rpt-milestone-kind-shown-${created.id}"]:has-text("在用充电桩检定有效率")`, 'its measure in Chinese')
    await expectVisible(page, `[data-testid="rpt-milestone-status-${created.id}"]:has-text("进行中")`, '进行中')
    await shot(page, 'milestone-list.png', 1000)

    // 修改: the target down to 90, then back to 100.
    for (const target of ['90', '100']) {
      await page.locator(`[data-testid="rpt-milestone-edit-${created.id}"]`).click()
      await expectVisible(page, `${dialog} [data-testid="rpt-milestone-submit"]`, 'the 修改 dialog')
      await fill(page, 'rpt-milestone-target', target)
      await page.locator(`${dialog} .el-dialog__title`).click()
      await page.locator('[data-testid="rpt-milestone-submit"]').click()
      await expectMessage(page, '工作节点已修改')
      await page.locator(dialog).waitFor({ state: 'hidden' })
    }
    const changed = (await apiGet(page, '/milestones?status=active&page_size=100')).items.find((m) => m.id === created.id)
    if (changed?.target_pct !== 100) throw new Error(`after two changes the target is ${changed?.target_pct}`)

    // 统计分析: the panel with every district of the city, coloured as the API says.
    await page.locator('[data-testid="menu-statistics"]').click()
    await page.waitForURL((u) => u.pathname === '/statistics')
    const panel = `[data-testid="milestone-${created.id}"]`
    await expectVisible(page, panel, 'the new milestone on 统计分析')
    const progress = (await apiGet(page, '/milestones/progress')).milestones.find((m) => m.id === created.id)
    if (!progress) throw new Error('the milestone is not in GET /milestones/progress')
    if (progress.districts.length < 13) throw new Error(`the city's progress has ${progress.districts.length} districts`)
    await expectVisible(page, `${panel}:has-text("${title}")`, 'its title')
    await expectVisible(page, `[data-testid="milestone-days-${created.id}"]:has-text("剩余 30 天")`, '剩余 30 天')
    await expectVisible(page, `[data-testid="milestone-met-${created.id}"]:has-text("${progress.districts_met}/${progress.districts.length} 个辖区达标")`, 'the districts that met it')
    const rows = await page.locator(`${panel} [data-testid^="milestone-${created.id}-district-"]`).count()
    if (rows !== progress.districts.length) throw new Error(`the panel shows ${rows} districts, the API ${progress.districts.length}`)
    await expectVisible(page, `[data-testid="milestone-${created.id}-total"]:has-text("合计")`, 'the 合计 row')
    for (const d of progress.districts) {
      const row = page.locator(`[data-testid="milestone-${created.id}-district-${d.region_code}"]`)
      const cls = (await row.getAttribute('class')) ?? ''
      const want = d.met ? 'met' : d.overdue ? 'overdue' : d.pct === null ? 'none' : 'pending'
      if (!cls.split(/\s+/).includes(want)) throw new Error(`${d.name} is drawn "${cls}", the API says ${want}`)
      const text = await row.innerText()
      if (!text.includes(d.name)) throw new Error(`the row of ${d.region_code} says "${text}"`)
      if (d.pct !== null && !text.includes(`${d.pct}%`)) throw new Error(`${d.name} shows "${text}", the API ${d.pct}%`)
      const bar = await row.locator('.el-progress').getAttribute('class')
      if (d.met && !bar.includes('is-success')) throw new Error(`${d.name} met the target but its bar is not green`)
      if (d.overdue && !bar.includes('is-exception')) throw new Error(`${d.name} is overdue but its bar is not red`)
    }
    await noRawText(page, '统计分析 with the milestone panel')
    await shot(page, 'milestone-statistics.png', 2600)
    // 江岸区's name opens 备案审核 of its approved chargers.
    const list = await listAfter(page, () => page.locator(`[data-testid="milestone-${created.id}-district-${JIANGAN}"] a`).click())
    await page.waitForURL((u) => u.pathname === '/review' && u.searchParams.get('region_code') === JIANGAN && u.searchParams.get('status') === 'approved')
    const api = await apiGet(page, `/instruments?status=approved&region_code=${JIANGAN}&page_size=1`)
    if (list.total !== api.total) throw new Error(`备案审核 from the panel lists ${list.total}, the API ${api.total}`)

    // 江岸区: only its own district, on a desktop and on a phone.
    for (const viewport of [
      { width: 1440, height: 900 },
      { width: 390, height: 844 },
    ]) {
      await as(
        browser,
        base,
        'jiangan',
        async (p) => {
          await p.goto('/statistics')
          await expectVisible(p, `[data-testid="milestone-${created.id}"]`, `the milestone on 江岸区's 统计分析 at ${viewport.width} px`)
          const mine = (await apiGet(p, '/milestones/progress')).milestones.find((m) => m.id === created.id)
          if (mine.districts.length !== 1 || mine.districts[0].region_code !== JIANGAN) throw new Error(`jiangan's progress has ${mine.districts.map((d) => d.name).join(', ')}`)
          const shown = await p.locator(`[data-testid^="milestone-"][data-testid*="-district-"]`).evaluateAll((es) => [...new Set(es.map((e) => e.getAttribute('data-testid').split('-district-')[1]))])
          if (shown.join(',') !== JIANGAN) throw new Error(`jiangan's panel shows the districts ${shown.join(', ')}`)
          const text = await p.locator(`[data-testid="milestone-${created.id}-district-${JIANGAN}"]`).innerText()
          if (!text.includes('江岸区')) throw new Error(`jiangan's row says "${text}"`)
          if ((await p.locator('[data-testid="milestone-manage"]').count()) > 0) throw new Error('a district bureau is offered 管理工作节点')
          if ((await p.locator('[data-testid="menu-milestones"]').count()) > 0) throw new Error('a district bureau has 工作节点 in its menu')
          if (viewport.width === 390) {
            await p.waitForTimeout(800)
            await expectFits(p, '江岸区 统计分析 with the milestone panel')
            await shot(p, 'milestone-jiangan-390.png', 3600)
          }
        },
        viewport,
      )
    }

    // The city withdraws it: gone from the active list and from the progress.
    await page.goto('/milestones')
    await settled(page, 'rpt-milestone-table')
    await page.locator(`[data-testid="rpt-milestone-withdraw-${created.id}"]`).click()
    const box = page.locator('.el-message-box')
    await box.waitFor({ state: 'visible' })
    if (!(await box.innerText()).includes(title)) throw new Error('the confirmation does not name the milestone')
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await expectMessage(page, '工作节点已撤销')
    await page.locator(`[data-testid="rpt-milestone-name-${created.id}"]`).waitFor({ state: 'detached' })
    if ((await apiGet(page, '/milestones/progress')).milestones.some((m) => m.id === created.id)) throw new Error('a withdrawn milestone still has progress')
  })

  // ---------------------------------------------------------------- (c) 30天内到期 → 备案审核

  test(`${PREFIX}: the 30天内到期 card opens 备案审核 with the 30-day window (total = API), a removable tag and the export; a use link shows its 用途`, async ({ page }) => {
    for (const user of ['city', 'jiangan']) {
      if (user !== 'city') {
        await page.context().clearCookies()
      }
      await uiLogin(page, user, DEMO_PASSWORD)
      await page.goto('/statistics')
      const card = page.locator('[data-testid="kpi-due_30d"]')
      await card.waitFor({ state: 'visible' })
      const overview = await apiGet(page, '/statistics/overview')
      const list = await listAfter(page, () => card.click())
      await page.waitForURL((u) => u.pathname === '/review' && u.searchParams.get('due_days') === '30')
      const url = new URL(page.url())
      if (url.searchParams.get('verification') !== 'due_soon') throw new Error(`the card opened ${url.search}`)
      const api = await apiGet(page, '/instruments?verification=due_soon&due_days=30&page_size=1')
      if (list.total !== api.total) throw new Error(`${user}: 备案审核 lists ${list.total} due within 30 days, GET /instruments?verification=due_soon&due_days=30 ${api.total}`)
      if (list.total !== overview.due_30d) throw new Error(`${user}: 备案审核 lists ${list.total}, the card says ${overview.due_30d}`)
      await settled(page, 'review')
      await expectVisible(page, `.el-pagination:has-text("${list.total}")`, `list total ${list.total}`)
      await expectVisible(page, '[data-testid="review-due-filter"]:has-text("30天内到期")', 'the 30天内到期 tag')
      await expectVisible(page, '[data-testid="filter-verification"]:has-text("即将到期")', 'the verification filter')
      await noRawText(page, `备案审核 from 30天内到期 (${user})`)
      // The export keeps the window.
      const exported = page.waitForRequest((r) => r.url().includes('/api/v1/instruments/export'))
      await page.locator('[data-testid="review-export"]').click()
      const exportUrl = new URL((await exported).url())
      if (exportUrl.searchParams.get('due_days') !== '30' || exportUrl.searchParams.get('verification') !== 'due_soon') throw new Error(`the export asks ${exportUrl.search}`)
      // Closing the tag drops the window: the server's own due-soon window.
      const wider = await listAfter(page, () => page.locator('[data-testid="review-due-filter"] .el-tag__close').click())
      await page.waitForURL((u) => u.pathname === '/review' && !u.searchParams.has('due_days'))
      const apiWider = await apiGet(page, '/instruments?status=approved&verification=due_soon&page_size=1')
      if (wider.total !== apiWider.total) throw new Error(`${user}: without the window 备案审核 lists ${wider.total}, the API ${apiWider.total}`)
      if ((await page.locator('[data-testid="review-due-filter"]').count()) > 0) throw new Error('the 30天内到期 tag stayed')
      if (user === 'city') s.dueCity = `${list.total} of ${apiWider.total}`
    }

    // A use (the use chart's link): the 用途 select shows it, the total is the API's.
    const list = await listAfter(page, () => page.goto('/review?status=all&use=trade_settlement'))
    await settled(page, 'review')
    await expectVisible(page, '[data-testid="filter-use"]:has-text("贸易结算")', 'the 用途 filter')
    const api = await apiGet(page, '/instruments?use=trade_settlement&page_size=1')
    if (list.total !== api.total) throw new Error(`备案审核 by use lists ${list.total}, the API ${api.total}`)
    await shot(page, 'milestone-review-use.png', 1000)
  })
}
