// Browser scenarios of the batch import (批量导入, docs/api.md "Batch import"): an enterprise
// downloads the template, uploads it untouched (refused: no data rows), uploads a CSV of three
// chargers with one bad date, fixes the row in the preview, saves them as drafts, applies for
// filing from 待申报, and imports the same rows again without creating anything twice.
// Registered by run.mjs with its page helpers.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { creditCode, randomChars, randomPhone } from './util.mjs'
import { call } from './filing.mjs'

/** The template's header row (sheet 器具清单); a CSV with it is accepted like the .xlsx. */
export const IMPORT_HEADER =
  '器具类型*,器具名称*,型号规格*,出厂编号*,制造单位*,品牌*,准确度等级*,测量范围,安装地址*,安装区域*,用途*,投入使用日期*,资产编号,备注,交直流,额定功率(kW),额定电压(V),最大电流(A),最小电流(A),接口数量,充电站名称,设备编码,分时计费,经度,纬度'

/** A CSV (UTF-8) of AC chargers in 江汉区 used for trade settlement, one line per `{name, serial, date}`. */
export function chargersCsv(rows) {
  const line = (r) =>
    [
      '电动汽车交流充电桩', r.name, 'AC7-IMP', r.serial, '武汉某电气设备有限公司', '星驰', '2', '',
      '武汉市江汉区发展大道200号', '江汉区', '贸易结算', r.date, '', '', 'AC', '7', '220', '32', '6', '1',
      '江汉导入测试充电站', '', '是', '', '',
    ].join(',')
  return Buffer.from([IMPORT_HEADER, ...rows.map(line)].join('\r\n') + '\r\n', 'utf8')
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT
 */
export function registerImportScenarios(test, h) {
  const { fill, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT } = h
  const s = {}
  const suffix = randomChars(4).toLowerCase()
  const PASSWORD = 'Imp0rt!Passw0rd'
  const serial = randomChars(6)
  const rows = [
    { name: '导入交流桩1', serial: `IMP${serial}1`, date: '2024-01-15' },
    { name: '导入交流桩2', serial: `IMP${serial}2`, date: '2024-13-45' },
    { name: '导入交流桩3', serial: `IMP${serial}3`, date: '2024-03-15' },
  ]
  const FIXED_DATE = '2024-02-15'
  const shot = (page, name) => page.screenshot({ path: join(OUT, name), fullPage: true })
  const need = (...keys) => {
    for (const k of keys) if (!s[k]) throw new Error(`needs ${k} from an earlier scenario`)
  }
  const fileInput = (page) => page.locator('[data-testid="import-upload"] input[type="file"]')

  async function uploadBuffer(page, name, mimeType, buffer) {
    // Handing Chromium a 20 MB buffer takes Playwright ~15 s on the busy shared 2-core VM.
    const timeout = buffer.length > 1024 * 1024 ? 60_000 : undefined
    await fileInput(page).setInputFiles({ name, mimeType, buffer }, { timeout })
  }

  /** The number on a summary card. */
  async function count(page, key) {
    return Number((await page.locator(`[data-testid="import-count-${key}"] [data-testid="value"]`).textContent())?.trim())
  }

  async function expectCounts(page, want) {
    await expectVisible(page, '[data-testid="import-preview"]', 'import preview')
    const until = Date.now() + 5000
    let got = {}
    while (Date.now() < until) {
      got = {}
      for (const k of Object.keys(want)) got[k] = await count(page, k)
      if (Object.keys(want).every((k) => got[k] === want[k])) return
      await page.waitForTimeout(100)
    }
    throw new Error(`summary ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
  }

  test('admin API: an enterprise of 江汉区 for batch import', async ({ base }) => {
    const admin = await apiLogin(base, ADMIN.username, ADMIN.password)
    const ent = await call(base, admin, 'POST', '/admin/orgs', {
      kind: 'enterprise',
      name: `E2E批量导入充电运营有限公司${suffix}`,
      region_code: '420103',
      credit_code: creditCode(`91420103${randomChars(9)}`),
      address: '武汉市江汉区发展大道200号',
      contact_name: '赵经理',
      phone: randomPhone(),
    })
    s.enterprise = { username: `e2e_imp_${suffix}`, password: PASSWORD }
    await call(base, admin, 'POST', '/admin/users', { username: s.enterprise.username, password: PASSWORD, role: 'enterprise', org_id: ent.id, phone: randomPhone() })
  })

  test('enterprise downloads the import template; the untouched template is refused', async ({ page }) => {
    need('enterprise')
    await uiLogin(page, s.enterprise.username, s.enterprise.password)
    const menu = await page.locator('[data-testid="side-menu"] [data-testid^="menu-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    if (menu.indexOf('menu-instrument-import') !== menu.indexOf('menu-instrument-new') + 1) throw new Error(`批量导入 not right after 器具录入 in the menu: ${menu.join(', ')}`)

    // the buttons on 我的器具 and 待申报 lead to the page too
    await page.locator('[data-testid="menu-instruments-pending"]').click()
    await page.locator('[data-testid="pending-import"]').click()
    await page.waitForURL((u) => u.pathname === '/instruments/import')
    await page.locator('[data-testid="menu-instruments"]').click()
    await page.locator('[data-testid="instruments-import"]').click()
    await page.waitForURL((u) => u.pathname === '/instruments/import')
    await expectVisible(page, '[data-testid="import-template-card"]', 'template instructions')

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="import-template"]').click()])
    if (!download.suggestedFilename().endsWith('.xlsx')) throw new Error(`template named ${download.suggestedFilename()}`)
    const dir = mkdtempSync(join(tmpdir(), 'mvis-e2e-import-'))
    try {
      const path = join(dir, download.suggestedFilename())
      await download.saveAs(path)
      const head = readFileSync(path).subarray(0, 2).toString('latin1')
      if (head !== 'PK') throw new Error(`the template does not start with PK (got ${JSON.stringify(head)})`)
      s.template = readFileSync(path)
      // the real .xlsx, untouched: only the example row, which the importer skips
      await fileInput(page).setInputFiles(path)
      // The browser reads the chosen file only when it uploads it: keep it until the answer shows
      // (removing it at once made the upload fail with "无法连接服务器" on a loaded machine).
      await expectVisible(page, '[data-testid="import-failed-message"]:has-text("没有可导入的数据行")', 'import_empty message')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }

    // refused before upload: wrong type, over 20 MB
    await uploadBuffer(page, 'list.txt', 'text/plain', Buffer.from('x'))
    await expectVisible(page, '[data-testid="import-failed-message"]:has-text("只能上传 .xlsx 或 .csv 文件")', 'wrong type message')
    await uploadBuffer(page, 'big.csv', 'text/csv', Buffer.alloc(20 * 1024 * 1024 + 1, 0x41))
    await expectVisible(page, '[data-testid="import-failed-message"]:has-text("文件超过 20 MB")', 'too large message')
  })

  test('enterprise uploads three chargers with a bad date, fixes the row in the preview and saves them', async ({ page }) => {
    need('enterprise')
    await uiLogin(page, s.enterprise.username, s.enterprise.password)
    await page.locator('[data-testid="menu-instrument-import"]').click()
    await uploadBuffer(page, '充电桩清单.csv', 'text/csv', chargersCsv(rows))
    await expectCounts(page, { total: 3, valid: 2, existing: 0, error: 1 })
    await expectVisible(page, '[data-testid="import-state-3"]:has-text("错误")', 'row 3 in error')
    await expectVisible(page, '[data-testid="import-state-2"]:has-text("有效")', 'row 2 valid')
    await expectVisible(page, '[data-testid="import-errors-3"]:has-text("投入使用日期")', 'error of row 3 naming its column')
    await expectVisible(page, 'td.cell-error [data-testid="cell-in_use_date-3"]', 'red 投入使用日期 cell')
    const red = await page.locator('[data-testid="import-table"] .el-table__body-wrapper td.cell-error').count()
    if (red !== 1) throw new Error(`${red} red cells, expected only the date of row 3`)
    if (!(await page.locator('[data-testid="import-commit"]').isDisabled())) throw new Error('保存 enabled with an error row')
    await expectVisible(page, '[data-testid="import-error-report"]', '下载错误报告')
    await expectVisible(page, '[data-testid="import-hint-has_errors"]', 'hint to fix the errors')
    // a desktop wide enough for every column: red cell and error list side by side
    await page.setViewportSize({ width: 1920, height: 900 })
    await shot(page, 'import-preview-error.png')
    await page.setViewportSize({ width: 1440, height: 900 })

    // 错误 tab: only the bad row
    await page.locator('[data-testid="import-tabs"] .el-tabs__item:has-text("错误")').click()
    await page.locator('[data-testid="import-row-2"]').waitFor({ state: 'detached' })
    await expectVisible(page, '[data-testid="import-row-3"]', 'row 3 in the 错误 tab')

    // 下载错误报告 gives an .xlsx
    const [report] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="import-error-report"]').click()])
    if (!report.suggestedFilename().endsWith('.xlsx')) throw new Error(`error report named ${report.suggestedFilename()}`)

    // 修改: the error is on the date item; fix it without leaving the page
    await page.locator('[data-testid="import-edit-3"]').click()
    const dialog = '[data-testid="import-row-dialog"]'
    await expectVisible(page, `${dialog} [data-testid="import-dialog-errors"]:has-text("2024-13-45")`, 'row errors in the dialog')
    await expectVisible(page, `${dialog} .el-form-item.is-error:has([data-testid="f-in_use_date"]) .el-form-item__error`, 'error on 投入使用日期')
    await expectVisible(page, `${dialog} [data-testid="charger-fields"]`, 'charger fields in the dialog')
    const serialInForm = await page.locator(`${dialog} [data-testid="f-serial_no"] input, ${dialog} input[data-testid="f-serial_no"]`).first().inputValue()
    if (serialInForm !== rows[1].serial) throw new Error(`dialog shows serial ${serialInForm}`)
    await page.setViewportSize({ width: 1440, height: 1300 })
    await shot(page, 'import-edit-dialog.png')
    await page.setViewportSize({ width: 1440, height: 900 })
    await fill(page, 'f-in_use_date', FIXED_DATE)
    await page.keyboard.press('Enter')
    await page.locator(`${dialog} .el-dialog__title`).click()
    await page.locator('[data-testid="import-row-save"]').click()
    await expectMessage(page, '第 3 行已修正')
    await page.locator(dialog).waitFor({ state: 'hidden' })
    await expectVisible(page, '[data-testid="import-state-3"]:has-text("有效")', 'row 3 valid after the fix')
    await expectVisible(page, `[data-testid="cell-in_use_date-3"]:has-text("${FIXED_DATE}")`, 'fixed date in the table')
    await expectCounts(page, { total: 3, valid: 3, existing: 0, error: 0 })

    // 保存（导入为待申报）
    await page.locator('[data-testid="import-commit"]').click()
    await expectMessage(page, '成功导入 3 台器具')
    await expectVisible(page, '[data-testid="import-committed"]', 'saved result')
    await page.locator('[data-testid="import-go-pending"]').click()
    await page.waitForURL((u) => u.pathname === '/instruments/pending')
    const row = (text) => `[data-testid="instrument-table"] .el-table__row:has-text("${text}")`
    for (const r of rows) await expectVisible(page, row(r.serial), `draft ${r.serial} in 待申报`)
    for (const r of rows) await page.locator(`${row(r.serial)} .el-checkbox`).click()
    await page.locator('[data-testid="pending-apply"]').click()
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await expectMessage(page, '已申请备案 3 台')
    s.saved = true
  })

  test('importing the same rows again registers nothing twice', async ({ page }) => {
    need('saved')
    await uiLogin(page, s.enterprise.username, s.enterprise.password)
    await page.locator('[data-testid="menu-instrument-import"]').click()
    const corrected = rows.map((r, i) => (i === 1 ? { ...r, date: FIXED_DATE } : r))
    await uploadBuffer(page, '充电桩清单.csv', 'text/csv', chargersCsv(corrected))
    await expectCounts(page, { total: 3, valid: 0, existing: 3, error: 0 })
    for (const n of [2, 3, 4]) await expectVisible(page, `[data-testid="import-state-${n}"]:has-text("已登记")`, `row ${n} 已登记`)
    await expectVisible(page, '[data-testid="import-hint-all_existing"]:has-text("均已登记")', 'nothing-to-save notice')
    if (!(await page.locator('[data-testid="import-commit"]').isDisabled())) throw new Error('保存 enabled with nothing to save')
  })
}
