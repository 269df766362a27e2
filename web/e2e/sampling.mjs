// Browser scenarios of sampling verification plans (抽样检定) on the `mvis demo` data: the city
// bureau (`city`) plans a sampling of 江岸区's AC chargers at 5 % carried out by 武汉市计量测试检定研究所,
// draws it with a typed seed, reads the summary (frame, strata, sample, coverage) and the sample,
// replays it (复核 一致), and draws again with a reason (历次抽取 then lists 2 draws); the pages
// fit a 390 px phone without sideways scrolling; the institute (`verifier`) finds the plan in its
// list and reads the sample without the draw button; 江岸区's bureau sees the plan, 洪山区's does
// not. E2E_SCREENSHOTS=1 keeps sampling-*.png (1440 and 390 px). Registered by run.mjs with its
// page helpers.
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
}
