// Browser scenarios of instrument filing (强检备案) under the territorial principle: an
// enterprise registered in 江岸区 files chargers that stand in 江汉区; the 江汉区 bureau reviews
// them, the 江岸区 bureau never sees them. Registered by run.mjs with its page helpers.
import { join } from 'node:path'
import { creditCode, randomChars, randomPhone } from './util.mjs'

/** JSON call with an API session from node; throws on a non-2xx answer. */
export async function call(base, session, method, path, body) {
  const r = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', Cookie: session.cookie, 'X-CSRF-Token': session.csrf },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await r.text()
  if (!r.ok) throw new Error(`${method} ${path}: HTTP ${r.status} ${text}`)
  return text ? JSON.parse(text) : undefined
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT, SCREENSHOTS
 */
export function registerFilingScenarios(test, h) {
  const { fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT } = h
  const s = {}
  const suffix = randomChars(4).toLowerCase()
  const PASSWORD = 'Fil1ng!Passw0rd'
  const shot = (page, name) => page.screenshot({ path: join(OUT, name), fullPage: true })
  const row = (text) => `[data-testid="instrument-table"] .el-table__row:has-text("${text}")`
  const need = (...keys) => {
    for (const k of keys) if (!s[k]) throw new Error(`needs ${k} from an earlier scenario`)
  }

  /** A row of the instrument table must (not) be there once the table has loaded. */
  async function expectRow(page, text, present) {
    await expectVisible(page, '[data-testid="instrument-table"]', 'instrument table')
    await page.waitForFunction(() => !document.querySelector('[data-testid="instrument-table"] .el-loading-mask'))
    const n = await page.locator(row(text)).count()
    if (present && n === 0) await expectVisible(page, row(text), `row ${text}`)
    if (!present && n > 0) throw new Error(`row ${text} shown`)
  }

  /** `choose`, then wait for the dropdown to close so the next select's options are the only ones shown. */
  async function pick(page, testid, text) {
    await choose(page, testid, text)
    await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
  }

  async function fillDate(page, testid, value) {
    await fill(page, testid, value)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Escape')
  }

  /** The common fields and the charger group of the 器具录入 form. */
  async function fillCharger(page, c) {
    await pick(page, 'f-type_code', c.typeName)
    await expectVisible(page, '[data-testid="charger-fields"]', 'charger fields group')
    await fill(page, 'f-name', c.name)
    await fill(page, 'f-model', c.model)
    await fill(page, 'f-serial_no', c.serial)
    await fill(page, 'f-manufacturer', '武汉某电气设备有限公司')
    await fill(page, 'f-brand', c.brand)
    await pick(page, 'f-accuracy_class', c.accuracy)
    await pick(page, 'f-install_region_code', '江汉区')
    await fill(page, 'f-install_address', '武汉市江汉区发展大道100号地下停车场')
    await fillDate(page, 'f-in_use_date', c.inUse)
    await fill(page, 'f-charger-rated_power_kw', String(c.power))
    await fill(page, 'f-charger-rated_voltage_v', String(c.voltage))
    await fill(page, 'f-charger-connector_count', '2')
    await fill(page, 'f-charger-station_name', '江汉发展大道充电站')
    await fill(page, 'f-charger-equipment_id', `EQ${c.serial}`)
    await page.locator('[data-testid="f-charger-tou_billing-yes"]').click()
  }

  test('admin API: two district bureaus, a city bureau and an enterprise of 江岸区', async ({ base }) => {
    const admin = await apiLogin(base, ADMIN.username, ADMIN.password)
    const bureau = async (region, name, username, kind = 'district_bureau', role = 'district_regulator') => {
      const org = await call(base, admin, 'POST', '/admin/orgs', { kind, name, region_code: region })
      await call(base, admin, 'POST', '/admin/users', { username, password: PASSWORD, role, org_id: org.id, phone: randomPhone() })
      return { username, password: PASSWORD }
    }
    s.jianghan = await bureau('420103', `E2E江汉区市场监督管理局${suffix}`, `e2e_jh_${suffix}`)
    s.jiangan = await bureau('420102', `E2E江岸区市场监督管理局${suffix}`, `e2e_ja_${suffix}`)
    s.city = await bureau('420100', `E2E武汉市市场监督管理局${suffix}`, `e2e_city_${suffix}`, 'city_bureau', 'city_regulator')
    const ent = await call(base, admin, 'POST', '/admin/orgs', {
      kind: 'enterprise',
      name: `E2E跨区充电运营有限公司${suffix}`,
      region_code: '420102',
      credit_code: creditCode(`91420102${randomChars(9)}`),
      address: '武汉市江岸区沿江大道1号',
      contact_name: '王经理',
      phone: randomPhone(),
    })
    s.enterprise = { username: `e2e_ent_${suffix}`, password: PASSWORD, orgName: ent.name }
    await call(base, admin, 'POST', '/admin/users', { username: s.enterprise.username, password: PASSWORD, role: 'enterprise', org_id: ent.id, phone: randomPhone() })
  })

  test('enterprise files two chargers installed in 江汉区 through 器具录入', async ({ page }) => {
    need('enterprise')
    const serial = randomChars(6)
    const a = { typeName: '交流充电桩', name: '交流桩A', model: 'AC7-X', serial: `A${serial}`, brand: '星驰', accuracy: '2', inUse: '2024-05-01', power: 7, voltage: 220 }
    const b = { typeName: '非车载充电机', name: '直流桩B', model: 'DC60-X', serial: `B${serial}`, brand: '星驰', accuracy: '1', inUse: '2022-06-01', power: 60, voltage: 750 }
    await uiLogin(page, s.enterprise.username, s.enterprise.password)
    for (const m of ['instruments', 'instrument-new', 'instruments-pending', 'catalogue', 'inbox']) {
      await expectVisible(page, `[data-testid="menu-${m}"]`, `menu item ${m}`)
    }
    if ((await page.locator('[data-testid="menu-review"]').count()) > 0) throw new Error('menu 备案审核 shown to the enterprise')

    // A: in use since 2024, so its currents must be given; the server's field errors land on the charger items.
    await page.locator('[data-testid="menu-instrument-new"]').click()
    await expectVisible(page, '[data-testid="form-title"]:has-text("器具录入")', 'form title')
    await fillCharger(page, a)
    if ((await page.locator('[data-testid="form-not-mandatory"]').count()) > 0) throw new Error('a trade-settlement charger is called not mandatory')
    await page.locator('[data-testid="form-save"]').click()
    await expectVisible(page, '.el-form-item.is-error:has([data-testid="f-charger-max_current_a"]) .el-form-item__error:has-text("最大电流")', 'field error on 最大电流')
    await fill(page, 'f-charger-max_current_a', '32')
    await fill(page, 'f-charger-min_current_a', '6')
    await page.locator('[data-testid="f-name"]').click()
    await page.setViewportSize({ width: 1440, height: 1500 })
    await shot(page, 'filing-form-charger.png')
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.locator('[data-testid="form-save"]').click()
    await expectMessage(page, '已保存')
    await expectVisible(page, '[data-testid="instrument-detail"] [data-testid="status-draft"]', 'detail page of A as 待申报')
    a.id = Number(new URL(page.url()).pathname.split('/').pop())
    s.a = a

    // 非强检: the same charger used for something else is outside mandatory verification.
    await page.locator('[data-testid="menu-instrument-new"]').click()
    await pick(page, 'f-type_code', '交流充电桩')
    await pick(page, 'f-use', '其他')
    await expectVisible(page, '[data-testid="form-not-mandatory"]:has-text("不属于强制检定范围")', '非强检 notice')
    if ((await page.locator('[data-testid="form-save-submit"]').count()) > 0) throw new Error('保存并申报 offered for a non-mandatory instrument')
    await pick(page, 'f-use', '贸易结算')
    await expectVisible(page, '[data-testid="form-save-submit"]', '保存并申报 for a mandatory instrument')

    // B: a DC charger in use before 2023; its currents are derived by the server.
    await fillCharger(page, b)
    await page.locator('[data-testid="form-save-submit"]').click()
    await expectMessage(page, '已保存并申请备案')
    await expectVisible(page, '[data-testid="instrument-detail"] [data-testid="status-submitted"]', 'detail page of B as 待审核')
    b.id = Number(new URL(page.url()).pathname.split('/').pop())
    s.b = b
    await expectVisible(page, '[data-testid="detail-charger"]:has-text("80")', 'derived maximum current 80 A')
  })

  test('enterprise applies for the saved charger from 待申报', async ({ page }) => {
    need('a', 'b')
    await uiLogin(page, s.enterprise.username, s.enterprise.password)
    await page.locator('[data-testid="menu-instruments-pending"]').click()
    await expectRow(page, s.a.serial, true)
    await expectRow(page, s.b.serial, false)
    await page.locator(`${row(s.a.serial)} .el-checkbox`).click()
    await page.locator('[data-testid="pending-apply"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await expectMessage(page, '已申请备案 1 台')
    await expectRow(page, s.a.serial, false)
  })

  test('the 江岸区 regulator does not see chargers installed in 江汉区', async ({ page }) => {
    need('a', 'b', 'jiangan')
    await uiLogin(page, s.jiangan.username, s.jiangan.password)
    await page.locator('[data-testid="menu-review"]').click()
    for (const x of [s.a, s.b]) await expectRow(page, x.serial, false)
    const res = await page.request.get(`/api/v1/instruments/${s.a.id}`)
    if (res.status() !== 404) throw new Error(`GET instrument ${s.a.id} answered ${res.status()} to 江岸区, expected 404`)
    const decide = await page.request.post('/api/v1/instruments/review', {
      data: { ids: [s.b.id], decision: 'approve' },
      headers: { 'X-CSRF-Token': await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).csrf_token) },
    })
    if (decide.ok()) throw new Error('江岸区 could approve a charger installed in 江汉区')
  })

  test('the 江汉区 regulator returns one filing with a reason and approves the other', async ({ page }) => {
    need('a', 'b', 'jianghan')
    const reason = '铭牌照片不清晰，请补充出厂编号照片'
    await uiLogin(page, s.jianghan.username, s.jianghan.password)
    await expectVisible(page, '[data-testid="card-todo-review_pending"]', '待审核 card')
    await page.locator('[data-testid="card-todo-review_pending"]').click()
    await page.waitForURL((u) => u.pathname === '/review')
    for (const x of [s.a, s.b]) await expectRow(page, x.serial, true)
    await expectVisible(page, `${row(s.a.serial)}:has-text("${s.enterprise.orgName}")`, 'enterprise name in the row')
    await shot(page, 'filing-review-queue.png')

    await page.locator(`${row(s.a.serial)} .el-checkbox`).click()
    await page.locator('[data-testid="review-return"]').click()
    await expectVisible(page, '[data-testid="return-dialog"]', '退回 dialog')
    await page.locator('[data-testid="return-submit"]').click()
    await expectVisible(page, '[data-testid="return-dialog"] .el-form-item__error', 'reason required')
    await fill(page, 'return-reason', reason)
    await page.locator('[data-testid="return-submit"]').click()
    await expectMessage(page, '已退回 1 项')
    await expectRow(page, s.a.serial, false)
    s.reason = reason

    await page.locator(`${row(s.b.serial)} .el-checkbox`).click()
    await page.locator('[data-testid="review-approve"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await expectMessage(page, '已通过 1 项')
    await expectRow(page, s.b.serial, false)

    await page.goto(`/instruments/${s.a.id}`)
    await expectVisible(page, '[data-testid="detail-reason"]:has-text("铭牌照片不清晰")', '退回原因 on the detail page')
    await expectVisible(page, `[data-testid="timeline"] [data-testid="history-return"]:has-text("${s.jianghan.username}")`, 'return step with who')
    await expectVisible(page, '[data-testid="timeline"]:has-text("待审核 → 退回")', 'status change in the timeline')
    await shot(page, 'filing-detail-timeline.png')
  })

  test('the enterprise sees 已备案 and 退回, gets a message, corrects and re-applies', async ({ page }) => {
    need('a', 'b', 'reason')
    await uiLogin(page, s.enterprise.username, s.enterprise.password)
    await page.locator('[data-testid="card-todo-filing_approved"]').click()
    await page.waitForURL((u) => u.pathname === '/instruments' && u.searchParams.get('status') === 'approved')
    await expectRow(page, s.b.serial, true)
    await expectVisible(page, `${row(s.b.serial)} [data-testid="status-approved"]:has-text("已备案")`, '已备案 tag')
    await page.locator('[data-testid="filter-reset"]').click()
    await expectVisible(page, `${row(s.a.serial)} [data-testid="status-returned"]:has-text("退回")`, '退回 tag')

    await page.locator('[data-testid="menu-instruments-pending"]').click()
    await page.locator('[data-testid="pending-tabs"] .el-tabs__item:has-text("退回")').click()
    await expectVisible(page, `${row(s.a.serial)} [data-testid="row-reason"]:has-text("铭牌照片不清晰")`, 'reason in the 退回 tab')

    await page.locator('[data-testid="menu-inbox"]').click()
    await expectVisible(page, '.el-table__row:has-text("备案审核退回"):has-text("铭牌照片不清晰")', 'return message in 消息')
    await expectVisible(page, '.el-table__row:has-text("备案审核通过")', 'approval message in 消息')

    await page.locator('[data-testid="menu-instruments"]').click()
    await page.locator(`[data-testid="action-edit-${s.a.id}"]`).click()
    await expectVisible(page, '[data-testid="form-returned-hint"]:has-text("铭牌照片不清晰")', 'reason on the form')
    await fill(page, 'f-notes', '已补充铭牌照片')
    await page.locator('[data-testid="form-save-submit"]').click()
    await expectMessage(page, '已保存并申请备案')
    await expectVisible(page, '[data-testid="instrument-detail"] [data-testid="status-submitted"]', 'A back to 待审核')
  })

  test('the corrected filing is back in the 江汉区 queue; the city regulator only reads', async ({ page, browser, base }) => {
    need('a', 'city')
    await uiLogin(page, s.jianghan.username, s.jianghan.password)
    await page.locator('[data-testid="menu-review"]').click()
    await expectRow(page, s.a.serial, true)

    const ctx = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    try {
      const cityPage = await ctx.newPage()
      await uiLogin(cityPage, s.city.username, s.city.password)
      await cityPage.locator('[data-testid="menu-review"]').click()
      await expectRow(cityPage, s.a.serial, true)
      await expectVisible(cityPage, '[data-testid="review-readonly"]', 'read-only note')
      if ((await cityPage.locator('[data-testid="review-approve"]').count()) > 0) throw new Error('通过 offered to the city regulator')
      await cityPage.locator('[data-testid="menu-archive"]').click()
      await expectVisible(cityPage, `[data-testid="archive-table"] .el-table__row:has-text("${s.enterprise.orgName}")`, 'enterprise in 企业档案')
    } finally {
      await ctx.close()
    }
  })
}
