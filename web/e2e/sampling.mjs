// Browser scenarios of sampling verification plans (抽样检定) on the `mvis demo` data: the city
// bureau (`city`) plans a sampling of 江岸区's AC chargers at 5 % carried out by 武汉市计量测试检定研究所,
// draws it with a typed seed, reads the summary (frame, strata, sample, coverage) and the sample,
// replays it (复核 一致), and draws again with a reason (历次抽取 then lists 2 draws); the pages
// fit a 390 px phone without sideways scrolling; the institute (`verifier`) finds the plan in its
// list and reads the sample without the draw button; 江岸区's bureau sees the plan, 洪山区's does
// not. Then the execution: the city bureau dispatches the on-site tasks (下发检定任务: 已下发, the
// 执行情况 card, each unit's task, no redraw) and asks the enterprises for 举一反三; the institute
// marks one sampled unit 不具备检定条件 and records another, a charger of 武汉新能源充电科技有限公司,
// through the record form with a working error out of limits (不合格), signed by verifier, checker
// and approver; the plan page then shows both outcomes with their 整改 orders; the 抽检分析报告 as
// PDF (pages 1–2 rendered with pdftoppm, its text read with pdftotext) and as Excel.
// e2e/rectification.mjs goes on with the failure's order. E2E_SCREENSHOTS=1 keeps sampling-*.png
// and sampling-exec-*.png (1440 and 390 px). Registered by run.mjs with its page helpers; returns
// the state the later scenarios share (the plan, the failed unit and its order).
import { execFileSync } from 'node:child_process'
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { call } from './filing.mjs'
import { randomChars } from './util.mjs'
import { DEMO_PASSWORD } from './verification.mjs'

const INSTITUTE = '武汉市计量测试检定研究所'
const JIANGAN = '420102'
/** Seeds as typed from a public source (a lottery draw, dice): 22 and 30 digits. */
const SEED = '2027010512345678901234'
const RESEED = '314159265358979323846264338327'

/** The calendar date in China, `days` ahead. */
function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS
 * @returns     the scenarios’ shared state: planId, name, tasks, failed (the failed unit with its rectification_id), …
 */
export function registerSamplingScenarios(test, h) {
  const { fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS } = h
  const s = { name: `E2E江岸区交流充电桩抽样检定${randomChars(4)}` }
  const login = (page, username) => uiLogin(page, username, DEMO_PASSWORD)
  const need = (...keys) => {
    for (const k of keys) if (s[k] === undefined) throw new Error(`needs ${k} from an earlier scenario`)
  }
  const planRow = (name) => `[data-testid="sampling-plan-table"] .el-table__row:has-text("${name}")`

  async function expectText(page, selector, text, what) {
    await expectVisible(page, `${selector}:has-text("${text}")`, what ?? `"${text}" in ${selector}`)
  }

  /** Waits until nothing inside `testid` (or the page) is loading. */
  async function settled(page, testid) {
    if (testid) await expectVisible(page, `[data-testid="${testid}"]`, testid)
    await page.waitForFunction(
      (id) => ![...(id ? document.querySelectorAll(`[data-testid="${id}"] .el-loading-mask`) : document.querySelectorAll('.el-loading-mask'))].some((e) => e.getClientRects().length > 0),
      testid ?? null,
    )
  }

  /** A full-page screenshot without the passing notices; the layout scrolls inside the viewport, so grow it. */
  async function shot(page, name, height = 1800) {
    const size = page.viewportSize()
    await page.setViewportSize({ width: size.width, height })
    await settled(page)
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(OUT, name), fullPage: true })
    await style.evaluate((e) => e.remove())
    await page.setViewportSize(size)
  }

  /** The page scrolls sideways neither as a whole nor in its main area (tables scroll inside). */
  async function expectNoSidewaysScroll(page, where) {
    const over = await page.evaluate(() => {
      const doc = document.documentElement
      const main = document.querySelector('.el-main')
      return { doc: doc.scrollWidth - doc.clientWidth, main: main ? main.scrollWidth - main.clientWidth : 0 }
    })
    if (over.doc > 1 || over.main > 1) throw new Error(`${where} scrolls sideways at ${page.viewportSize().width} px: page by ${over.doc} px, main area by ${over.main} px`)
  }

  /** The figures of the current draw's summary as numbers. */
  async function summary(page) {
    const num = async (testid) => Number(((await page.locator(`[data-testid="${testid}"]`).innerText()).match(/\d+/) ?? ['NaN'])[0])
    const coverage = (await page.locator('[data-testid="sum-coverage"]').innerText()).trim()
    return { frame: await num('sum-frame'), strata: await num('sum-strata'), sample: await num('sum-sample'), coverage, seed: (await page.locator('[data-testid="sum-seed"]').innerText()).trim() }
  }

  /** Opens the draw dialog, types the seed (and the reason of a redraw) and draws. */
  async function drawWith(page, seed, reason) {
    await page.locator('[data-testid="sp-draw"]').click()
    const dialog = '[data-testid="draw-dialog"]'
    await expectVisible(page, `${dialog} [data-testid="draw-submit"]`, 'draw dialog')
    const seedInput = page.locator(`${dialog} input[data-testid="draw-seed"], ${dialog} [data-testid="draw-seed"] input`).first()
    // 生成 fills 24 random digits from the browser's generator; a typed seed replaces them.
    await page.locator('[data-testid="draw-generate"]').click()
    const generated = await seedInput.inputValue()
    if (!/^[1-9]\d{23}$/.test(generated)) throw new Error(`生成 made the seed "${generated}", expected 24 digits`)
    await seedInput.fill(seed)
    if (reason !== undefined) {
      await expectText(page, '[data-testid="draw-warning"]', '仍保留', 'the warning that the earlier draw stays')
      // The reason is required for a redraw.
      await page.locator('[data-testid="draw-submit"]').click()
      await expectVisible(page, `${dialog} .el-form-item__error:has-text("请填写重新抽取原因")`, 'reason required')
      await fill(page, 'draw-reason', reason)
    }
    await page.locator('[data-testid="draw-submit"]').click()
    await page.locator(dialog).waitFor({ state: 'hidden' })
  }

  async function replayMatches(page) {
    await page.locator('[data-testid="sp-replay"]').click()
    await expectVisible(page, '[data-testid="replay-result"].el-alert--success', '复核 result (success)')
    await expectText(page, '[data-testid="replay-result"]', '复核一致')
    if ((await page.locator('[data-testid="replay-result"]').innerText()).includes('不一致')) throw new Error('复核 says 不一致')
  }

  test('sampling: the city bureau plans 江岸区 AC chargers at 5 %, draws with a typed seed and the replay matches', async ({ page, base }) => {
    await login(page, 'city')
    await page.locator('[data-testid="menu-sampling-plans"]').click()
    await page.waitForURL((u) => u.pathname === '/supervision/sampling')
    await settled(page, 'sampling-plan-table')

    // 新建计划: 江岸区, the AC type only (the charger types are chosen by default), 5 %, the institute.
    await page.locator('[data-testid="sp-create"]').click()
    const dialog = '[data-testid="sampling-plan-dialog"]'
    await expectVisible(page, `${dialog} [data-testid="sp-submit"]`, '新建计划 dialog')
    // in a dialog, Escape would close the dialog: click its title to close the pickers instead
    const title = page.locator(`${dialog} .el-dialog__title`)
    await fill(page, 'sp-name', s.name)
    await choose(page, 'sp-regions', '江岸区')
    await title.click()
    await expectText(page, `${dialog} [data-testid="sp-regions"]`, '江岸区')
    await expectText(page, `${dialog} [data-testid="sp-types"]`, '非车载充电机', 'the DC type chosen by default')
    await choose(page, 'sp-types', '非车载充电机') // a chosen option: clicking it unchooses it
    await title.click()
    await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
    const types = await page.locator(`${dialog} [data-testid="sp-types"]`).innerText()
    if (!types.includes('交流充电桩') || types.includes('非车载充电机')) throw new Error(`器具类型 shows "${types}", expected the AC type only`)
    await fill(page, 'sp-ratio', '5')
    await page.keyboard.press('Tab')
    await choose(page, 'sp-institute', INSTITUTE)
    await title.click()
    await fill(page, 'sp-deadline', chinaDate(90))
    await page.keyboard.press('Enter')
    await title.click()
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'sampling-new-plan.png') })
    await page.locator('[data-testid="sp-submit"]').click()
    await expectMessage(page, '抽样计划已创建')
    await page.waitForURL((u) => /^\/supervision\/sampling\/\d+$/.test(u.pathname))
    s.planId = Number(new URL(page.url()).pathname.split('/').pop())
    await settled(page, 'sampling-detail')
    await expectText(page, '[data-testid="sp-title"]', s.name)
    await expectText(page, '[data-testid="sp-status"]', '待抽取')
    await expectText(page, '[data-testid="sp-ratio-value"]', '5%')
    await expectVisible(page, '[data-testid="sp-not-drawn"]', 'not drawn yet')

    // The first draw with a typed seed.
    await drawWith(page, SEED)
    await expectMessage(page, '样本已抽取')
    await expectText(page, '[data-testid="sp-status"]', '已抽取')
    await expectVisible(page, '[data-testid="sp-summary"]', 'draw summary')
    const sum = await summary(page)
    if (sum.seed !== SEED) throw new Error(`summary shows the seed ${sum.seed}, expected ${SEED}`)
    const byRatio = Math.ceil((5 * sum.frame) / 100)
    if (!(sum.frame > 0) || !(sum.strata > 0) || sum.sample !== Math.min(sum.frame, Math.max(byRatio, sum.strata))) {
      throw new Error(`frame ${sum.frame}, strata ${sum.strata}: sample ${sum.sample} is not max(⌈5% × N⌉, strata)`)
    }
    if (sum.coverage !== `${sum.strata}/${sum.strata}`) throw new Error(`覆盖品牌型号 is ${sum.coverage}, expected every stratum`)
    await expectText(page, '[data-testid="sum-ratio"]', `${sum.sample}/${sum.frame}`)
    await expectText(page, '[data-testid="sum-algorithm"]', 'sha256-mod-v1')
    const rows = await page.locator('[data-testid="sp-sample-table"] .el-table__row').count()
    if (rows !== Math.min(sum.sample, 20)) throw new Error(`sample table shows ${rows} rows, expected ${Math.min(sum.sample, 20)}`)
    // The regulator opens 器具详情 from the sample; the units are 江岸区 AC chargers.
    await expectVisible(page, '[data-testid^="sp-sample-table-open-"]', 'instrument link in the sample')
    const drawn = await page.evaluate(async (id) => (await fetch(`/api/v1/sampling-plans/${id}`)).json(), s.planId)
    for (const u of drawn.draws[0].items.slice(0, 3)) {
      const inst = await page.evaluate(async (iid) => (await fetch(`/api/v1/instruments/${iid}`)).json(), u.instrument_id)
      if (inst.type_code !== 'ev_ac_charger' || inst.install_region_code !== JIANGAN) throw new Error(`sampled instrument ${u.instrument_id} is ${inst.type_code} in ${inst.install_region_code}`)
    }

    // 复核: the server recomputes the draw from its frame and seed.
    await replayMatches(page)
    await expectMessage(page, '复核一致')

    // The frozen frame with the sampled units marked, and the excluded list.
    await page.locator('[data-testid="sp-tabs"] .el-tabs__item:has-text("抽样框")').click()
    await settled(page, 'sampling-detail')
    await expectVisible(page, '[data-testid="sp-frame-table"] .el-table__row', 'frame rows')
    await expectText(page, '[data-testid="sampling-detail"] .el-tab-pane:visible', `共 ${sum.frame} 台`)
    await expectVisible(page, '[data-testid="sp-excluded-table"]', '排除清单')
    await page.locator('[data-testid="sp-tabs"] .el-tabs__item:has-text("样本")').first().click()
    await page.locator('[data-testid="sampling-algorithm"] .el-collapse-item__header').click()
    await expectText(page, '[data-testid="sampling-algorithm"]', 'SHA-256')
    if (SCREENSHOTS) await shot(page, 'sampling-detail-1440.png')

    // A 390 px phone (the menu starts folded on a narrow screen, so load the page anew).
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await settled(page, 'sampling-detail')
    await expectVisible(page, '[data-testid="sp-summary"]', 'draw summary at 390 px')
    await expectNoSidewaysScroll(page, 'the plan page')
    if (SCREENSHOTS) await shot(page, 'sampling-detail-390.png', 2400)
    await page.goto('/supervision/sampling')
    await settled(page, 'sampling-plan-table')
    await expectVisible(page, planRow(s.name), 'the plan in the list at 390 px')
    await expectNoSidewaysScroll(page, 'the plan list')
    if (SCREENSHOTS) await shot(page, 'sampling-list-390.png', 1200)
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.reload()
    await settled(page, 'sampling-plan-table')
    await expectText(page, planRow(s.name), '已抽取')
    await expectText(page, planRow(s.name), '江岸区')
    await expectText(page, planRow(s.name), '5%')
    if (SCREENSHOTS) await shot(page, 'sampling-list-1440.png', 900)

    // 重新抽取 with a reason: the first draw stays, 历次抽取 lists both.
    await page.locator(`[data-testid="sp-view-${s.planId}"]`).click()
    await page.waitForURL((u) => u.pathname === `/supervision/sampling/${s.planId}`)
    await settled(page, 'sampling-detail')
    await expectText(page, '[data-testid="sp-draw"]', '重新抽取')
    await drawWith(page, RESEED, '首次样本中有器具已停用，经批准重新抽取')
    await expectMessage(page, '第 2 次抽取')
    await expectText(page, '[data-testid="sum-seed"]', RESEED)
    await expectText(page, '[data-testid="sp-summary"]', '首次样本中有器具已停用')
    await page.locator('[data-testid="sp-tabs"] .el-tabs__item:has-text("历次抽取")').click()
    await expectVisible(page, '[data-testid="sp-history-table"] .el-table__row', 'history rows')
    const history = page.locator('[data-testid="sp-history-table"] .el-table__row')
    if ((await history.count()) !== 2) throw new Error(`历次抽取 lists ${await history.count()} draws, expected 2`)
    await expectText(page, '[data-testid="sp-history-table"] .el-table__row', SEED, 'the first draw kept')
    await expectText(page, '[data-testid="sp-history-table"] .el-table__row', '首次样本中有器具已停用', 'the redraw with its reason')
    await expectText(page, '[data-testid="sp-history-table"] .el-table__row', '当前', 'the current draw marked')
    await replayMatches(page)
    if (SCREENSHOTS) await shot(page, 'sampling-history-1440.png')

    // Scope: 江岸区's bureau sees the plan, 洪山区's does not.
    const names = async (username) => (await call(base, await apiLogin(base, username, DEMO_PASSWORD), 'GET', '/sampling-plans?page_size=100')).items.map((p) => p.name)
    if (!(await names('jiangan')).includes(s.name)) throw new Error('江岸区 bureau does not see the plan of its district')
    if ((await names('hongshan')).includes(s.name)) throw new Error('洪山区 bureau sees a plan of 江岸区')
  })

  test('sampling: the institute finds the plan it carries out and reads the sample', async ({ page }) => {
    need('planId')
    await login(page, 'verifier')
    await page.locator('[data-testid="menu-sampling-plans"]').click()
    await page.waitForURL((u) => u.pathname === '/supervision/sampling')
    await settled(page, 'sampling-plan-table')
    await expectVisible(page, planRow(s.name), 'the plan in the institute’s list')
    await expectText(page, planRow(s.name), INSTITUTE)
    if ((await page.locator('[data-testid="sp-create"]').count()) > 0) throw new Error('the institute is offered 新建计划')
    await page.locator(`[data-testid="sp-view-${s.planId}"]`).click()
    await page.waitForURL((u) => u.pathname === `/supervision/sampling/${s.planId}`)
    await settled(page, 'sampling-detail')
    await expectVisible(page, '[data-testid="sp-sample-table"] .el-table__row', 'sample rows')
    await expectText(page, '[data-testid="sum-seed"]', RESEED)
    if ((await page.locator('[data-testid="sp-draw"]').count()) > 0) throw new Error('the institute is offered 抽取样本')
    // 器具详情 is not open to the institute: instrument numbers are plain text.
    if ((await page.locator('[data-testid^="sp-sample-table-open-"]').count()) > 0) throw new Error('the institute gets links to 器具详情')
    await replayMatches(page)
    if (SCREENSHOTS) await shot(page, 'sampling-institute-1440.png')
  })

  // ---------------------------------------------------------------- execution: 下发, 检定, 整改, 报告
  /** `charger`'s company: it runs 江岸区 AC chargers, and its sampled unit is the one that fails. */
  const ENTERPRISE = '武汉新能源充电科技有限公司'
  const planOf = (page) => page.evaluate(async (id) => (await fetch(`/api/v1/sampling-plans/${id}`)).json(), s.planId)
  const unitRow = (iid) => `[data-testid="sp-sample-table"] .el-table__row:has([data-testid="sp-sample-table-task-${iid}"])`

  /** Another user in the same page: the session cookie goes, the sign-in page comes. */
  async function relogin(page, username) {
    await page.context().clearCookies()
    await login(page, username)
  }

  /** The number a 执行情况 figure shows. */
  const figure = async (page, key) => Number((await page.locator(`[data-testid="sp-progress-${key}"] .value`).innerText()).trim())

  /** An el-input-number: type, then leave it so the model takes the value. */
  async function fillNumber(page, testid, value) {
    await fill(page, testid, String(value))
    await page.keyboard.press('Tab')
  }

  /** Click a sign button and confirm the signature with the signer's password. */
  async function signedWithPassword(page, selector) {
    await page.locator(selector).click()
    const box = page.locator('.el-message-box__input input')
    await box.waitFor({ state: 'visible' })
    await box.fill(DEMO_PASSWORD)
    await page.locator('.el-message-box__btns .el-button--primary').click()
  }

  test('sampling: the city bureau dispatches the tasks (下发检定任务), follows the execution and asks for 举一反三', async ({ page, base }) => {
    need('planId')
    await login(page, 'city')
    await page.goto(`/supervision/sampling/${s.planId}`)
    await settled(page, 'sampling-detail')
    await expectText(page, '[data-testid="sp-status"]', '已抽取')
    await expectVisible(page, '[data-testid="sp-progress"]', '执行情况 of the drawn plan')
    if ((await page.locator('[data-testid="sp-followups-ask"]').count()) > 0) throw new Error('要求企业举一反三 offered before the tasks are dispatched')

    // 下发检定任务, confirmed: the question names the institute and that the sample is final.
    await page.locator('[data-testid="sp-dispatch"]').click()
    const box = page.locator('.el-message-box')
    await box.waitFor({ state: 'visible' })
    const question = await box.innerText()
    for (const want of ['下发检定任务', INSTITUTE, '使用中检查', '不能再重新抽取']) if (!question.includes(want)) throw new Error(`the dispatch confirmation lacks "${want}": ${question}`)
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await expectVisible(page, '.el-message:has-text("个检定任务，已通知运营企业和检定机构")', 'notice 已下发 N 个检定任务')
    await expectText(page, '[data-testid="sp-status"]', '已下发')
    await settled(page, 'sampling-detail')

    // Each sampled unit got an on-site task with the plan's institute, unless it is in another open appointment.
    const plan = await planOf(page)
    if (plan.status !== 'dispatched') throw new Error(`the plan is ${plan.status} after 下发, expected dispatched`)
    const tasks = plan.sample.filter((u) => u.appointment_id)
    const untasked = plan.sample.filter((u) => !u.appointment_id)
    if (tasks.length === 0) throw new Error('no sampled unit got a task')
    if (plan.progress.sampled !== plan.sample.length || plan.progress.dispatched !== tasks.length) throw new Error(`progress ${JSON.stringify(plan.progress)} for ${plan.sample.length} units, ${tasks.length} with tasks`)
    if ((await figure(page, 'sampled')) !== plan.sample.length) throw new Error(`执行情况 shows 样本 ${await figure(page, 'sampled')}, expected ${plan.sample.length}`)
    if ((await figure(page, 'dispatched')) !== tasks.length) throw new Error(`执行情况 shows 已下发 ${await figure(page, 'dispatched')}, expected ${tasks.length}`)
    if ((await figure(page, 'verified')) !== 0) throw new Error(`执行情况 shows 已检定 ${await figure(page, 'verified')} before any record`)
    await expectText(page, '[data-testid="sp-progress"]', `已检定 0/${plan.sample.length} 台`)
    await expectVisible(page, '[data-testid="sp-report-pdf"]', '下载 PDF')
    await expectVisible(page, '[data-testid="sp-report-xlsx"]', '下载 Excel')
    const appt = await page.evaluate(async (id) => (await fetch(`/api/v1/appointments/${id}`)).json(), tasks[0].appointment_id)
    if (appt.status !== 'accepted' || appt.mode !== 'on_site' || appt.sampling_plan_id !== s.planId || appt.institute_name !== INSTITUTE) {
      throw new Error(`task #${appt.id} is ${appt.status}, ${appt.mode}, plan ${appt.sampling_plan_id}, ${appt.institute_name}`)
    }
    // The sample table: each unit's task (#id, 已受理); units left out are named under 执行情况.
    for (const u of tasks.slice(0, 10)) {
      await expectText(page, `[data-testid="sp-sample-table-task-${u.instrument_id}"]`, `#${u.appointment_id}`, `the task link of unit ${u.instrument_id}`)
      await expectText(page, unitRow(u.instrument_id), '已受理', `已受理 for unit ${u.instrument_id}`)
    }
    if (untasked.length > 0) {
      await expectText(page, '[data-testid="sp-skipped"]', `${untasked.length} 台器具未下发检定任务`, 'the units left without a task')
      await expectVisible(page, '[data-testid="sp-dispatch"]', '下发检定任务 again for the units left out')
    } else if ((await page.locator('[data-testid="sp-dispatch"]').count()) > 0) throw new Error('下发检定任务 still offered with every unit tasked')
    // No redraw once dispatched, neither offered nor accepted.
    if ((await page.locator('[data-testid="sp-draw"]').count()) > 0) throw new Error('重新抽取 offered after 下发')
    const city = await apiLogin(base, 'city', DEMO_PASSWORD)
    const redraw = await call(base, city, 'POST', `/sampling-plans/${s.planId}/draw`, { seed: RESEED, reason: '下发后重新抽取' }).then(
      () => 'accepted',
      (e) => e.message,
    )
    if (!/HTTP 4\d\d/.test(redraw)) throw new Error(`a redraw after 下发 was ${redraw}`)
    s.tasks = tasks
    s.sampleSize = plan.sample.length

    // 举一反三: a deadline (required) and a note, one order to each enterprise of the sample.
    await page.locator('[data-testid="sp-followups-ask"]').click()
    const dialog = '[data-testid="followup-dialog"]'
    await expectVisible(page, `${dialog} [data-testid="followup-submit"]`, '要求企业举一反三 dialog')
    await page.locator(`${dialog} [data-testid="followup-submit"]`).click()
    await expectVisible(page, `${dialog} .el-form-item__error`, 'the deadline required')
    await fill(page, 'followup-deadline', chinaDate(30))
    await page.keyboard.press('Enter')
    await page.locator(`${dialog} .el-dialog__title`).click()
    await fill(page, 'followup-note', 'E2E：自查同品牌型号充电桩的计量性能、铅封和计量标识')
    await page.locator(`${dialog} [data-testid="followup-submit"]`).click()
    await page.locator(dialog).waitFor({ state: 'hidden' })
    const orgs = new Set(plan.sample.map((u) => u.org_name))
    await expectMessage(page, `已向 ${orgs.size} 家企业发出举一反三整改要求`)
    const followups = page.locator('[data-testid="sp-followups-table"] .el-table__row')
    await followups.first().waitFor()
    if ((await followups.count()) !== orgs.size) throw new Error(`举一反三 lists ${await followups.count()} enterprises, expected ${orgs.size}`)
    for (const org of orgs) await expectText(page, '[data-testid="sp-followups-table"] .el-table__row', org, `举一反三 of ${org}`)
    await expectText(page, '[data-testid="sp-followups-table"] .el-table__row', '待整改')
    if (SCREENSHOTS) await shot(page, 'sampling-exec-1440.png', 2600)

    // A 390 px phone: the execution columns scroll inside the table, the page does not.
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await settled(page, 'sampling-detail')
    await expectVisible(page, '[data-testid="sp-progress"]', '执行情况 at 390 px')
    await expectNoSidewaysScroll(page, 'the dispatched plan page')
    if (SCREENSHOTS) await shot(page, 'sampling-exec-390.png', 4200)
  })

  test('sampling: the institute marks a sampled unit 不具备检定条件, records another out of limits (不合格) and signs it; the plan shows both with their 整改', async ({ page }) => {
    need('tasks')
    // The failing unit: a task of 武汉新能源 (signed in as `charger` later), still to be recorded.
    const fail = s.tasks.find((u) => u.org_name === ENTERPRISE && u.appointment_status === 'accepted')
    if (!fail) throw new Error(`no dispatched unit of ${ENTERPRISE} in the sample: ${s.tasks.map((u) => u.org_name).join('、')}`)
    const other = s.tasks.find((u) => u.instrument_id !== fail.instrument_id && u.appointment_status === 'accepted')

    // The verifier opens the task from the plan page: a free 抽样检定 naming its plan.
    await login(page, 'verifier')
    await page.goto(`/supervision/sampling/${s.planId}`)
    await settled(page, 'sampling-detail')
    await page.locator(`[data-testid="sp-sample-table-task-${fail.instrument_id}"]`).click()
    await page.waitForURL((u) => u.pathname === `/appointments/${fail.appointment_id}`)
    await settled(page, 'appointment-detail')
    await expectText(page, '[data-testid="appt-sampling-tag"]', '抽样检定')
    await expectText(page, '[data-testid="appt-sampling-plan"]', s.name)
    await expectText(page, '[data-testid="appt-status"]', '已受理')
    const appt = await page.evaluate(async (id) => (await fetch(`/api/v1/appointments/${id}`)).json(), fail.appointment_id)
    const c = appt.instruments.find((i) => i.id === fail.instrument_id)
    if (!c) throw new Error(`task #${fail.appointment_id} does not hold instrument ${fail.instrument_id}`)

    // 不具备检定条件 on another unit (when the sample has one): a reason, then the order opens.
    if (other) {
      await page.goto(`/appointments/${other.appointment_id}`)
      await settled(page, 'appointment-detail')
      await page.locator(`[data-testid="unverifiable-mark-${other.instrument_id}"]`).click()
      const dialog = '[data-testid="unverifiable-dialog"]'
      await expectVisible(page, `${dialog} [data-testid="unverifiable-dialog-submit"]`, '不具备检定条件 dialog')
      await page.locator(`${dialog} [data-testid="unverifiable-dialog-submit"]`).click()
      await expectVisible(page, `${dialog} .el-form-item__error`, 'the reason required')
      await fill(page, 'unverifiable-dialog-reason', 'E2E：现场充电桩无法通电，不具备检定条件')
      await page.locator(`${dialog} [data-testid="unverifiable-dialog-submit"]`).click()
      await expectMessage(page, '已标记不具备检定条件，已向企业发出整改通知')
      await expectText(page, `[data-testid="unverifiable-${other.instrument_id}"]`, '不具备检定条件')
      if ((await page.locator(`[data-testid="record-${other.instrument_id}"]`).count()) > 0) throw new Error('录入 still offered on the unit marked 不具备检定条件')
      s.unverifiableUnit = other
      await page.goto(`/appointments/${fail.appointment_id}`)
      await settled(page, 'appointment-detail')
    }

    // The record form, as verification.mjs fills it, the kind fixed to 使用中检查.
    await page.locator(`[data-testid="record-${fail.instrument_id}"]`).click()
    await page.waitForURL((u) => u.pathname === '/verifications/new')
    await expectText(page, '[data-testid="record-instrument"]', fail.serial_no)
    await expectText(page, '[data-testid="form-kind"]', '使用中检查')
    if (!(await page.locator('[data-testid="form-kind"]').evaluate((e) => !!e.closest('.is-disabled') || !!e.querySelector('.is-disabled')))) throw new Error('检定类别 can be changed on a sampling task')
    await expectText(page, '[data-testid="form-kind-hint"]', '抽样检定任务按使用中检查录入')
    await page.locator('[data-testid="form-standards"]').click()
    await page.locator('.el-select-dropdown__item:visible:not(.is-disabled)', { hasText: '交流充电桩检定装置' }).first().click()
    await page.keyboard.press('Escape')
    await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
    await fillNumber(page, 'form-temperature', 23)
    await fillNumber(page, 'form-humidity', 60)
    await fillNumber(page, 'form-insulation', 80)
    const checks = page.locator('[data-testid="form-checklist"] .el-radio-group')
    const n = await checks.count()
    if (n === 0) throw new Error('no checklist items')
    for (let i = 0; i < n; i++) {
      const pass = checks.nth(i).locator('.el-radio').first()
      if (!(await pass.evaluate((e) => e.classList.contains('is-checked')))) await pass.click()
    }
    // Imax within limits; 0.5 Imax +5 % (beyond the limit); 0.1 Imax within.
    const imax = c.charger?.max_current_a ?? 32
    const volts = c.charger?.rated_voltage_v ?? 220
    const points = [
      [imax, volts, 5, 5.01],
      [imax / 2, volts, 5, 5.25],
      [imax / 10, volts, 2, 1.996],
    ]
    const keys = ['current_a', 'voltage_v', 'standard_energy_kwh', 'charger_energy_kwh']
    for (let i = 0; i < points.length; i++) {
      if (i > 0) await page.locator('[data-testid="lp-add"]').click()
      for (let k = 0; k < keys.length; k++) await fillNumber(page, `lp-${i}-${keys[k]}`, points[i][k])
      await expectVisible(page, `[data-testid="lp-${i}-preview"]`, `error preview of load point ${i + 1}`)
    }
    await expectVisible(page, '[data-testid="lp-1-preview"].bad:has-text("+5.0")', 'the preview of the failing load point (+5.0, in red)')
    if (c.charger?.tou_billing) await fillNumber(page, 'form-clock', 2)
    await page.locator('[data-testid="record-save"]').click()
    await expectMessage(page, '检定记录已保存')
    await page.waitForURL((u) => /^\/verifications\/\d+$/.test(u.pathname))
    const recordId = Number(new URL(page.url()).pathname.split('/').pop())
    await expectText(page, '[data-testid="conclusion-panel"] [data-testid="conclusion-fail"]', '不合格')
    await expectText(page, '[data-testid="failed-items"]', '工作误差')
    await expectText(page, '[data-testid="lp-1-server"]', '不合格')
    await expectText(page, '[data-testid="record-status"]', '草稿')
    await signedWithPassword(page, '[data-testid="sign-verifier"]')
    await expectMessage(page, '已签名')
    await expectText(page, '[data-testid="record-status"]', '待核验')

    // The checker and the approver sign, each with their password: the result notice is issued.
    await relogin(page, 'checker')
    await page.goto(`/verifications/${recordId}`)
    await expectText(page, '[data-testid="record-status"]', '待核验')
    await signedWithPassword(page, '[data-testid="sign-checker"]')
    await expectMessage(page, '已签名')
    await expectText(page, '[data-testid="record-status"]', '待批准')
    await relogin(page, 'approver')
    await page.goto(`/verifications/${recordId}`)
    await expectText(page, '[data-testid="record-status"]', '待批准')
    await signedWithPassword(page, '[data-testid="sign-approver"]')
    await expectMessage(page, '已批准，结果通知书已出具')
    await expectText(page, '[data-testid="record-status"]', '已批准')
    await expectVisible(page, '[data-testid="certificate-block"] [data-testid="cert-number"]', 'the result notice number')

    // The city bureau's plan page: 不合格 and 不具备检定条件, each with its 整改 order.
    await relogin(page, 'city')
    await page.goto(`/supervision/sampling/${s.planId}`)
    await settled(page, 'sampling-detail')
    const plan = await planOf(page)
    const failed = plan.sample.find((u) => u.instrument_id === fail.instrument_id)
    if (failed.conclusion !== 'fail' || !failed.rectification_id) throw new Error(`the failed unit answers conclusion ${failed.conclusion}, order ${failed.rectification_id}`)
    await expectText(page, `[data-testid="sp-sample-table-outcome-${fail.instrument_id}"]`, '不合格')
    await expectText(page, `[data-testid="sp-sample-table-rect-${fail.instrument_id}"]`, `#${failed.rectification_id}`, 'the 整改 link of the failed unit')
    await expectText(page, unitRow(fail.instrument_id), '已完成', 'the task 已完成')
    if ((await figure(page, 'failed')) !== 1) throw new Error(`执行情况 shows 不合格 ${await figure(page, 'failed')}, expected 1`)
    if (other) {
      const marked = plan.sample.find((u) => u.instrument_id === other.instrument_id)
      if (!marked.rectification_id) throw new Error('the unit marked 不具备检定条件 has no order')
      await expectText(page, `[data-testid="sp-sample-table-outcome-${other.instrument_id}"]`, '不具备检定条件')
      await expectText(page, `[data-testid="sp-sample-table-rect-${other.instrument_id}"]`, `#${marked.rectification_id}`)
      if ((await figure(page, 'unverifiable')) !== 1) throw new Error(`执行情况 shows 不具备检定条件 ${await figure(page, 'unverifiable')}, expected 1`)
      s.unverifiableUnit = marked
    }
    if (plan.progress.verified < 1 || (await figure(page, 'verified')) !== plan.progress.verified) throw new Error(`已检定 shows ${await figure(page, 'verified')}, the API ${plan.progress.verified}`)
    if (SCREENSHOTS) await shot(page, 'sampling-exec-recorded-1440.png', 2600)
    // The order's link opens it.
    await page.locator(`[data-testid="sp-sample-table-rect-${fail.instrument_id}"]`).click()
    await page.waitForURL((u) => u.pathname === `/supervision/rectifications/${failed.rectification_id}`)
    await expectText(page, '[data-testid="rect-status"]', '待整改')
    await expectText(page, '[data-testid="rect-source-name"]', s.name)
    s.failed = failed
    s.rectificationId = failed.rectification_id
    s.recordId = recordId
  })

  test('sampling: the 抽检分析报告 as PDF (pages 1–2 rendered, charts 图1 and 图2) and as Excel', async ({ page }) => {
    need('failed')
    await login(page, 'city')
    await page.goto(`/supervision/sampling/${s.planId}`)
    await settled(page, 'sampling-detail')
    // 下载 PDF on the page hands the browser a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="sp-report-pdf"]').click()])
    if (!download.suggestedFilename().endsWith('.pdf')) throw new Error(`下载 PDF saved ${download.suggestedFilename()}`)
    await expectMessage(page, '抽检分析报告已开始下载')

    // The same report through the API with the page's session, rendered and read.
    const res = await page.request.get(`/api/v1/sampling-plans/${s.planId}/report.pdf`)
    if (res.status() !== 200) throw new Error(`GET report.pdf: HTTP ${res.status()} ${await res.text()}`)
    if (!(res.headers()['content-type'] ?? '').startsWith('application/pdf')) throw new Error(`report.pdf served as ${res.headers()['content-type']}`)
    const pdf = join(OUT, 'sampling-report.pdf')
    writeFileSync(pdf, await res.body())
    const prefix = join(OUT, 'sampling-report')
    execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '2', pdf, prefix], { timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] })
    for (const p of [1, 2]) {
      const png = [`${prefix}-${p}.png`, `${prefix}-0${p}.png`].find((f) => existsSync(f))
      if (!png) throw new Error(`pdftoppm rendered no page ${p} (a report of one page?)`)
      const size = statSync(png).size
      if (size < 10_000) throw new Error(`page ${p} of the report renders to ${size} bytes: blank?`)
    }
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { timeout: 60_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    for (const want of ['抽检分析报告', INSTITUTE, '覆盖品牌型号', '图1', '图2', ENTERPRISE]) {
      if (!text.includes(want)) throw new Error(`the report's text lacks "${want}"`)
    }

    const xlsx = await page.request.get(`/api/v1/sampling-plans/${s.planId}/report.xlsx`)
    if (xlsx.status() !== 200) throw new Error(`GET report.xlsx: HTTP ${xlsx.status()}`)
    const book = await xlsx.body()
    if (book.subarray(0, 2).toString() !== 'PK' || book.length < 2000) throw new Error(`report.xlsx is not a workbook (${book.length} bytes)`)
    writeFileSync(join(OUT, 'sampling-report.xlsx'), book)
  })

  return s
}
