// Browser scenarios of the reporting pages (issue 12, part 2) on the `mvis demo` data. 年度工作报告:
// 江岸区's bureau (`jiangan`) creates this year's report from 新建年度报告 (or is led to the one it has),
// sees the live figures (实时预览), writes the three narratives and submits (报送: the figures frozen,
// the cards equal to the API's); the city bureau (`city`) returns it with a reason; `jiangan` reads the
// reason, edits a narrative and submits again (saved first); `city` accepts, sees 已通过 for 江岸区 under
// 全市汇总 and the frozen cards equal to the API's; the report's and the city's PDF (page 1 rendered by
// pdftoppm) and Excel (a zip: PK) through the API, and the page's PDF button. 重大问题上报: `jiangan`
// reports a problem with a PNG attached, `city` acknowledges it with a note, `jiangan` reads 已签收. 通报:
// `city` publishes one for this month, the city DRC (`drc`) reads it with its frozen figures. Each
// role's menu shows its reporting items; no page shows raw keys or codes, and the report, problem and
// bulletin pages fit a 390 px phone. E2E_SCREENSHOTS=1 keeps annual-*.png. Registered by run.mjs with
// its page helpers (E2E_ONLY=annual runs them).
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { testPng } from './inspection.mjs'
import { rawFragments } from './rawText.mjs'
import { DEMO_PASSWORD } from './verification.mjs'

const JIANGAN = '420102'
const WORK = 'E2E：全年完成充电桩强制检定备案审核，组织双随机抽查。\n开展免费检定，督促企业整改。'
const PROBLEMS = 'E2E：部分运营企业备案信息更新不及时。'
const PLAN = 'E2E：明年继续推进充电设施计量监管。'
const MORE = '\nE2E：个别充电桩未按期申请周期检定，已逐一督促。'
const REASON = 'E2E：请补充存在问题中超期未检充电桩的情况。'
const NUMBER = new Intl.NumberFormat('en-US')

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS
 */
export function registerAnnualReportScenarios(test, h) {
  const { fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS } = h
  const year = new Date().getFullYear()
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
      await page.screenshot({ path: join(OUT, `annual-failed-${user}.png`), fullPage: true }).catch(() => undefined)
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

  async function expectText(page, selector, text, what) {
    await expectVisible(page, `${selector}:has-text("${text}")`, what ?? `"${text}" in ${selector}`)
  }

  async function noRawText(page, where) {
    await settled(page)
    const bad = rawFragments(await page.locator('.el-main').first().innerText())
    if (bad.length) throw new Error(`${where} shows raw keys or codes: ${bad.join(', ')}`)
  }

  /** As inspection.mjs: neither the page nor el-main scrolls sideways, nothing sticks out of el-main (tables scroll inside). */
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
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(OUT, name), fullPage: true })
    await style.evaluate((e) => e.remove())
    await page.setViewportSize(size)
  }

  /** Clicks 确定 in the confirmation box, after checking it asks `question`. */
  async function confirm(page, question) {
    const box = page.locator('.el-message-box')
    await box.waitFor({ state: 'visible' })
    if (question && !(await box.innerText()).includes(question)) throw new Error(`the confirmation says "${(await box.innerText()).trim()}", not "${question}"`)
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await box.waitFor({ state: 'hidden' })
  }

  /** Types into the textarea of an Element Plus input (its data-testid lands on the textarea). */
  async function typeArea(page, testid, text) {
    await page.locator(`textarea[data-testid="${testid}"], [data-testid="${testid}"] textarea`).first().fill(text)
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

  /** The menu items of the reporting pages `page` shows. */
  async function reportingMenu(page) {
    const out = []
    for (const r of ['annual-reports', 'problem-reports', 'bulletins']) if ((await page.locator(`[data-testid="menu-${r}"]`).count()) > 0) out.push(r)
    return out
  }

  /** The frozen (or live) cards of the annual report page against the API's totals. */
  async function expectCards(page, totals, where) {
    const want = {
      filed: NUMBER.format(totals.filed),
      approved: NUMBER.format(totals.approved),
      valid: NUMBER.format(totals.valid),
      new_filings: NUMBER.format(totals.new_filings),
      verified: NUMBER.format(totals.verified),
      fees_waived: NUMBER.format(totals.fees_waived),
      inspections_done: NUMBER.format(totals.inspections_done),
      rectifications_opened: NUMBER.format(totals.rectifications_opened),
      pass_rate: totals.verified > 0 ? `${Number(((totals.passed / totals.verified) * 100).toFixed(2))}%` : '—',
    }
    for (const [k, v] of Object.entries(want)) {
      const shown = (await page.locator(`[data-testid="rpt-figures"] [data-testid="kpi-${k}"] .kpi-value`).first().innerText()).trim()
      if (shown !== v) throw new Error(`${where}: card ${k} shows "${shown}", the API says ${v}`)
    }
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

  function expectXlsx(buf, name) {
    if (buf.subarray(0, 2).toString('latin1') !== 'PK' || buf.length < 1000) throw new Error(`${name} is not a workbook (${buf.length} bytes, starts ${JSON.stringify(buf.subarray(0, 4).toString('latin1'))})`)
  }

  // ---------------------------------------------------------------- 年度工作报告

  test('annual reports: 江岸区 writes and submits, the city bureau returns it, 江岸区 resubmits, the city accepts; frozen figures, 全市汇总, PDF and Excel', async ({ page, base, browser }) => {
    // 江岸区: the menu, then 新建年度报告 for this year (or the report it has).
    await uiLogin(page, 'jiangan', DEMO_PASSWORD)
    const menu = await reportingMenu(page)
    if (menu.join(',') !== 'annual-reports,problem-reports') throw new Error(`jiangan's menu shows ${menu.join(', ') || 'no reporting item'}`)
    await page.locator('[data-testid="menu-annual-reports"]').click()
    await page.waitForURL((u) => u.pathname === '/annual-reports')
    await settled(page, 'rpt-table')
    await noRawText(page, '年度工作报告 (district)')
    await page.locator('[data-testid="rpt-create"]').click()
    await expectVisible(page, '[data-testid="rpt-create-dialog"] [data-testid="rpt-create-submit"]', 'the 新建年度报告 dialog')
    await expectText(page, '[data-testid="rpt-create-region-name"]', '江岸区')
    await expectText(page, '[data-testid="rpt-create-year"]', `${year}年`)
    await shot(page, 'annual-create-dialog.png', 900)
    await page.locator('[data-testid="rpt-create-submit"]').click()
    await page.waitForURL((u) => /^\/annual-reports\/\d+$/.test(u.pathname))
    s.id = Number(new URL(page.url()).pathname.split('/').pop())
    await settled(page, 'annual-report-detail')
    const report0 = await apiGet(page, `/annual-reports/${s.id}`)
    if (report0.year !== year || report0.region_code !== JIANGAN) throw new Error(`opened report #${s.id} of ${report0.region_code} ${report0.year}`)
    if (!['draft', 'returned'].includes(report0.status)) throw new Error(`this year's report of 江岸区 is ${report0.status} already: run on a fresh database`)
    await expectText(page, '[data-testid="rpt-title"]', `江岸区${year}年度工作报告`)
    await expectText(page, '[data-testid="rpt-status"]', report0.status === 'draft' ? '草稿' : '已退回')
    await expectText(page, '[data-testid="rpt-as-of"]', `数据截至 ${report0.cut_off}`)
    await expectVisible(page, '[data-testid="rpt-live"]:has-text("实时预览，报送时冻结")', 'the live-preview note')
    await expectCards(page, report0.figures.totals, 'the live figures')
    await noRawText(page, 'the draft report')

    // 报送 with a narrative missing is stopped here.
    await typeArea(page, 'rpt-narrative-work', WORK)
    await typeArea(page, 'rpt-narrative-problems', '')
    await typeArea(page, 'rpt-narrative-plan', PLAN)
    await page.locator('[data-testid="rpt-submit"]').click()
    await expectMessage(page, '请填写“存在问题”')
    await typeArea(page, 'rpt-narrative-problems', PROBLEMS)
    await expectVisible(page, '[data-testid="rpt-unsaved"]', '有未保存的修改')
    await page.locator('[data-testid="rpt-save"]').click()
    await expectMessage(page, '已保存')
    await page.locator('[data-testid="rpt-unsaved"]').waitFor({ state: 'detached' })
    await shot(page, 'annual-draft-1440.png', 2600)
    await page.locator('[data-testid="rpt-submit"]').click()
    await confirm(page, '冻结')
    await expectMessage(page, '已报送市局')
    await expectText(page, '[data-testid="rpt-status"]', '已报送')
    await expectVisible(page, '[data-testid="rpt-frozen"]:has-text("冻结")', 'the frozen note')
    const submitted = await apiGet(page, `/annual-reports/${s.id}`)
    if (!submitted.figures_frozen || !submitted.frozen_at || submitted.status !== 'submitted') throw new Error(`after 报送 the report is ${submitted.status}, frozen ${submitted.figures_frozen} at ${submitted.frozen_at}`)
    await expectCards(page, submitted.figures.totals, 'the frozen figures after 报送')
    await expectVisible(page, '[data-testid="rpt-narrative-shown-problems"]:has-text("部分运营企业")', 'the narratives read-only')
    if ((await page.locator('[data-testid="rpt-save"]').count()) > 0) throw new Error('保存 is offered on a submitted report')

    // The city bureau returns it with a reason.
    await as(browser, base, 'city', async (p) => {
      const cityMenu = await reportingMenu(p)
      if (cityMenu.join(',') !== 'annual-reports,problem-reports,bulletins') throw new Error(`city's menu shows ${cityMenu.join(', ')}`)
      await p.goto('/annual-reports')
      await settled(p, 'rpt-table')
      await expectText(p, `[data-testid="rpt-status-${s.id}"]`, '已报送')
      await noRawText(p, '年度工作报告 (city)')
      await p.locator(`[data-testid="rpt-open-${s.id}"]`).click()
      await p.waitForURL((u) => u.pathname === `/annual-reports/${s.id}`)
      await settled(p, 'annual-report-detail')
      await expectVisible(p, '[data-testid="rpt-accept"]', '通过 for the city bureau')
      await p.locator('[data-testid="rpt-return"]').click()
      await expectVisible(p, '[data-testid="rpt-return-dialog"] [data-testid="rpt-return-dialog-submit"]', 'the 退回 dialog')
      await typeArea(p, 'rpt-return-dialog-reason', REASON)
      await p.locator('[data-testid="rpt-return-dialog-submit"]').click()
      await expectMessage(p, '已退回区局')
      await expectText(p, '[data-testid="rpt-status"]', '已退回')
      await expectText(p, '[data-testid="rpt-returned"]', REASON)
      await expectVisible(p, '[data-testid="rpt-timeline"] [data-testid="rpt-event-return"]', '退回 in the timeline')
    })

    // 江岸区 reads the reason, adds to 存在问题 and submits again (saved first).
    await page.reload()
    await settled(page, 'annual-report-detail')
    await expectText(page, '[data-testid="rpt-status"]', '已退回')
    await expectText(page, '[data-testid="rpt-returned"]', REASON)
    await expectVisible(page, '[data-testid="rpt-live"]', 'the live note again while returned')
    await typeArea(page, 'rpt-narrative-problems', PROBLEMS + MORE)
    await page.locator('[data-testid="rpt-submit-bottom"]').click()
    await confirm(page, '冻结')
    await expectMessage(page, '已报送市局')
    await expectText(page, '[data-testid="rpt-status"]', '已报送')
    const resubmitted = await apiGet(page, `/annual-reports/${s.id}`)
    if (!resubmitted.problems.includes('个别充电桩未按期')) throw new Error('the resubmitted report lacks the added text: 报送 did not save first')
    await expectVisible(page, '[data-testid="rpt-timeline"] [data-testid="rpt-event-return"]', '退回 in the timeline')
    await noRawText(page, 'the resubmitted report')

    // A 390 px phone: the report fits.
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await settled(page, 'annual-report-detail')
    await expectFits(page, 'the annual report')
    await shot(page, 'annual-report-390.png', 5000)
    await page.setViewportSize({ width: 1440, height: 900 })

    // The city bureau accepts; the frozen cards equal the API's; 全市汇总 shows 江岸区 已通过.
    await as(browser, base, 'city', async (p) => {
      await p.goto(`/annual-reports/${s.id}`)
      await settled(p, 'annual-report-detail')
      await p.locator('[data-testid="rpt-accept"]').click()
      await confirm(p, '通过')
      await expectMessage(p, '已通过')
      await expectText(p, '[data-testid="rpt-status"]', '已通过')
      const accepted = await apiGet(p, `/annual-reports/${s.id}`)
      if (accepted.status !== 'accepted' || !accepted.figures_frozen) throw new Error(`after 通过 the report is ${accepted.status}, frozen ${accepted.figures_frozen}`)
      await expectVisible(p, '[data-testid="rpt-frozen"]', 'the frozen note')
      await expectText(p, '[data-testid="rpt-as-of"]', `数据截至 ${accepted.cut_off}`)
      await expectCards(p, accepted.figures.totals, 'the accepted report')
      s.totals = accepted.figures.totals
      await expectVisible(p, '[data-testid="rpt-narrative-shown-problems"]:has-text("个别充电桩未按期")', 'the resubmitted narrative')
      await noRawText(p, 'the accepted report')
      await shot(p, 'annual-accepted-1440.png', 2600)

      // The page's PDF button downloads the report.
      const [download] = await Promise.all([p.waitForEvent('download'), p.locator('[data-testid="rpt-pdf"]').click()])
      const saved = join(OUT, 'annual-report-button.pdf')
      await download.saveAs(saved)
      if (readFileSync(saved).subarray(0, 5).toString('latin1') !== '%PDF-') throw new Error('the 下载 PDF button saved no PDF')

      await p.goto('/annual-reports?tab=city')
      await settled(p, 'rpt-city')
      const city = await apiGet(p, `/annual-reports/city?year=${year}`)
      const row = city.districts.find((d) => d.region_code === JIANGAN)
      if (!row || row.status !== 'accepted' || row.report_id !== s.id) throw new Error(`全市汇总 API has 江岸区 as ${JSON.stringify(row)}`)
      await expectText(p, `[data-testid="rpt-city-state-${JIANGAN}"]`, '已通过')
      await expectText(p, '[data-testid="rpt-city-progress"]', `已通过 ${city.accepted} 个`)
      await expectText(p, '[data-testid="rpt-city-progress"]', `共 ${city.total_districts} 个辖区`)
      const none = city.districts.find((d) => d.status === null)
      if (none) await expectText(p, `[data-testid="rpt-city-state-${none.region_code}"]`, '未编制')
      await expectText(p, '[data-testid="rpt-city-summed-regions"]', '江岸区')
      await expectCards(p, city.figures.totals, 'the summed figures of 全市汇总')
      await p.locator('[data-testid="rpt-city-annex"] .el-collapse-item__header').first().click()
      await expectVisible(p, '[data-testid="rpt-city-annex"]:has-text("个别充电桩未按期")', 'the annex of narratives')
      await noRawText(p, '全市汇总')
      await shot(p, 'annual-city-1440.png', 3000)
    })

    // The files through the API: the report's and the city's PDF (page 1 rendered) and Excel.
    const city = await apiLogin(base, 'city', DEMO_PASSWORD)
    const pdf = await fetchFile(base, city, `/annual-reports/${s.id}/report.pdf`)
    renderPage1(pdf.buf, 'annual-report')
    expectXlsx((await fetchFile(base, city, `/annual-reports/${s.id}/report.xlsx`)).buf, 'the report\'s Excel')
    renderPage1((await fetchFile(base, city, `/annual-reports/city/report.pdf?year=${year}`)).buf, 'annual-city-report')
    expectXlsx((await fetchFile(base, city, `/annual-reports/city/report.xlsx?year=${year}`)).buf, 'the city report\'s Excel')
  })

  // ---------------------------------------------------------------- 重大问题上报

  test('annual reports: 江岸区 reports a problem with an attachment, the city bureau acknowledges it', async ({ page, base, browser }) => {
    const title = `E2E重大问题${Date.now() % 100000}`
    await uiLogin(page, 'jiangan', DEMO_PASSWORD)
    await page.goto('/problem-reports')
    await settled(page, 'rpt-problem-table')
    await page.locator('[data-testid="rpt-problem-create"]').click()
    await expectVisible(page, '[data-testid="rpt-problem-dialog"] [data-testid="rpt-problem-submit"]', 'the 上报问题 dialog')
    await fill(page, 'rpt-problem-title', title)
    await typeArea(page, 'rpt-problem-body', 'E2E：某充电站多台充电桩计量异常，用户投诉较多。\n已现场核查并责令暂停使用。')
    await page.locator('[data-testid="rpt-problem-submit"]').click()
    await expectMessage(page, '已上报市局')
    await expectVisible(page, '[data-testid="rpt-problem-attach-step"]', 'the attachments step')
    await page.locator('[data-testid="rpt-attach-input"] input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: testPng('E2E report photo') })
    await expectMessage(page, '附件已上传')
    await expectVisible(page, '[data-testid="rpt-problem-dialog"] [data-testid="rpt-attachments"]:has-text("现场照片.png")', 'the file listed in the dialog')
    await page.locator('[data-testid="rpt-problem-done"]').click()
    await page.waitForURL((u) => /^\/problem-reports\/\d+$/.test(u.pathname))
    s.problemId = Number(new URL(page.url()).pathname.split('/').pop())
    await settled(page, 'problem-report-detail')
    await expectText(page, '[data-testid="rpt-problem-title-shown"]', title)
    await expectText(page, '[data-testid="rpt-problem-status"]', '已上报')
    await expectText(page, '[data-testid="rpt-attachments"]', '现场照片.png')
    await expectVisible(page, '[data-testid="rpt-problem-body-shown"] p:nth-of-type(2)', 'the description in paragraphs')
    await expectVisible(page, '[data-testid="rpt-attach-button"]', '上传附件 while 已上报')
    await noRawText(page, 'the problem report (district)')
    const detail = await apiGet(page, `/problem-reports/${s.problemId}`)
    if (detail.attachment_count !== 1 || detail.attachments?.[0]?.file_name !== '现场照片.png') throw new Error(`the report has ${detail.attachment_count} attachments: ${JSON.stringify(detail.attachments)}`)
    s.attachmentId = detail.attachments[0].id
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await settled(page, 'problem-report-detail')
    await expectFits(page, 'the problem report')
    await shot(page, 'annual-problem-390.png', 2400)
    await page.setViewportSize({ width: 1440, height: 900 })

    await as(browser, base, 'city', async (p) => {
      await p.goto('/problem-reports')
      await settled(p, 'rpt-problem-table')
      await expectText(p, `[data-testid="rpt-problem-status-${s.problemId}"]`, '已上报')
      await noRawText(p, '重大问题上报 (city)')
      await p.locator(`[data-testid="rpt-problem-open-${s.problemId}"]`).click()
      await p.waitForURL((u) => u.pathname === `/problem-reports/${s.problemId}`)
      await settled(p, 'problem-report-detail')
      if ((await p.locator('[data-testid="rpt-attach-button"]').count()) > 0) throw new Error('the city bureau is offered 上传附件')
      const [download] = await Promise.all([p.waitForEvent('download'), p.locator(`[data-testid="rpt-attachment-${s.attachmentId}"]`).click()])
      if (download.suggestedFilename() !== '现场照片.png') throw new Error(`the attachment downloads as ${download.suggestedFilename()}`)
      await p.locator('[data-testid="rpt-problem-ack"]').click()
      await expectVisible(p, '[data-testid="rpt-ack-dialog"] [data-testid="rpt-ack-dialog-submit"]', 'the 签收 dialog')
      await typeArea(p, 'rpt-ack-dialog-reason', 'E2E：已收悉，请持续跟踪处理。')
      await p.locator('[data-testid="rpt-ack-dialog-submit"]').click()
      await expectMessage(p, '已签收')
      await expectText(p, '[data-testid="rpt-problem-status"]', '已签收')
      await expectText(p, '[data-testid="rpt-problem-ack-note"]', '已收悉')
      await expectVisible(p, '[data-testid="rpt-problem-timeline"] [data-testid="rpt-problem-event-acknowledge"]', '签收 in the timeline')
      await noRawText(p, 'the acknowledged problem report')
      await shot(p, 'annual-problem-city-1440.png', 1400)
    })

    await page.reload()
    await settled(page, 'problem-report-detail')
    await expectText(page, '[data-testid="rpt-problem-status"]', '已签收')
    if ((await page.locator('[data-testid="rpt-attach-button"]').count()) > 0) throw new Error('上传附件 is still offered once acknowledged')
    const file = await fetchFile(base, await apiLogin(base, 'jiangan', DEMO_PASSWORD), `/problem-reports/${s.problemId}/attachments/${s.attachmentId}`)
    if (file.type !== 'image/png') throw new Error(`the attachment answers ${file.type}`)
  })

  // ---------------------------------------------------------------- 通报

  test('annual reports: the city bureau publishes a 通报 and the DRC reads it', async ({ page, base, browser }) => {
    const title = `E2E充电设施计量监管情况通报${Date.now() % 100000}`
    const month = new Date().getMonth() + 1
    await uiLogin(page, 'city', DEMO_PASSWORD)
    await page.goto('/bulletins')
    await settled(page, 'rpt-bulletin-table')
    await page.locator('[data-testid="rpt-bulletin-create"]').click()
    await expectVisible(page, '[data-testid="rpt-bulletin-dialog"] [data-testid="rpt-bulletin-submit"]', 'the 发布通报 dialog')
    await fill(page, 'rpt-bulletin-title', title)
    await typeArea(page, 'rpt-bulletin-note', 'E2E：本月全市充电设施强制检定工作总体平稳。\n请各发改部门在项目验收中核查检定情况。')
    await page.locator('[data-testid="rpt-bulletin-submit"]').click()
    await expectMessage(page, '通报已发布')
    await page.waitForURL((u) => /^\/bulletins\/\d+$/.test(u.pathname))
    s.bulletinId = Number(new URL(page.url()).pathname.split('/').pop())
    await settled(page, 'bulletin-detail')
    await expectText(page, '[data-testid="rpt-bulletin-title-shown"]', title)
    await expectText(page, '[data-testid="rpt-bulletin-period"]', `${year}年${month}月`)
    const b = await apiGet(page, `/bulletins/${s.bulletinId}`)
    if (b.period !== `${year}-${String(month).padStart(2, '0')}`) throw new Error(`the bulletin's period is ${b.period}`)
    await expectText(page, '[data-testid="rpt-bulletin-as-of"]', `数据截至 ${b.figures.as_of}`)
    const filed = (await page.locator('[data-testid="rpt-bulletin-overview"] [data-testid="kpi-filed"] .kpi-value').innerText()).trim()
    if (filed !== NUMBER.format(b.figures.overview.filed)) throw new Error(`the bulletin's 申报备案器具 card shows ${filed}, the API ${b.figures.overview.filed}`)
    await noRawText(page, 'the bulletin (city)')

    await as(browser, base, 'drc', async (p) => {
      const menu = await reportingMenu(p)
      if (menu.join(',') !== 'bulletins') throw new Error(`drc's menu shows ${menu.join(', ') || 'no reporting item'}`)
      await p.locator('[data-testid="menu-bulletins"]').click()
      await p.waitForURL((u) => u.pathname === '/bulletins')
      await settled(p, 'rpt-bulletin-table')
      if ((await p.locator('[data-testid="rpt-bulletin-create"]').count()) > 0) throw new Error('the DRC is offered 发布通报')
      await expectText(p, `[data-testid="rpt-bulletin-period-${s.bulletinId}"]`, `${year}年${month}月`)
      await noRawText(p, '通报 (DRC)')
      await p.locator(`[data-testid="rpt-bulletin-open-${s.bulletinId}"]`).click()
      await p.waitForURL((u) => u.pathname === `/bulletins/${s.bulletinId}`)
      await settled(p, 'bulletin-detail')
      await expectText(p, '[data-testid="rpt-bulletin-title-shown"]', title)
      await expectText(p, '[data-testid="rpt-bulletin-note-shown"]', '请各发改部门')
      const rows = await p.locator('[data-testid="rpt-bulletin-districts"] .el-table__body-wrapper .el-table__row').count()
      if (rows !== b.figures.districts.length) throw new Error(`the districts table shows ${rows} rows, the bulletin ${b.figures.districts.length}`)
      await expectVisible(p, '[data-testid="rpt-bulletin-supervision"] [data-testid="kpi-publication_rate"]', 'the supervision cards')
      await noRawText(p, 'the bulletin (DRC)')
      await shot(p, 'annual-bulletin-drc-1440.png', 2000)
      const pdf = await p.evaluate(async (id) => {
        const r = await fetch(`/api/v1/bulletins/${id}/bulletin.pdf`)
        return { status: r.status, head: new TextDecoder().decode((await r.arrayBuffer()).slice(0, 5)) }
      }, s.bulletinId)
      if (pdf.status !== 200 || pdf.head !== '%PDF-') throw new Error(`the bulletin's PDF answers ${pdf.status} ${pdf.head}`)
    })
    await as(
      browser,
      base,
      'drc',
      async (p) => {
        await p.goto(`/bulletins/${s.bulletinId}`)
        await settled(p, 'bulletin-detail')
        await expectFits(p, 'the bulletin')
        await shot(p, 'annual-bulletin-390.png', 3000)
      },
      { width: 390, height: 844 },
    )
  })
}
