// Browser scenario of 信用风险分类 (enterprise credit-risk classes) on the `mvis demo` data: 江岸区's
// bureau (`jiangan`) opens 企业档案 and the 信用 drawer of 武汉新能源充电科技有限公司: a class tag that
// agrees with the API, the score, 5 indicator rows and the note that A 类 is not 免检, no raw keys;
// 重新计算; 调整分类 to D with a reason (人工调整 shown, the tag D), then 取消调整 with a reason (the
// computed class back in force). At 390 px the drawer takes the whole screen without scrolling
// sideways. E2E_SCREENSHOTS=1 keeps credit-*.png. Registered by run.mjs with its page helpers.
import { join } from 'node:path'
import { rawFragments } from './rawText.mjs'
import { DEMO_PASSWORD } from './verification.mjs'

const ENTERPRISE = '武汉新能源充电科技有限公司'
const INDICATORS = 5
const CLASS_NAMES = { A: '低风险', B: '一般风险', C: '较高风险', D: '高风险' }

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, choose, expectVisible, expectMessage, uiLogin, OUT, SCREENSHOTS
 */
export function registerCreditScenarios(test, h) {
  const { fill, choose, expectVisible, expectMessage, uiLogin, OUT, SCREENSHOTS } = h
  const drawer = '[data-testid="credit-drawer"]'
  const dialog = '[data-testid="credit-dialog"]'
  const tag = `${drawer} [data-testid="credit-class"]`

  /** Waits until nothing inside `selector` shows a loading mask. */
  async function settled(page, selector) {
    await expectVisible(page, selector)
    await page.waitForFunction((sel) => ![...document.querySelectorAll(`${sel} .el-loading-mask`)].some((e) => e.getClientRects().length > 0), selector)
  }

  /** A screenshot without the passing notices. */
  async function shot(page, name) {
    if (!SCREENSHOTS) return
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(OUT, name) })
    await style.evaluate((e) => e.remove())
  }

  /** The class letter the drawer's tag shows ("D 类 · 高风险" → "D"), checked against its name. */
  async function shownClass(page) {
    const text = (await page.locator(tag).innerText()).trim()
    const m = text.match(/^([ABCD]) 类 · (\S+)$/)
    if (!m || CLASS_NAMES[m[1]] !== m[2]) throw new Error(`the class tag shows "${text}"`)
    return m[1]
  }

  /** The enterprise's class as the API answers it. */
  const apiCredit = (page, orgId) => page.evaluate(async (id) => (await fetch(`/api/v1/enterprises/${id}/credit`)).json(), orgId)

  /** 企业档案 (already open), the enterprise's row, its 信用 link: the drawer once loaded; the org id. */
  async function openCredit(page) {
    await settled(page, '[data-testid="archive-table"]')
    await fill(page, 'archive-q', ENTERPRISE)
    const row = page.locator('[data-testid="archive-table"] .el-table__row', { hasText: ENTERPRISE }).first()
    await row.waitFor({ state: 'visible' })
    const link = row.locator('[data-testid^="archive-credit-"]').first()
    const orgId = Number((await link.getAttribute('data-testid')).split('-').pop())
    await link.click()
    await expectVisible(page, tag, 'the class tag in the 信用 drawer')
    await settled(page, `${drawer} [data-testid="credit-body"]`)
    return orgId
  }

  /** Opens the dialog of `button`, types the reason (after checking it is required) and submits. */
  async function adjust(page, button, reason, cls) {
    await page.locator(`${drawer} [data-testid="${button}"]`).click()
    await expectVisible(page, `${dialog} [data-testid="credit-dialog-submit"]`, 'the 调整 dialog')
    await page.locator(`${dialog} [data-testid="credit-dialog-submit"]`).click()
    await expectVisible(page, `${dialog} .el-form-item__error:has-text("原因")`, 'the reason required')
    if (cls) {
      await choose(page, 'credit-dialog-class', `${cls} 类`)
      await page.locator(`${dialog} .el-dialog__title`).click() // closes the select (Escape would close the dialog)
    }
    await fill(page, 'credit-dialog-reason', reason)
    await page.locator(`${dialog} [data-testid="credit-dialog-submit"]`).click()
    await page.locator(dialog).waitFor({ state: 'hidden' })
  }

  test('credit: 江岸区 reads, recomputes, adjusts and clears the credit-risk class of an enterprise', async ({ page }) => {
    await uiLogin(page, 'jiangan', DEMO_PASSWORD)
    await page.locator('[data-testid="menu-archive"]').click()
    await page.waitForURL((u) => u.pathname === '/archive')
    const orgId = await openCredit(page)

    // The class, the score and the indicators, as the API answers them.
    const first = await apiCredit(page, orgId)
    if (first.org_name !== ENTERPRISE) throw new Error(`the API answers the credit of "${first.org_name}"`)
    await expectVisible(page, `${drawer} [data-testid="credit-org"]:has-text("${ENTERPRISE}")`, 'the enterprise name in the drawer')
    if ((await shownClass(page)) !== first.class) throw new Error(`the tag shows class ${await shownClass(page)}, the API ${first.class}`)
    const score = Number(((await page.locator(`${drawer} [data-testid="credit-score"]`).innerText()).match(/\d+(?:\.\d)?/) ?? ['NaN'])[0])
    if (!(Math.abs(score - first.score) <= 0.051)) throw new Error(`得分 shows ${score}, the API ${first.score}`)
    if (!(await page.locator(`${drawer} [data-testid="credit-computed-at"]`).innerText()).trim()) throw new Error('计算时间 is empty')
    const rows = await page.locator(`${drawer} [data-testid="credit-indicators"] .el-table__body-wrapper .el-table__row`).count()
    if (rows !== INDICATORS) throw new Error(`the indicators table has ${rows} rows, expected ${INDICATORS}`)
    for (const ind of first.indicators) await expectVisible(page, `${drawer} [data-testid="credit-indicators"] .el-table__row:has-text("${ind.name}")`, `indicator ${ind.name}`)
    await expectVisible(page, `${drawer} [data-testid="credit-not-exempt"]:has-text("A 类不等于免检")`, 'A 类不等于免检')
    const raw = rawFragments(await page.locator(drawer).innerText())
    if (raw.length) throw new Error(`the drawer shows raw keys or codes: ${raw.join(', ')}`)
    await shot(page, 'credit-1440.png')

    // 重新计算.
    await page.locator(`${drawer} [data-testid="credit-recompute"]`).click()
    await expectMessage(page, '已重新计算')
    await settled(page, `${drawer} [data-testid="credit-body"]`)
    const computed = (await apiCredit(page, orgId)).computed_class

    // 调整分类 to D with a reason: 人工调整 shown and D in force.
    const reason = `E2E：近期投诉集中，经现场核查列为重点监管对象${Date.now() % 10000}`
    await adjust(page, 'credit-adjust', reason, 'D')
    await expectMessage(page, '信用风险分类已调整为 D 类')
    await expectVisible(page, `${drawer} [data-testid="credit-override"]:has-text("人工调整为 D")`, '人工调整为 D')
    await expectVisible(page, `${drawer} [data-testid="credit-override"]:has-text("系统计算 ${computed}")`, `系统计算 ${computed}`)
    await expectVisible(page, `${drawer} [data-testid="credit-override"]:has-text("${reason}")`, 'the reason of the adjustment')
    if ((await shownClass(page)) !== 'D') throw new Error(`after adjusting to D the tag shows ${await shownClass(page)}`)
    const adjusted = await apiCredit(page, orgId)
    if (adjusted.class !== 'D' || adjusted.override?.class !== 'D') throw new Error(`the API answers class ${adjusted.class}, override ${JSON.stringify(adjusted.override)}`)
    await shot(page, 'credit-adjusted-1440.png')

    // 取消调整 with a reason: the computed class back in force.
    await adjust(page, 'credit-clear', 'E2E：投诉问题已整改完毕，恢复按指标分类')
    await expectMessage(page, '已取消人工调整')
    await page.locator(`${drawer} [data-testid="credit-override"]`).waitFor({ state: 'detached' })
    if ((await page.locator(`${drawer} [data-testid="credit-clear"]`).count()) > 0) throw new Error('取消调整 still offered without an adjustment')
    const cleared = await apiCredit(page, orgId)
    if (cleared.override !== null || cleared.class !== cleared.computed_class) throw new Error(`after clearing the API answers class ${cleared.class}, computed ${cleared.computed_class}, override ${JSON.stringify(cleared.override)}`)
    if ((await shownClass(page)) !== cleared.class) throw new Error(`after clearing the tag shows ${await shownClass(page)}, the API ${cleared.class}`)

    // A 390 px phone: the drawer takes the screen and does not scroll sideways (its table does).
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/archive')
    await openCredit(page)
    const fit = await page.locator(drawer).evaluate((e) => {
      const body = e.querySelector('.el-drawer__body')
      return { width: e.getBoundingClientRect().width, over: body ? body.scrollWidth - body.clientWidth : 0 }
    })
    if (fit.width < 389) throw new Error(`at 390 px the drawer is ${fit.width} px wide`)
    if (fit.over > 1) throw new Error(`at 390 px the drawer scrolls sideways by ${fit.over} px`)
    await expectVisible(page, `${drawer} [data-testid="credit-recompute"]`, '重新计算 at 390 px')
    await shot(page, 'credit-390.png')
  })
}
