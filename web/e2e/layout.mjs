// Browser scenarios of the page frame (issue 10's layout conventions) on the `mvis demo` data:
// the breadcrumb of a detail page, the tags view (open, close, close others, close all, kept
// over a reload), the main lists fitting a 1366 px screen with the side menu open, what empty
// lists tell a new enterprise to do, the footer from GET /site (absent from servers without the
// endpoint), the 备案审核 操作 column, the print stylesheet leaving the frame out, and phones
// (390 px): list pages that never scroll sideways (only tables do, inside their own scroller)
// and dialogs as wide as the screen.
// Registered by run.mjs with its page helpers.
import { join } from 'node:path'
import { call } from './filing.mjs'
import { DEMO_PASSWORD } from './verification.mjs'
import { creditCode, randomChars, randomPhone } from './util.mjs'

const SITE = { organiser: '武汉市市场监督管理局', support: '武汉市计量测试检定研究所', icp: '鄂ICP备12345678号-1', complaint_phone: '' }

/** The visible text of the breadcrumb, crumbs joined by "/" (separators and spaces removed). */
async function crumbs(page) {
  const text = await page.locator('[data-testid="breadcrumb"]').innerText()
  return text.replace(/\s+/g, '')
}

/** The tags' titles, in order. */
async function tagTitles(page) {
  return (await page.locator('[data-testid="tags-view"] .tag').allInnerTexts()).map((s) => s.trim())
}

async function expectTags(page, want) {
  const until = Date.now() + 5000
  let got = []
  while (Date.now() < until) {
    got = await tagTitles(page)
    if (JSON.stringify(got) === JSON.stringify(want)) return
    await page.waitForTimeout(100)
  }
  throw new Error(`tags are ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: expectVisible, apiLogin, ADMIN, OUT, SCREENSHOTS
 */
export function registerLayoutScenarios(test, h) {
  const { expectVisible, apiLogin, ADMIN, OUT, SCREENSHOTS } = h
  /**
   * Signs in as a demo user through the API (the sign-in page has its own scenarios), in place of
   * whoever was signed in, and opens 首页.
   */
  async function login(page, username) {
    await page.context().clearCookies()
    const r = await page.request.post('/api/v1/auth/login', { data: { username, password: DEMO_PASSWORD } })
    if (r.status() !== 200) throw new Error(`login as ${username}: HTTP ${r.status()}`)
    await page.goto('/')
    await expectVisible(page, '[data-testid="home"]', `home page of ${username}`)
  }

  /** Waits for a list's table to have loaded. */
  async function loaded(page, testid) {
    await expectVisible(page, `[data-testid="${testid}"]`, testid)
    await page.waitForFunction((id) => !document.querySelector(`[data-testid="${id}"] .el-loading-mask`), testid)
  }

  test('layout: a detail page names its list in the breadcrumb and prints without the frame', async ({ page }) => {
    await login(page, 'charger')
    if ((await crumbs(page)) !== '首页') throw new Error(`home breadcrumb is "${await crumbs(page)}"`)
    await page.locator('[data-testid="menu-instruments"]').click()
    await loaded(page, 'instrument-table')
    if ((await crumbs(page)) !== '首页/备案管理/我的器具') throw new Error(`list breadcrumb is "${await crumbs(page)}"`)
    await page.locator('[data-testid="instrument-table"] .name-link').first().click()
    await expectVisible(page, '[data-testid="detail-name"]', 'instrument detail')
    if ((await crumbs(page)) !== '首页/备案管理/我的器具/器具详情') throw new Error(`detail breadcrumb is "${await crumbs(page)}"`)

    // Printed, the page leaves the frame and the buttons out and takes the full width.
    await page.emulateMedia({ media: 'print' })
    for (const [selector, what] of [
      ['[data-testid="side-menu"]', 'side menu'],
      ['[data-testid="app-title"]', 'header'],
      ['[data-testid="breadcrumb"]', 'breadcrumb'],
      ['[data-testid="tags-view"]', 'tags view'],
      ['[data-testid="instrument-detail"] .el-button', 'buttons'],
    ]) {
      if (await page.locator(selector).first().isVisible()) throw new Error(`${what} shown in print`)
    }
    await expectVisible(page, '[data-testid="detail-name"]', 'printed instrument name')
    const left = await page.locator('.el-main').evaluate((e) => e.getBoundingClientRect().left)
    if (left > 1) throw new Error(`printed content starts ${left} px from the left`)
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'layout-print-instrument.png'), fullPage: true })
    await page.emulateMedia({ media: 'screen' })
    await expectVisible(page, '[data-testid="side-menu"]', 'side menu back on screen')

    await page.locator('[data-testid="breadcrumb"] .is-link', { hasText: '我的器具' }).click()
    await page.waitForURL((u) => u.pathname === '/instruments')

    await login(page, 'jiangan')
    await page.locator('[data-testid="menu-review"]').click()
    await loaded(page, 'instrument-table')
    await page.locator('[data-testid="instrument-table"] .name-link').first().click()
    await expectVisible(page, '[data-testid="breadcrumb"]:has-text("器具详情")', 'regulator detail breadcrumb')
    if ((await crumbs(page)) !== '首页/备案管理/备案审核/器具详情') throw new Error(`regulator detail breadcrumb is "${await crumbs(page)}"`)
  })

  test('layout: the tags view opens, closes and keeps tags', async ({ page }) => {
    await login(page, 'charger')
    await expectTags(page, ['首页'])
    for (const r of ['instruments', 'appointments', 'certificates']) {
      await page.locator(`[data-testid="menu-${r}"]`).click()
      await page.waitForURL((u) => u.pathname === `/${r}`)
    }
    await expectTags(page, ['首页', '我的器具', '预约检定', '我的证书'])
    await expectVisible(page, '[data-testid="tag-certificates"].active', 'active tag')
    if ((await page.locator('[data-testid="tag-close-home"]').count()) > 0) throw new Error('首页 can be closed')

    // Closing the active tag opens its neighbour; closing another one stays.
    await page.locator('[data-testid="tag-close-certificates"]').click()
    await expectTags(page, ['首页', '我的器具', '预约检定'])
    await page.waitForURL((u) => u.pathname === '/appointments')
    await page.locator('[data-testid="tag-close-instruments"]').click()
    await expectTags(page, ['首页', '预约检定'])
    if (new URL(page.url()).pathname !== '/appointments') throw new Error(`closing another tag moved to ${page.url()}`)

    // One tag per page; kept over a reload; right-click → 关闭其他.
    await page.locator('[data-testid="menu-instruments"]').click()
    await loaded(page, 'instrument-table')
    await page.locator('[data-testid="instrument-table"] .name-link').first().click()
    await expectVisible(page, '[data-testid="detail-name"]')
    await expectTags(page, ['首页', '预约检定', '我的器具', '器具详情'])
    await page.reload()
    await expectVisible(page, '[data-testid="detail-name"]', 'detail after reload')
    await expectTags(page, ['首页', '预约检定', '我的器具', '器具详情'])
    await page.locator('[data-testid="tag-instruments"]').click({ button: 'right' })
    await page.locator('.el-dropdown-menu__item:visible', { hasText: '关闭其他' }).click()
    await expectTags(page, ['首页', '我的器具'])
    await page.waitForURL((u) => u.pathname === '/instruments')

    // 刷新页面 re-creates the page; 关闭全部 from the end menu goes home.
    await page.locator('[data-testid="tags-actions"]').click()
    await page.locator('[data-testid="tags-cmd-refresh"]:visible').click()
    await loaded(page, 'instrument-table')
    await page.locator('[data-testid="tags-actions"]').click()
    await page.locator('[data-testid="tags-cmd-closeAll"]:visible').click()
    await expectTags(page, ['首页'])
    await page.waitForURL((u) => u.pathname === '/')

    // Another user signing in within the tab starts from 首页.
    await page.locator('[data-testid="menu-appointments"]').click()
    await expectTags(page, ['首页', '预约检定'])
    await page.locator('[data-testid="logout"]').click()
    await page.waitForURL((u) => u.pathname === '/login')
    await login(page, 'kuaichong')
    await expectTags(page, ['首页'])
  })

  test('layout: the main lists fit 1366 px with the side menu open; 备案审核 has a fixed 操作 column', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 })
    const lists = {
      charger: [
        ['/instruments', 'instrument-table'],
        ['/instruments/pending?tab=returned', 'instrument-table'],
        ['/appointments', 'appointment-table'],
        ['/certificates', 'certificate-table'],
      ],
      jiangan: [
        ['/review', 'instrument-table'],
        ['/review?status=approved', 'instrument-table'],
        ['/supervision/rectifications', 'rect-table'],
      ],
      approver: [
        ['/verifications', 'verification-table'],
        ['/institute/appointments?status=all', 'appointment-table'],
        ['/certificates', 'certificate-table'],
      ],
    }
    const wide = []
    for (const [user, pages] of Object.entries(lists)) {
      await login(page, user)
      for (const [path, testid] of pages) {
        await page.goto(path)
        await loaded(page, testid)
        await page.waitForTimeout(200)
        const width = await page.locator('.el-aside').evaluate((e) => e.getBoundingClientRect().width)
        if (width < 200) throw new Error(`side menu is ${width} px wide at ${path}`)
        const [scroll, client, rows] = await page
          .locator(`[data-testid="${testid}"] .el-table__body-wrapper .el-scrollbar__wrap`)
          .first()
          .evaluate((e) => [e.scrollWidth, e.clientWidth, e.querySelectorAll('tr.el-table__row').length])
        if (rows === 0) throw new Error(`${path} shows no rows to measure`)
        if (scroll > client) wide.push(`${user} ${path}: ${scroll} > ${client}`)
        if (SCREENSHOTS) await page.screenshot({ path: join(OUT, `layout-1366-${user}${path.replace(/[^\w]+/g, '-')}.png`) })
      }
    }
    if (wide.length) throw new Error(`lists scroll sideways: ${wide.join(' | ')}`)

    // 备案审核: a fixed 操作 column with 查看, and 审核 (通过 / 退回) on rows awaiting the bureau.
    await login(page, 'jiangan')
    await page.goto('/review')
    await loaded(page, 'instrument-table')
    await expectVisible(page, '[data-testid="instrument-table"] th.el-table-fixed-column--right:has-text("操作")', 'fixed 操作 header')
    await expectVisible(page, '[data-testid="instrument-table"] .el-table__row [data-testid^="review-view-"]', '查看')
    await page.locator('[data-testid="instrument-table"] .el-table__row [data-testid^="review-decide-"]').first().click()
    await expectVisible(page, '.el-dropdown-menu__item:visible:has-text("通过")', '审核 → 通过')
    await expectVisible(page, '.el-dropdown-menu__item:visible:has-text("退回")', '审核 → 退回')
  })

  test('layout: at 390 px the list pages do not scroll sideways and dialogs take the width', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 })
    const lists = {
      charger: [
        ['/instruments', 'instrument-table'],
        ['/instruments/pending', 'instrument-table'],
        ['/appointments', 'appointment-table'],
        ['/certificates', 'certificate-table'],
        ['/catalogue', 'catalogue-table'],
        ['/supervision/rectifications', 'rect-table'],
      ],
      jiangan: [
        ['/review', 'instrument-table'],
        ['/archive', 'archive-table'],
        ['/certificates', 'certificate-table'],
        ['/supervision/verification', 'supervision-table'],
        ['/supervision/rectifications', 'rect-table'],
      ],
    }
    const wide = []
    for (const [user, pages] of Object.entries(lists)) {
      await login(page, user)
      for (const [path, testid] of [...pages, ['/inbox', null]]) {
        await page.goto(path)
        if (testid) await loaded(page, testid)
        await page.waitForLoadState('networkidle')
        await page.waitForTimeout(200)
        // The page (html, el-main, a card's body) must not scroll sideways, nor anything stick out
        // of el-main's sides (a card clips it; a right-aligned pager goes out to the left).
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
            if (b.width > 1 && b.height > 1 && (b.left < box.left - 1 || b.right > box.right + 1) && !e.closest('.el-upload')) out.push(`${name} at ${Math.round(b.left)}..${Math.round(b.right)}`)
          }
          return out.slice(0, 3)
        })
        if (found.length) wide.push(`${user} ${path}: ${found.join(', ')}`)
        if (SCREENSHOTS) await page.screenshot({ path: join(OUT, `layout-390-${user}${path.replace(/[^\w]+/g, '-')}.png`) })
      }
    }
    if (wide.length) throw new Error(`too wide at 390 px: ${wide.join(' | ')}`)

    // A dialog takes the screen's width less a margin, its labels above the fields.
    await page.context().clearCookies()
    const r = await page.request.post('/api/v1/auth/login', { data: { username: ADMIN.username, password: ADMIN.password } })
    if (r.status() !== 200) throw new Error(`login as ${ADMIN.username}: HTTP ${r.status()}`)
    await page.goto('/admin/users')
    await loaded(page, 'users-table')
    await page.locator('[data-testid="users-create"]').click()
    const dialog = page.locator('.el-dialog:visible').first()
    await dialog.waitFor()
    await page.waitForTimeout(300)
    const [left, right] = await dialog.evaluate((e) => [e.getBoundingClientRect().left, e.getBoundingClientRect().right])
    if (left < 0 || right > 390 || right - left < 360) throw new Error(`dialog spans ${left}..${right} at 390 px`)
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'layout-390-dialog.png') })
  })

  test('layout: empty lists tell a new enterprise what to do next', async ({ page, base }) => {
    const admin = await apiLogin(base, ADMIN.username, ADMIN.password)
    const suffix = randomChars(5).toLowerCase()
    const org = await call(base, admin, 'POST', '/admin/orgs', {
      kind: 'enterprise',
      name: `E2E新注册充电有限公司${suffix}`,
      region_code: '420103',
      credit_code: creditCode(`91420103${randomChars(9)}`),
      address: '武汉市江汉区建设大道2号',
      contact_name: '刘经理',
      phone: randomPhone(),
    })
    const username = `e2e_new_${suffix}`
    await call(base, admin, 'POST', '/admin/users', { username, password: DEMO_PASSWORD, role: 'enterprise', org_id: org.id, phone: randomPhone() })
    await login(page, username)
    const expectations = [
      ['/instruments', 'instrument-table', '暂无器具，点击“器具录入”'],
      ['/instruments/pending', 'instrument-table', '暂无待申报的器具'],
      ['/appointments', 'appointment-table', '暂无预约，点击“新建预约”'],
      ['/certificates', 'certificate-table', '暂无证书'],
    ]
    for (const [path, testid, text] of expectations) {
      await page.goto(path)
      await loaded(page, testid)
      await expectVisible(page, `[data-testid="${testid}"] .el-table__empty-text:has-text("${text}")`, `"${text}" on ${path}`)
    }
    // A search that finds nothing says so instead.
    await page.goto('/instruments')
    await loaded(page, 'instrument-table')
    await page.locator('input[placeholder="名称、型号或出厂编号"]').fill('不存在的型号')
    await page.keyboard.press('Enter')
    await expectVisible(page, '[data-testid="instrument-table"] .el-table__empty-text:has-text("没有符合条件的记录")', 'no-match text')
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'layout-empty-instruments.png') })
  })

  test('layout: the footer shows the site information, and nothing without it', async ({ page }) => {
    // The server's own [site] settings (defaults: the organiser and the 12315 hotline).
    await page.goto('/login')
    await expectVisible(page, '[data-testid="site-footer"]:has-text("主办单位：武汉市市场监督管理局")', 'footer from GET /site')
    // A server without GET /site: no footer.
    await page.route('**/api/v1/site', (r) => r.fulfill({ status: 404, json: { error: { code: 'route_not_found', message: '接口不存在' } } }))
    await page.reload()
    await expectVisible(page, '[data-testid="login-submit"]')
    await page.waitForLoadState('networkidle')
    if ((await page.locator('[data-testid="site-footer"]').count()) > 0) throw new Error('footer shown although the server has no GET /site')

    await page.unroute('**/api/v1/site')
    await page.route('**/api/v1/site', (r) => r.fulfill({ json: SITE }))
    await page.reload()
    await expectVisible(page, '[data-testid="site-footer"]', 'footer on the login page')
    const text = (await page.locator('[data-testid="site-footer"]').innerText()).replace(/\s+/g, ' ')
    for (const want of ['主办单位：武汉市市场监督管理局', '技术支持：武汉市计量测试检定研究所', '备案号：鄂ICP备12345678号-1']) {
      if (!text.includes(want)) throw new Error(`footer "${text}" lacks "${want}"`)
    }
    if (text.includes('投诉')) throw new Error(`footer "${text}" shows the empty complaint phone`)
    await login(page, 'charger')
    await expectVisible(page, '[data-testid="site-footer"]:has-text("主办单位：武汉市市场监督管理局")', 'footer in the app')
  })
}
