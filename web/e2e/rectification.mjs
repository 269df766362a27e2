// Browser scenarios of a rectification order (整改通知 / 整改督办) on the order e2e/sampling.mjs opened
// when the institute recorded a sampled charger of 武汉新能源充电科技有限公司 out of limits: the
// enterprise (`charger`) finds it under 整改通知, reads it and submits 整改情况 on a 390 px phone
// (neither the page nor the dialog wider than the screen); 江岸区's bureau (`jiangan`) finds it under
// 整改督办, returns it with a reason (退回整改); the enterprise reads the reason and answers again;
// 江岸区 accepts it (验收通过, 已完结) and the timeline shows every step; 洪山区's bureau (`hongshan`)
// neither lists nor opens it. No raw keys or codes on the pages. E2E_SCREENSHOTS=1 keeps
// rectification-*.png (1440 and 390 px). Registered by run.mjs with its page helpers and the state
// of the sampling scenarios.
import { join } from 'node:path'
import { call } from './filing.mjs'
import { rawFragments } from './rawText.mjs'
import { DEMO_PASSWORD } from './verification.mjs'

const ENTERPRISE = '武汉新能源充电科技有限公司'
const FIRST_ANSWER = 'E2E：已停止该充电桩的贸易结算使用，更换计量模块。'
const RETURN_REASON = 'E2E：未附维修记录和重新检定的预约编号，请补充后再次提交'
const SECOND_ANSWER = 'E2E：已停止该充电桩的贸易结算使用，由厂家更换计量模块并自检合格；\n维修记录编号 WX-2027-0012，已重新预约检定。'

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS,
 *              and `sampling`, the state registerSamplingScenarios returns (its order: rectificationId, failed)
 */
export function registerRectificationScenarios(test, h) {
  const { fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS } = h
  const s = h.sampling
  const login = (page, username) => uiLogin(page, username, DEMO_PASSWORD)
  const need = (...keys) => {
    for (const k of keys) if (s[k] === undefined) throw new Error(`needs ${k} from the sampling scenarios`)
  }
  const row = () => `[data-testid="rect-table"] .el-table__row:has([data-testid="rect-open-${s.rectificationId}"])`
  const detailPath = () => `/supervision/rectifications/${s.rectificationId}`

  async function expectText(page, selector, text, what) {
    await expectVisible(page, `${selector}:has-text("${text}")`, what ?? `"${text}" in ${selector}`)
  }

  /** Waits until nothing inside `testid` shows a loading mask. */
  async function settled(page, testid) {
    await expectVisible(page, `[data-testid="${testid}"]`, testid)
    await page.waitForFunction((id) => ![...document.querySelectorAll(`[data-testid="${id}"] .el-loading-mask`)].some((e) => e.getClientRects().length > 0), testid)
  }

  /** A screenshot of the whole page (the layout scrolls inside the viewport, so grow it), without the notices. */
  async function shot(page, name, height = 1400) {
    if (!SCREENSHOTS) return
    const size = page.viewportSize()
    await page.setViewportSize({ width: size.width, height })
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(OUT, name), fullPage: true })
    await style.evaluate((e) => e.remove())
    await page.setViewportSize(size)
  }

  /**
   * As layout.mjs checks lists at 390 px: neither the page nor el-main (or a card in it) scrolls
   * sideways, and nothing sticks out of el-main's sides; tables scroll inside their own scroller.
   */
  async function expectFits(page, where) {
    const found = await page.evaluate(() => {
      const out = []
      if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth} px wide`)
      const main = document.querySelector('.el-main')
      const box = main.getBoundingClientRect()
      for (const e of [main, ...main.querySelectorAll('*')]) {
        if (e.closest('.el-table')) continue
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

  async function expectNoRawText(page, where) {
    const bad = rawFragments(await page.locator('.el-main').innerText())
    if (bad.length) throw new Error(`${where} shows raw keys or codes: ${bad.join(', ')}`)
  }

  /** The order's status as its page's tag shows it. */
  async function expectStatus(page, status) {
    await expectText(page, '[data-testid="rect-status"]', status, `status ${status}`)
  }

  /** The order's page, opened from the list of the menu item `title` (整改通知 or 整改督办). */
  async function openFromMenu(page, title) {
    await expectText(page, '[data-testid="menu-rectifications"]', title, `menu item ${title}`)
    await page.locator('[data-testid="menu-rectifications"]').click()
    await page.waitForURL((u) => u.pathname === '/supervision/rectifications')
    await settled(page, 'rect-table')
    await expectVisible(page, row(), `order #${s.rectificationId} in ${title}`)
  }

  /** 提交整改情况 in the dialog: the text is required; `returned` is the reason shown of the last return. */
  async function answer(page, text, returned) {
    await page.locator('[data-testid="rect-answer"]').click()
    const dialog = '[data-testid="rect-answer-dialog"]'
    const box = page.locator(`${dialog} textarea`)
    await box.waitFor({ state: 'visible' })
    await expectText(page, `${dialog} [data-testid="rect-answer-items"]`, '工作误差', 'the items in the dialog')
    if (returned) {
      await expectText(page, `${dialog} [data-testid="rect-answer-returned"]`, returned, 'the reason of the return in the dialog')
      if ((await box.inputValue()) !== FIRST_ANSWER) throw new Error(`the dialog offers "${await box.inputValue()}", not the earlier answer, for amending`)
    }
    await box.fill('')
    await page.locator(`${dialog} [data-testid="rect-answer-submit"]`).click()
    await expectVisible(page, `${dialog} .el-form-item__error:has-text("整改情况")`, '整改情况 required')
    await box.fill(text)
    return dialog
  }

  test('rectification (after sampling): the enterprise finds the order under 整改通知 and submits 整改情况 on a phone', async ({ page, base }) => {
    need('rectificationId', 'failed')
    // The failed unit is 武汉新能源's, the order its own, routed to 江岸区.
    const ent = await apiLogin(base, 'charger', DEMO_PASSWORD)
    const order = await call(base, ent, 'GET', `/rectifications/${s.rectificationId}`)
    const inst = await call(base, ent, 'GET', `/instruments/${s.failed.instrument_id}`)
    if (order.org_name !== ENTERPRISE || order.region_name !== '江岸区' || inst.install_region_code !== '420102') {
      throw new Error(`order #${order.id} is ${order.org_name}'s in ${order.region_name}, its unit in ${inst.install_region_code}`)
    }

    await login(page, 'charger')
    await openFromMenu(page, '整改通知')
    await expectText(page, row(), s.failed.serial_no)
    await expectText(page, row(), '抽样检定不合格')
    await expectText(page, row(), '待整改')
    await expectText(page, row(), '工作误差', 'the first item in the row')
    await expectVisible(page, `[data-testid="rect-answer-${s.rectificationId}"]`, '提交整改 in the row')
    await expectText(page, '[data-testid="rectifications"]', '由所在区市场监管局验收', 'the enterprise’s hint')
    await expectNoRawText(page, '整改通知')
    await shot(page, 'rectification-list-enterprise-1440.png', 900)

    await page.locator(`[data-testid="rect-open-${s.rectificationId}"]`).click()
    await page.waitForURL((u) => u.pathname === detailPath())
    await settled(page, 'rectification-detail')
    await expectText(page, '[data-testid="rect-title"]', `整改通知 ${s.rectificationId}`)
    await expectStatus(page, '待整改')
    await expectText(page, '[data-testid="rect-descriptions"]', ENTERPRISE)
    await expectText(page, '[data-testid="rect-descriptions"]', '江岸区')
    await expectText(page, '[data-testid="rect-instrument"]', s.failed.serial_no)
    await expectText(page, '[data-testid="rect-source-name"]', s.name)
    await expectText(page, '[data-testid="rectification-detail"]', '立即停止该充电桩的贸易结算使用')
    await expectVisible(page, '[data-testid="rect-no-answer"]', '企业尚未提交整改情况')
    await expectVisible(page, '[data-testid="rect-timeline"] [data-testid="rect-event-create"]', '下发整改通知 in the timeline')
    await expectNoRawText(page, 'the order’s page')
    await shot(page, 'rectification-detail-enterprise-1440.png')

    // A phone: the page and the dialog fit the screen; 提交整改情况 there.
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await settled(page, 'rectification-detail')
    await expectStatus(page, '待整改')
    await expectFits(page, 'the order’s page')
    const dialog = await answer(page, FIRST_ANSWER)
    const [left, right] = await page.locator(`${dialog}`).evaluate((e) => [e.getBoundingClientRect().left, e.getBoundingClientRect().right])
    if (left < 0 || right > 390) throw new Error(`the 提交整改情况 dialog spans ${Math.round(left)}..${Math.round(right)} at 390 px`)
    const wide = await page.locator(dialog).evaluate((e) => [...e.querySelectorAll('*')].filter((x) => x.scrollWidth > x.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(x).overflowX)).length)
    if (wide > 0) throw new Error('the 提交整改情况 dialog scrolls sideways at 390 px')
    await page.locator(`${dialog} .el-dialog__title`).click() // leaves the text: its 请填写 message goes
    await page.locator(`${dialog} .el-form-item__error`).waitFor({ state: 'detached' })
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'rectification-answer-390.png') })
    await page.locator(`${dialog} [data-testid="rect-answer-submit"]`).click()
    await expectMessage(page, '整改情况已提交，等待区市场监管局验收')
    await page.locator(dialog).waitFor({ state: 'hidden' })
    await expectStatus(page, '待验收')
    await expectText(page, '[data-testid="rectification-detail"] div[data-testid="rect-answer-shown"]', '更换计量模块')
    if ((await page.locator('[data-testid="rect-answer"]').count()) > 0) throw new Error('提交整改情况 still offered on an answered order')
    await expectVisible(page, '[data-testid="rect-timeline"] [data-testid="rect-event-answer"]', '提交整改情况 in the timeline')
    await expectFits(page, 'the answered order’s page')
    await shot(page, 'rectification-detail-enterprise-390.png', 2200)
    await page.goto('/supervision/rectifications')
    await settled(page, 'rect-table')
    await expectText(page, row(), '待验收')
    await expectFits(page, '整改通知')
    await shot(page, 'rectification-list-enterprise-390.png', 1000)
  })

  test('rectification (after sampling): 江岸区 returns the answer, the enterprise answers again, 江岸区 accepts it (已完结)', async ({ page }) => {
    need('rectificationId', 'failed')
    await login(page, 'jiangan')
    await openFromMenu(page, '整改督办')
    // The keyword finds it by the unit's 出厂编号.
    await fill(page, 'rect-filter-q', s.failed.serial_no)
    await page.keyboard.press('Enter')
    await settled(page, 'rect-table')
    await expectVisible(page, row(), 'the order found by its 出厂编号')
    await expectText(page, row(), ENTERPRISE)
    await expectText(page, row(), '待验收')
    await expectVisible(page, `[data-testid="rect-accept-${s.rectificationId}"]`, '验收 in the row')
    await expectNoRawText(page, '整改督办')
    await shot(page, 'rectification-list-bureau-1440.png', 900)

    // 验收 in the row leads to the order's page, where the bureau decides.
    await page.locator(`[data-testid="rect-accept-${s.rectificationId}"]`).click()
    await page.waitForURL((u) => u.pathname === detailPath())
    await settled(page, 'rectification-detail')
    await expectStatus(page, '待验收')
    await expectText(page, 'div[data-testid="rect-answer-shown"]', '更换计量模块')
    await expectVisible(page, '[data-testid="rect-accept"]', '验收通过')
    await page.locator('[data-testid="rect-return"]').click()
    const dialog = '[data-testid="rect-return-dialog"]'
    await expectVisible(page, `${dialog} [data-testid="rect-return-dialog-submit"]`, '退回整改 dialog')
    await page.locator(`${dialog} [data-testid="rect-return-dialog-submit"]`).click()
    await expectVisible(page, `${dialog} .el-form-item__error`, 'the reason required')
    await page.locator(`${dialog} [data-testid="rect-return-dialog-reason"]`).fill(RETURN_REASON)
    await page.locator(`${dialog} [data-testid="rect-return-dialog-submit"]`).click()
    await expectMessage(page, '已退回整改，企业将收到通知')
    await page.locator(dialog).waitFor({ state: 'hidden' })
    await expectStatus(page, '已退回')
    await expectText(page, '[data-testid="rect-returned"]', '等待企业重新提交')
    await expectText(page, '[data-testid="rect-returned"]', RETURN_REASON)
    await expectText(page, '[data-testid="rect-timeline"] .el-timeline-item:has([data-testid="rect-event-return"])', RETURN_REASON, 'the reason of the return in the timeline')

    // The enterprise reads the reason and answers again (its earlier answer offered for amending).
    await page.context().clearCookies()
    await login(page, 'charger')
    await page.goto(detailPath())
    await settled(page, 'rectification-detail')
    await expectStatus(page, '已退回')
    await expectText(page, '[data-testid="rect-returned"]', '请按退回原因重新整改')
    await expectText(page, '[data-testid="rect-returned"]', RETURN_REASON)
    const answerDialog = await answer(page, SECOND_ANSWER, RETURN_REASON)
    await page.locator(`${answerDialog} [data-testid="rect-answer-submit"]`).click()
    await expectMessage(page, '整改情况已提交')
    await page.locator(answerDialog).waitFor({ state: 'hidden' })
    await expectStatus(page, '待验收')
    await expectText(page, 'div[data-testid="rect-answer-shown"]', 'WX-2027-0012')
    await expectText(page, '[data-testid="rect-last-return"]', RETURN_REASON, '最近一次退回原因')

    // 江岸区 accepts, confirmed: 已完结, no more actions, every step in the timeline.
    await page.context().clearCookies()
    await login(page, 'jiangan')
    await page.goto(detailPath())
    await settled(page, 'rectification-detail')
    await expectStatus(page, '待验收')
    await page.locator('[data-testid="rect-accept"]').click()
    const box = page.locator('.el-message-box')
    await box.waitFor({ state: 'visible' })
    await expectText(page, '.el-message-box', '确定验收通过')
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await expectMessage(page, '已验收通过，整改通知已完结')
    await expectStatus(page, '已完结')
    for (const b of ['rect-accept', 'rect-return']) if ((await page.locator(`[data-testid="${b}"]`).count()) > 0) throw new Error(`${b} still offered on a closed order`)
    const steps = (await page.locator('[data-testid="rect-timeline"] [data-testid^="rect-event-"]').evaluateAll((es) => es.map((e) => e.dataset.testid.replace('rect-event-', '')))).join(' → ')
    const want = ['create', 'answer', 'return', 'answer', 'accept']
    if (steps !== want.join(' → ') && steps !== [...want].reverse().join(' → ')) throw new Error(`the timeline shows ${steps}, expected ${want.join(' → ')}`)
    for (const text of ['下发整改通知', '提交整改情况', '退回整改', '验收通过', '已完结']) await expectText(page, '[data-testid="rect-timeline"]', text, `${text} in the timeline`)
    await expectText(page, '[data-testid="rect-descriptions"]', '完结时间')
    await expectNoRawText(page, 'the closed order’s page')
    await shot(page, 'rectification-detail-bureau-1440.png', 1600)

    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await settled(page, 'rectification-detail')
    await expectStatus(page, '已完结')
    await expectFits(page, 'the closed order’s page')
    await shot(page, 'rectification-detail-bureau-390.png', 2600)
    await page.goto('/supervision/rectifications')
    await settled(page, 'rect-table')
    await expectText(page, row(), '已完结')
    await expectFits(page, '整改督办')
    await shot(page, 'rectification-list-bureau-390.png', 1200)
  })

  test('rectification (after sampling): 洪山区 neither lists nor opens 江岸区’s order', async ({ page, base }) => {
    need('rectificationId', 'failed')
    await login(page, 'hongshan')
    await page.locator('[data-testid="menu-rectifications"]').click()
    await page.waitForURL((u) => u.pathname === '/supervision/rectifications')
    await settled(page, 'rect-table')
    await page.locator('[data-testid="rect-table"] .el-table__row, [data-testid="rect-table"] .el-table__empty-text').first().waitFor()
    if ((await page.locator(`[data-testid="rect-open-${s.rectificationId}"]`).count()) > 0) throw new Error('洪山区 lists 江岸区’s order')
    await fill(page, 'rect-filter-q', s.failed.serial_no)
    await page.keyboard.press('Enter')
    await settled(page, 'rect-table')
    await expectVisible(page, '[data-testid="rect-table"] .el-table__empty-text', 'no order found by the 出厂编号')

    await page.goto(detailPath())
    await expectVisible(page, '[data-testid="rectification-detail"] .el-result:has-text("整改通知不存在或无权访问")', '不存在或无权访问')
    if ((await page.locator('[data-testid="rect-title"]').count()) > 0) throw new Error('洪山区 opened 江岸区’s order')
    const res = await call(base, await apiLogin(base, 'hongshan', DEMO_PASSWORD), 'GET', `/rectifications/${s.rectificationId}`).then(
      () => 'HTTP 200',
      (e) => e.message,
    )
    if (!/HTTP (403|404)/.test(res)) throw new Error(`GET /rectifications/${s.rectificationId} as 洪山区 answered ${res}`)
  })
}
