// Browser scenarios of 通知公告 (announcements): the city bureau writes a draft for the
// enterprises of 江岸区 and publishes it; an enterprise of 江岸区 finds it unread on 首页 and in
// 通知公告 and opens it (the unread mark goes); an institute of the same district, not addressed,
// never sees it; the bureau sees 已读人数 1 and withdraws it with a reason, after which the
// enterprise no longer sees it. E2E_SCREENSHOTS=1 keeps announcements-*.png (the bureau's list,
// the home card at 1440 px and 390 px). Registered by run.mjs with its page helpers.
import { join } from 'node:path'
import { call } from './filing.mjs'
import { creditCode, randomChars, randomPhone } from './util.mjs'

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT, SCREENSHOTS
 */
export function registerAnnouncementScenarios(test, h) {
  const { fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT, SCREENSHOTS } = h
  const s = {}
  const suffix = randomChars(4).toLowerCase()
  const PASSWORD = 'Ann0unce!Passw0rd'
  const TITLE = `关于开展充电桩强制检定工作的通知${suffix}`
  const BODY_LINES = ['各运营企业：', '请于本月底前完成辖区内充电桩的强检备案。']
  const REASON = '内容有误，修改后重新发布'
  const need = (...keys) => {
    for (const k of keys) if (s[k] === undefined) throw new Error(`needs ${k} from an earlier scenario`)
  }
  const row = `[data-testid="ann-table"] .el-table__row:has-text("${TITLE}")`
  const homeLine = () => `[data-testid="home-announcements"] [data-testid="home-ann-${s.id}"]`

  /** A screenshot once nothing is loading, without the passing notices (登录成功 …). */
  async function shot(page, name, fullPage = true) {
    if (!SCREENSHOTS) return
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((e) => e.getClientRects().length > 0))
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(OUT, name), fullPage })
    await style.evaluate((e) => e.remove())
  }

  /** Opens 通知公告 from the side menu and waits for its table to have loaded. */
  async function openList(page) {
    await page.locator('[data-testid="menu-announcements"]').click()
    await page.waitForURL((u) => u.pathname === '/announcements')
    await expectVisible(page, '[data-testid="ann-table"]', '通知公告 table')
    await page.waitForFunction(() => !document.querySelector('[data-testid="ann-table"] .el-loading-mask'))
  }

  /** Waits for 首页's 通知公告 card to have loaded. */
  async function homeCard(page) {
    await expectVisible(page, '[data-testid="home-announcements"]', '通知公告 card on 首页')
    await page.waitForFunction(() => !document.querySelector('[data-testid="home-announcements"] .el-loading-mask'))
  }

  async function expectAbsent(page, selector, what) {
    if ((await page.locator(selector).count()) > 0) throw new Error(`${what} shown`)
  }

  test('announcements: admin API: a city bureau, and an enterprise and an institute of 江岸区', async ({ base }) => {
    const admin = await apiLogin(base, ADMIN.username, ADMIN.password)
    const user = async (org, username, role) => {
      await call(base, admin, 'POST', '/admin/users', { username, password: PASSWORD, role, org_id: org.id, phone: randomPhone() })
      return { username, password: PASSWORD, orgName: org.name }
    }
    const city = await call(base, admin, 'POST', '/admin/orgs', { kind: 'city_bureau', name: `E2E武汉市市场监督管理局公告${suffix}`, region_code: '420100' })
    const ent = await call(base, admin, 'POST', '/admin/orgs', {
      kind: 'enterprise',
      name: `E2E江岸充电运营有限公司${suffix}`,
      region_code: '420102',
      credit_code: creditCode(`91420102${randomChars(9)}`),
      address: '武汉市江岸区解放大道1号',
      contact_name: '赵经理',
      phone: randomPhone(),
    })
    const inst = await call(base, admin, 'POST', '/admin/orgs', { kind: 'institute', name: `E2E江岸计量检测所${suffix}`, region_code: '420102' })
    s.city = await user(city, `e2e_ann_city_${suffix}`, 'city_regulator')
    s.enterprise = await user(ent, `e2e_ann_ent_${suffix}`, 'enterprise')
    s.institute = await user(inst, `e2e_ann_inst_${suffix}`, 'institute')
  })

  test('announcements: the city bureau writes a draft for the enterprises of 江岸区 and publishes it', async ({ page }) => {
    need('city')
    await uiLogin(page, s.city.username, s.city.password)
    await openList(page)
    await page.locator('[data-testid="ann-create"]').click()
    await expectVisible(page, '[data-testid="announcement-form"]', '新增公告 dialog')
    await expectVisible(page, '[data-testid="announcement-form"]:has-text("不勾选则发送给全部用户")', 'hint: no role = every user')

    // Title and text are required.
    await page.locator('[data-testid="ann-save-draft"]').click()
    await expectVisible(page, '[data-testid="announcement-form"] .el-form-item__error:has-text("请填写标题")', 'title required')
    await expectVisible(page, '[data-testid="announcement-form"] .el-form-item__error:has-text("请填写正文")', 'text required')

    await fill(page, 'ann-title', TITLE)
    await fill(page, 'ann-body', BODY_LINES.join('\n'))
    // Pinned, so that it heads the lists whatever else the database holds.
    await page.locator('[data-testid="ann-pinned"]').click()
    await page.locator('[data-testid="ann-role-enterprise"]').click()
    await choose(page, 'ann-regions', '江岸区')
    await page.locator('[data-testid="announcement-form"] .el-dialog__title').click() // closes the multiple select
    await page.locator('[data-testid="ann-save-draft"]').click()
    await expectMessage(page, '草稿已保存')

    await expectVisible(page, row, 'the draft in the list')
    const open = await page.locator(row).locator('[data-testid^="ann-open-"]').first().getAttribute('data-testid')
    s.id = Number(open.replace('ann-open-', ''))
    await expectVisible(page, `[data-testid="ann-status-${s.id}"]:has-text("草稿")`, '草稿 tag')
    await expectVisible(page, `[data-testid="ann-pinned-${s.id}"]:has-text("置顶")`, '置顶 tag')
    await expectVisible(page, `[data-testid="ann-audience-${s.id}"]:has-text("运营企业 · 江岸区")`, '发送对象 运营企业 · 江岸区')
    await expectVisible(page, `[data-testid="ann-edit-${s.id}"]`, '编辑 on a draft')
    await expectVisible(page, `[data-testid="ann-delete-${s.id}"]`, '删除 on a draft')

    await page.locator(`[data-testid="ann-publish-${s.id}"]`).click()
    const ok = page.locator('.el-message-box__btns .el-button--primary')
    await ok.waitFor({ state: 'visible' })
    await ok.click()
    await expectMessage(page, '公告已发布')
    await expectVisible(page, `[data-testid="ann-status-${s.id}"]:has-text("已发布")`, '已发布 tag')
    await expectVisible(page, `[data-testid="ann-read-count-${s.id}"]:has-text("0")`, '已读人数 0')
    await expectVisible(page, `[data-testid="ann-withdraw-${s.id}"]`, '撤回 on a published one')
    await expectAbsent(page, `[data-testid="ann-edit-${s.id}"]`, '编辑 on a published announcement')
    await shot(page, 'announcements-list-city.png')
  })

  test('announcements: an enterprise of 江岸区 finds it unread on 首页 and in 通知公告, and reads it', async ({ page }) => {
    need('enterprise', 'id')
    await uiLogin(page, s.enterprise.username, s.enterprise.password)
    await homeCard(page)
    await expectVisible(page, `${homeLine()}:has-text("${TITLE}")`, 'the announcement on 首页')
    await expectVisible(page, `${homeLine()} [data-testid="ann-unread-${s.id}"]`, 'unread dot on 首页')
    await expectVisible(page, '[data-testid="menu-badge-announcements"]', 'unread badge on the menu item')
    await shot(page, 'announcements-home.png', false)

    // A phone (reloaded, so the side menu starts folded as on a phone): the card keeps within
    // the screen, long titles cut with "…".
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await homeCard(page)
    const over = await page.locator('[data-testid="home-announcements"]').evaluate((card) => {
      const r = card.getBoundingClientRect()
      return { right: r.right, width: window.innerWidth, scroll: card.scrollWidth, client: card.clientWidth }
    })
    if (over.right > over.width + 1 || over.scroll > over.client + 1) throw new Error(`the 通知公告 card overflows a 390 px screen: ${JSON.stringify(over)}`)
    await shot(page, 'announcements-home-390.png', false)
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.reload()
    await homeCard(page)

    await openList(page)
    await expectVisible(page, row, 'the announcement in 通知公告')
    await expectVisible(page, `${row} [data-testid="ann-unread-${s.id}"]`, '未读 mark in the list')
    const unreadCount = async () => Number((await page.locator('[data-testid="ann-unread-count"]').innerText()).match(/\d+/)?.[0])
    const before = await unreadCount()
    if (!(before >= 1)) throw new Error(`未读 count is ${before} with an unread announcement`)
    await expectAbsent(page, '[data-testid="ann-create"]', '新增公告 for an enterprise')
    await expectAbsent(page, `[data-testid="ann-status-${s.id}"]`, 'status column for an enterprise')

    await page.locator(`[data-testid="ann-table"] [data-testid="ann-open-${s.id}"]`).click()
    await expectVisible(page, `[data-testid="announcement-dialog"] [data-testid="announcement-title"]:has-text("${TITLE}")`, 'the detail dialog')
    await expectVisible(page, `[data-testid="announcement-meta"]:has-text("${s.city.orgName}")`, '发布单位 in the dialog')
    const body = await page.locator('[data-testid="announcement-body"]').innerText()
    if (body.trim() !== BODY_LINES.join('\n')) throw new Error(`the text shows as ${JSON.stringify(body)}, expected its lines kept`)
    await expectAbsent(page, '[data-testid="announcement-facts"]', 'status and audience for an enterprise')
    await page.locator('[data-testid="announcement-close"]').click()
    await page.locator('[data-testid="announcement-dialog"]').waitFor({ state: 'hidden' })
    await page.locator(`${row} [data-testid="ann-unread-${s.id}"]`).waitFor({ state: 'detached' })
    await expectVisible(page, `[data-testid="ann-unread-count"]:has-text("未读 ${before - 1} 条")`, `未读 ${before - 1} 条 after reading`)

    // Read for good: after a reload the list and 首页 show it without the mark.
    await page.reload()
    await expectVisible(page, row, 'the announcement after a reload')
    await expectAbsent(page, `${row} [data-testid="ann-unread-${s.id}"]`, '未读 mark after reading')
    await page.locator('[data-testid="menu-home"]').click()
    await homeCard(page)
    await expectVisible(page, homeLine(), 'the announcement on 首页 after reading')
    await expectAbsent(page, `${homeLine()} [data-testid="ann-unread-${s.id}"]`, 'unread dot on 首页 after reading')
    s.read = true
  })

  test('announcements: an institute of 江岸区, not addressed, does not see it', async ({ page }) => {
    need('institute', 'id')
    await uiLogin(page, s.institute.username, s.institute.password)
    await homeCard(page)
    await expectAbsent(page, homeLine(), 'the announcement on the institute’s 首页')
    // Nothing else addressed to it (unless the demo data holds announcements): the empty texts.
    const none = (await page.locator('[data-testid="home-announcements"] li[data-testid^="home-ann-"]').count()) === 0
    if (none) await expectVisible(page, '[data-testid="home-ann-empty"]:has-text("暂无通知公告")', 'empty text of the card')
    await openList(page)
    await expectAbsent(page, row, 'the announcement in the institute’s 通知公告')
    if (none) await expectVisible(page, '[data-testid="ann-table"] .el-table__empty-text:has-text("暂无通知公告")', 'empty list text')
    const res = await page.request.get(`/api/v1/announcements/${s.id}`)
    if (res.status() !== 404) throw new Error(`GET announcement ${s.id} answered ${res.status()} to the institute, expected 404`)
  })

  test('announcements: the city bureau sees 已读人数 1 and withdraws it with a reason', async ({ page }) => {
    need('city', 'id', 'read')
    await uiLogin(page, s.city.username, s.city.password)
    await openList(page)
    await expectVisible(page, `[data-testid="ann-read-count-${s.id}"]:text-is("1")`, '已读人数 1')

    await page.locator(`[data-testid="ann-withdraw-${s.id}"]`).click()
    await expectVisible(page, '[data-testid="ann-withdraw-dialog"]', '撤回公告 dialog')
    await page.locator('[data-testid="ann-withdraw-dialog-submit"]').click()
    await expectVisible(page, '[data-testid="ann-withdraw-dialog"] .el-form-item__error', 'reason required')
    await fill(page, 'ann-withdraw-dialog-reason', REASON)
    await page.locator('[data-testid="ann-withdraw-dialog-submit"]').click()
    await expectMessage(page, '公告已撤回')
    await expectVisible(page, `[data-testid="ann-status-${s.id}"]:has-text("已撤回")`, '已撤回 tag')
    await expectAbsent(page, `[data-testid="ann-withdraw-${s.id}"]`, '撤回 on a withdrawn announcement')

    await page.locator(`[data-testid="ann-view-${s.id}"]`).click()
    await expectVisible(page, `[data-testid="announcement-facts"]:has-text("${REASON}")`, '撤回原因 in the detail')
    s.withdrawn = true
  })

  test('announcements: the enterprise no longer sees the withdrawn announcement', async ({ page }) => {
    need('enterprise', 'id', 'withdrawn')
    await uiLogin(page, s.enterprise.username, s.enterprise.password)
    await homeCard(page)
    await expectAbsent(page, homeLine(), 'the withdrawn announcement on 首页')
    await openList(page)
    await expectAbsent(page, row, 'the withdrawn announcement in 通知公告')
    const res = await page.request.get(`/api/v1/announcements/${s.id}`)
    if (res.status() !== 404) throw new Error(`GET announcement ${s.id} answered ${res.status()} to the enterprise after withdrawal, expected 404`)
  })
}
