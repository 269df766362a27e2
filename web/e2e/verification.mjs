// Browser scenarios of the verification business (docs/verification.md) across roles, on the demo
// data run.mjs seeds with `mvis demo` (accounts with password Mvis@Demo2026): the enterprise
// `charger` books two approved chargers of 江岸区 for on-site verification; the institute
// (武汉市计量测试检定研究所, code WHJL) accepts and schedules it; `verifier` records the first
// charger (合格) and signs, `checker` sends it back once and signs after the verifier re-signs,
// `approver` signs and the certificate is issued; the label PDF's QR code (pdftoppm at 203 dpi + zbarimg)
// leads to the public check page, read without sign-in and without JavaScript on a phone-sized
// screen; the enterprise sees the certificate and the instrument's 检定信息, and the 江岸区
// regulator the count in 检定监管. Screenshots verification-*.png and public-page*.png.
// Registered by run.mjs with its page helpers.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { call } from './filing.mjs'

export const DEMO_PASSWORD = 'Mvis@Demo2026'
const INSTITUTE = '武汉市计量测试检定研究所'
const JIANGAN = '420102'

/** The calendar date in China (the server's "today"), `days` ahead. */
function chinaDate(days = 0) {
  return new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10)
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, OUT
 */
export function registerVerificationScenarios(test, h) {
  const { fill, choose, expectVisible, expectMessage, uiLogin, apiLogin, OUT } = h
  const s = {}
  /** A full-page screenshot once nothing is loading, without the passing notices (登录成功 …). */
  async function shot(page, name) {
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((e) => e.getClientRects().length > 0))
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(OUT, name), fullPage: true })
    await style.evaluate((e) => e.remove())
  }
  const login = (page, username) => uiLogin(page, username, DEMO_PASSWORD)
  const need = (...keys) => {
    for (const k of keys) if (s[k] === undefined) throw new Error(`needs ${k} from an earlier scenario`)
  }

  /** A full-page screenshot of a tall page: the layout scrolls inside the viewport, so grow it. */
  async function tallShot(page, name, height = 1600) {
    const size = page.viewportSize()
    await page.setViewportSize({ width: size.width, height })
    await shot(page, name)
    await page.setViewportSize(size)
  }

  async function fillDate(page, testid, value) {
    await fill(page, testid, value)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Escape')
  }

  /** An el-input-number: type, then leave it so the model takes the value. */
  async function fillNumber(page, testid, value) {
    await fill(page, testid, String(value))
    await page.keyboard.press('Tab')
  }

  /** Click a button that asks "are you sure?" and confirm. */
  async function confirmed(page, selector) {
    await page.locator(selector).click()
    const ok = page.locator('.el-message-box__btns .el-button--primary')
    await ok.waitFor({ state: 'visible' })
    await ok.click()
  }

  /** Click a sign button and confirm the signature with the signer's password. */
  async function signedWithPassword(page, selector, password = DEMO_PASSWORD) {
    await page.locator(selector).click()
    const box = page.locator('.el-message-box__input input')
    await box.waitFor({ state: 'visible' })
    await box.fill(password)
    await page.locator('.el-message-box__btns .el-button--primary').click()
  }

  async function expectText(page, selector, text, what) {
    await expectVisible(page, `${selector}:has-text("${text}")`, what ?? `"${text}" in ${selector}`)
  }

  /** Open a record from 检定记录 with 待我签名 on. */
  async function openAwaitingMe(page) {
    await page.locator('[data-testid="menu-verifications"]').click()
    await expectVisible(page, '[data-testid="verification-table"]', '检定记录 table')
    await page.locator('[data-testid="ver-filter-mine"]').click()
    await page.waitForURL((u) => u.pathname === '/verifications')
    await expectVisible(page, `[data-testid="ver-open-${s.recordId}"]`, `record #${s.recordId} among 待我签名`)
    await page.locator(`[data-testid="ver-open-${s.recordId}"]`).click()
    await page.waitForURL((u) => u.pathname === `/verifications/${s.recordId}`)
    await expectVisible(page, '[data-testid="signoff-panel"]', 'sign-off panel')
  }

  test('verification: the enterprise books two approved chargers for on-site verification', async ({ page, base }) => {
    // Two approved chargers of 江岸区 never verified and in no appointment (AC, time-of-use billing first).
    const ent = await apiLogin(base, 'charger', DEMO_PASSWORD)
    const { items } = await call(base, ent, 'GET', '/instruments?status=approved&verification=never&page_size=200')
    const booked = new Set()
    for (const st of ['draft', 'submitted', 'accepted', 'scheduled']) {
      const page1 = await call(base, ent, 'GET', `/appointments?status=${st}&page_size=200`)
      for (const a of page1.items) for (const id of a.instrument_ids) booked.add(id)
    }
    const free = items
      .filter((i) => i.type_code === 'ev_ac_charger' && i.install_region_code === JIANGAN && i.mandatory && !i.change_pending && !booked.has(i.id))
      .sort((a, b) => Number(b.charger?.tou_billing ?? false) - Number(a.charger?.tou_billing ?? false) || a.id - b.id)
    if (free.length < 2) throw new Error(`only ${free.length} free approved AC chargers of 江岸区 in the demo data`)
    s.chargers = free.slice(0, 2)
    const reg = await apiLogin(base, 'jiangan', DEMO_PASSWORD)
    const summary = await call(base, reg, 'GET', '/supervision/verification-summary')
    s.validBefore = summary.items.find((r) => r.region_code === JIANGAN)?.valid ?? 0

    await login(page, 'charger')
    await page.locator('[data-testid="menu-appointments"]').click()
    await expectVisible(page, '[data-testid="appointments"]', '预约检定 page')
    await page.locator('[data-testid="appt-create"]').click()
    await expectText(page, '[data-testid="form-title"]', '新建预约')
    await page.locator('[data-testid="mode-on_site"]').click()

    await page.locator('[data-testid="form-pick"]').click()
    const picker = '[data-testid="instrument-picker"]'
    await expectVisible(page, `${picker} [data-testid="picker-table"]`, '从备案中选择 dialog')
    for (const c of s.chargers) {
      await fill(page, 'picker-q', c.serial_no)
      await page.locator('[data-testid="picker-search"]').click()
      const row = `${picker} .el-table__row:has-text("${c.serial_no}")`
      await expectVisible(page, row, `charger ${c.serial_no} in the picker`)
      await page.locator(`${row} .el-checkbox`).click()
    }
    await expectText(page, '[data-testid="picker-confirm"]', '已选 2 台')
    await page.locator('[data-testid="picker-confirm"]').click()
    await page.locator(picker).waitFor({ state: 'hidden' })
    for (const c of s.chargers) await expectVisible(page, `[data-testid="booked-instruments"] .el-table__row:has-text("${c.serial_no}")`, `${c.serial_no} in the form`)

    // the institute suggested for the chargers' type and district
    await choose(page, 'institute-select', '推荐')
    await expectText(page, '[data-testid="institute-select"]', INSTITUTE, 'the suggested institute chosen')
    await expectText(page, '[data-testid="institute-chosen"]', '推荐')
    s.preferred = chinaDate(7)
    await fillDate(page, 'form-date', s.preferred)
    await fill(page, 'form-contact-name', '张经理')
    await fill(page, 'form-contact-phone', '13900000006')
    await fill(page, 'form-notes', '充电站入口在二七路，请提前一天电话联系')
    await tallShot(page, 'verification-appointment-form.png', 1400)
    await page.locator('[data-testid="form-save-submit"]').click()
    await expectMessage(page, '预约已提交，等待检定机构受理')
    await page.waitForURL((u) => /^\/appointments\/\d+$/.test(u.pathname))
    s.appointmentId = Number(new URL(page.url()).pathname.split('/').pop())
    await expectText(page, '[data-testid="appt-status"]', '待受理')

    await page.locator('[data-testid="menu-appointments"]').click()
    const row = `[data-testid="appointment-table"] .el-table__row:has([data-testid="appt-open-${s.appointmentId}"])`
    await expectVisible(page, row, `appointment #${s.appointmentId} in the list`)
    await expectText(page, row, '待受理')
    await expectText(page, row, '预约上门')
    await expectText(page, row, INSTITUTE)
  })

  test('verification: the institute accepts and schedules the appointment', async ({ page }) => {
    need('appointmentId')
    const id = s.appointmentId
    await login(page, 'approver')
    await page.locator('[data-testid="menu-institute-appointments"]').click()
    await expectVisible(page, '[data-testid="institute-appointments"]', '预约受理 page')
    const row = `[data-testid="appointment-table"] .el-table__row:has([data-testid="appt-open-${id}"])`
    await expectVisible(page, row, `appointment #${id} among 待受理`)
    await expectText(page, row, '武汉新能源充电科技有限公司')
    await confirmed(page, `[data-testid="appt-accept-${id}"]`)
    await expectMessage(page, '已受理')

    await page.locator('[data-testid="appt-tabs"] .el-tabs__item:has-text("已受理")').click()
    await expectVisible(page, `[data-testid="appt-schedule-${id}"]`, '安排 on the accepted appointment')
    await page.locator(`[data-testid="appt-schedule-${id}"]`).click()
    const dialog = '[data-testid="schedule-dialog"]'
    await expectVisible(page, `${dialog} [data-testid="schedule-verifiers"]`, '安排检定 dialog')
    s.scheduled = chinaDate(0)
    // in a dialog, Escape would close the dialog: click its title to close the pickers instead
    const title = page.locator(`${dialog} .el-dialog__title`)
    await fill(page, 'schedule-date', s.scheduled)
    await page.keyboard.press('Enter')
    await title.click()
    await choose(page, 'schedule-verifiers', '王检定员')
    await title.click()
    await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })
    await expectText(page, `${dialog} [data-testid="schedule-verifiers"]`, '王检定员')
    await page.locator('[data-testid="schedule-submit"]').click()
    await expectMessage(page, '已安排检定')
    await page.locator(dialog).waitFor({ state: 'hidden' })

    await page.locator('[data-testid="appt-tabs"] .el-tabs__item:has-text("已安排")').click()
    await expectText(page, row, `安排：${s.scheduled}`)
    await page.locator(`[data-testid="appt-open-${id}"]`).click()
    await page.waitForURL((u) => u.pathname === `/appointments/${id}`)
    await expectText(page, '[data-testid="appt-status"]', '已安排')
    await expectText(page, '[data-testid="appointment-detail"]', '王检定员')
  })

  test('verification: the verifier records the first charger (合格) and signs', async ({ page }) => {
    need('appointmentId', 'chargers')
    const c = s.chargers[0]
    await login(page, 'verifier')
    await page.goto(`/appointments/${s.appointmentId}`)
    await expectText(page, '[data-testid="appt-status"]', '已安排')
    await page.locator(`[data-testid="record-${c.id}"]`).click()
    await page.waitForURL((u) => u.pathname === '/verifications/new')
    await expectText(page, '[data-testid="record-instrument"]', c.serial_no)

    // a valid standard; the expired one is offered but disabled
    await page.locator('[data-testid="form-standards"]').click()
    await expectVisible(page, '.el-select-dropdown__item.is-disabled:visible:has-text("已过期")', 'the expired standard disabled')
    await page.locator('.el-select-dropdown__item:visible:not(.is-disabled)', { hasText: '交流充电桩检定装置' }).first().click()
    await page.keyboard.press('Escape')
    await page.locator('.el-select-dropdown__item:visible').first().waitFor({ state: 'hidden' })

    await fillNumber(page, 'form-temperature', 22.5)
    await fillNumber(page, 'form-humidity', 55)
    await fillNumber(page, 'form-insulation', 100)
    await expectVisible(page, '[data-testid="insulation-hint"].el-alert--info', 'insulation hint (not the low warning)')
    const checks = page.locator('[data-testid="form-checklist"] .el-radio-group')
    const n = await checks.count()
    if (n === 0) throw new Error('no checklist items')
    for (let i = 0; i < n; i++) {
      const pass = checks.nth(i).locator('.el-radio').first()
      if (!(await pass.evaluate((e) => e.classList.contains('is-checked')))) await pass.click()
    }

    // three load points within ±limit: Imax, 0.5 Imax and 0.1 Imax
    const imax = c.charger?.max_current_a ?? 32
    const volts = c.charger?.rated_voltage_v ?? 220
    const points = [
      [imax, volts, 5, 5.01],
      [imax / 2, volts, 5, 5.02],
      [imax / 10, volts, 2, 1.996],
    ]
    for (let i = 0; i < points.length; i++) {
      if (i > 0) await page.locator('[data-testid="lp-add"]').click()
      const keys = ['current_a', 'voltage_v', 'standard_energy_kwh', 'charger_energy_kwh']
      for (let k = 0; k < keys.length; k++) await fillNumber(page, `lp-${i}-${keys[k]}`, points[i][k])
      await expectVisible(page, `[data-testid="lp-${i}-preview"]`, `error preview of load point ${i + 1}`)
    }
    if (c.charger?.tou_billing) await fillNumber(page, 'form-clock', 2)

    await page.locator('[data-testid="record-save"]').click()
    await expectMessage(page, '检定记录已保存')
    await page.waitForURL((u) => /^\/verifications\/\d+$/.test(u.pathname))
    s.recordId = Number(new URL(page.url()).pathname.split('/').pop())
    await expectText(page, '[data-testid="record-instrument"]', c.serial_no, 'the saved record with its instrument (被检器具)')
    await expectText(page, '[data-testid="conclusion-panel"] [data-testid="conclusion-pass"]', '合格')
    for (let i = 0; i < points.length; i++) await expectText(page, `[data-testid="lp-${i}-server"]`, '合格')
    await expectText(page, '[data-testid="record-status"]', '草稿')
    await tallShot(page, 'verification-record-form.png', 1900)

    await signedWithPassword(page, '[data-testid="sign-verifier"]')
    await expectMessage(page, '已签名')
    await expectText(page, '[data-testid="record-status"]', '待核验')
    await expectText(page, '[data-testid="signature-verifier"]', '王检定员')
    if ((await page.locator('[data-testid="record-save"]').count()) > 0) throw new Error('保存 still offered after signing')
  })

  test('verification: the checker sends the record back once, then signs after the verifier re-signs', async ({ page, browser, base }) => {
    need('recordId')
    const reason = '环境湿度请按现场温湿度计读数复核'
    await login(page, 'checker')
    await openAwaitingMe(page)
    await page.locator('[data-testid="send-back"]').click()
    await expectVisible(page, '[data-testid="send-back-dialog"]', '退回 dialog')
    await fill(page, 'send-back-dialog-reason', reason)
    await page.locator('[data-testid="send-back-dialog-submit"]').click()
    await expectMessage(page, '已退回为草稿')
    await expectText(page, '[data-testid="record-status"]', '草稿')
    await expectText(page, '[data-testid="signature-verifier"]', '待签')

    const ctx = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
    ctx.setDefaultTimeout(15_000)
    try {
      const vp = await ctx.newPage()
      await login(vp, 'verifier')
      await vp.goto(`/verifications/${s.recordId}`)
      await expectText(vp, '[data-testid="record-sent-back"]', reason, 'the reason of the send-back')
      await signedWithPassword(vp, '[data-testid="sign-verifier"]')
      await expectMessage(vp, '已签名')
      await expectText(vp, '[data-testid="record-status"]', '待核验')
    } finally {
      await ctx.close()
    }

    await page.reload()
    await expectText(page, '[data-testid="record-status"]', '待核验')
    await signedWithPassword(page, '[data-testid="sign-checker"]')
    await expectMessage(page, '已签名')
    await expectText(page, '[data-testid="record-status"]', '待批准')
    await expectText(page, '[data-testid="signature-checker"]', '赵核验员')
  })

  test('verification: the approver signs and the certificate is issued', async ({ page }) => {
    need('recordId')
    await login(page, 'approver')
    await openAwaitingMe(page)
    await expectText(page, '[data-testid="record-status"]', '待批准')
    await shot(page, 'verification-signoff.png')
    await signedWithPassword(page, '[data-testid="sign-approver"]')
    await expectMessage(page, '已批准，检定证书已出具')
    await expectText(page, '[data-testid="record-status"]', '已批准')
    for (const [d, who] of [['verifier', '王检定员'], ['checker', '赵核验员'], ['approver', '钱批准人']]) {
      await expectText(page, `[data-testid="signature-${d}"]`, who)
    }
    const block = '[data-testid="certificate-block"]'
    await expectVisible(page, block, 'certificate block')
    const number = (await page.locator(`${block} [data-testid="cert-number"]`).textContent())?.trim() ?? ''
    const year = chinaDate(0).slice(0, 4)
    if (!new RegExp(`^WHJL-${year}-\\d{6}$`).test(number)) throw new Error(`certificate number "${number}", expected WHJL-${year}-NNNNNN`)
    const qr = await page.locator(`${block} [data-testid="cert-qr"]`).getAttribute('href')
    if (!/^HTTP:\/\/[0-9.:]+\/V\/[A-Z2-7]+$/.test(qr ?? '')) throw new Error(`qr_url "${qr}"`)
    await page.locator(`${block} .el-tag`, { hasText: /^\s*有效\s*$/ }).waitFor().catch(() => {
      throw new Error('status 有效 not shown in the certificate block')
    })
    await expectVisible(page, `${block} [data-testid="cert-label"]`, '打印标识')
    await tallShot(page, 'verification-certificate.png', 1900)
    s.number = number
    s.qrUrl = qr

    // the pass label, as 打印标识 asks for it: one label of 50 × 30 mm
    const res = await page.request.get(`/api/v1/certificates/${encodeURIComponent(number)}/label.pdf?layout=single&width_mm=50&height_mm=30`)
    if (res.status() !== 200) throw new Error(`GET label.pdf: HTTP ${res.status()} ${await res.text()}`)
    if (!(res.headers()['content-type'] ?? '').startsWith('application/pdf')) throw new Error(`label.pdf served as ${res.headers()['content-type']}`)
    s.label = await res.body()
  })

  test('verification: the QR code of the label opens the public check page (no sign-in, no JavaScript)', async ({ browser }) => {
    need('label', 'number', 'qrUrl', 'chargers')
    const pdf = join(OUT, 'verification-label.pdf')
    writeFileSync(pdf, s.label)
    const png = join(OUT, 'verification-label')
    // As a 203 dpi thermal printer prints it: black and white, 8 dots a millimetre.
    execFileSync('pdftoppm', ['-r', '203', '-mono', '-png', '-singlefile', pdf, png], { timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'] })
    if (!existsSync(`${png}.png`)) throw new Error('pdftoppm wrote no PNG')
    let url
    try {
      url = execFileSync('zbarimg', ['--raw', '-q', `${png}.png`], { timeout: 30_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()
    } catch (e) {
      throw new Error(`zbarimg found no QR code in the label (exit ${e.status})`)
    }
    // The compact label URL: upper case (QR alphanumeric mode), short enough for version 7.
    const m = url.match(/^HTTP:\/\/[0-9.:]+\/V\/([A-Z2-7]+)$/)
    if (!m) throw new Error(`the QR code says "${url}", expected HTTP://HOST/V/<base32 token>`)
    if (url.length > 154) throw new Error(`the label URL has ${url.length} characters, more than a version-7 QR code holds`)
    if (url !== s.qrUrl) throw new Error(`the QR code says ${url}, the certificate's qr_url is ${s.qrUrl}`)

    const ctx = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    ctx.setDefaultTimeout(15_000)
    try {
      const page = await ctx.newPage()
      const res = await page.goto(url)
      if (res?.status() !== 200) throw new Error(`GET ${url}: HTTP ${res?.status()}`)
      for (const text of ['检定合格 · 有效', s.chargers[0].serial_no, s.number, INSTITUTE, '安装地址', '投诉举报', '12315', '查验时间']) {
        await expectVisible(page, `body:has-text("${text}")`, `"${text}" on the public page`)
      }
      const scroll = await page.evaluate(() => document.documentElement.scrollWidth)
      if (scroll > 390) throw new Error(`the public page is ${scroll}px wide on a 390px screen`)
      await page.screenshot({ path: join(OUT, 'public-page.png'), fullPage: true })

      // one character of the signed payload changed: refused
      const token = m[1]
      const i = Math.floor(token.length / 2)
      const tampered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1)
      await page.goto(url.replace(token, tampered))
      await expectVisible(page, 'body:has-text("标识无效")', '标识无效 on a tampered label')
      if ((await page.locator(`body:has-text("${s.number}")`).count()) > 0) throw new Error('the tampered label shows the certificate number')
      await page.screenshot({ path: join(OUT, 'public-page-invalid.png'), fullPage: true })
    } finally {
      await ctx.close()
    }
  })

  test('verification: the enterprise sees the certificate and the instrument 检定信息', async ({ page }) => {
    need('number', 'chargers')
    const c = s.chargers[0]
    await login(page, 'charger')
    await expectText(page, '[data-testid="menu-certificates"]', '我的证书')
    await page.locator('[data-testid="menu-certificates"]').click()
    const row = `[data-testid="certificate-table"] .el-table__row:has([data-testid="cert-open-${s.number}"])`
    await expectVisible(page, row, `certificate ${s.number} in 我的证书`)
    await expectText(page, row, '有效')
    await expectText(page, row, c.serial_no)
    await shot(page, 'verification-my-certificates.png')

    // 导出: the list with its filters as an .xlsx the enterprise downloads.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="list-export"]').click()])
    if (download.suggestedFilename() !== '检定证书.xlsx') throw new Error(`export named ${download.suggestedFilename()}`)
    const xlsx = readFileSync(await download.path())
    if (xlsx.subarray(0, 2).toString() !== 'PK' || xlsx.length < 2000) throw new Error(`the export is not a workbook (${xlsx.length} bytes)`)
    await expectVisible(page, '.el-message:has-text("已导出")', 'the 已导出 message')

    await page.goto(`/instruments/${c.id}`)
    const info = '[data-testid="instrument-verification"]'
    await expectVisible(page, info, '检定信息')
    await expectText(page, '[data-testid="instrument-detail"]', '检定信息')
    await expectText(page, info, '检定合格')
    await expectText(page, `${info} [data-testid="last-certificate"]`, s.number)
    const valid = await page.request.get(`/api/v1/certificates/${encodeURIComponent(s.number)}`)
    const until = (await valid.json()).valid_until
    if (!/^\d{4}-\d{2}-\d{2}$/.test(until ?? '')) throw new Error(`certificate valid_until "${until}"`)
    await expectText(page, info, until, `valid until ${until}`)
    await expectText(page, '[data-testid="timeline"] [data-testid="history-verification_pass"]', '检定合格', '检定合格 in the 备案记录 timeline')
    await tallShot(page, 'verification-instrument.png', 1600)
  })

  test('verification: the 江岸区 regulator sees the new verification in 检定监管', async ({ page }) => {
    need('number', 'validBefore')
    await login(page, 'jiangan')
    await page.locator('[data-testid="menu-supervision-verification"]').click()
    const cell = `[data-testid="sum-${JIANGAN}-valid"]`
    await expectVisible(page, cell, '江岸区 row')
    await expectText(page, '[data-testid="supervision-table"] .el-table__row', '江岸区')
    const want = s.validBefore + 1
    await page.waitForFunction(([sel, n]) => document.querySelector(sel)?.textContent?.trim() === String(n), [cell, want]).catch(async () => {
      throw new Error(`江岸区 有效 shows ${(await page.locator(cell).textContent())?.trim()}, expected ${want}`)
    })
    await shot(page, 'verification-supervision.png')
  })
}
