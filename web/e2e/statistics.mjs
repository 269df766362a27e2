// Browser scenarios of issue 12 on the `mvis demo` data: 统计分析 as the city bureau (the KPI cards
// against GET /statistics/overview, the district bar chart drawn, no raw keys at 1440 and 390 px,
// a click on a bar of the district chart opening 备案审核 narrowed to that district and state);
// 发改委验收 as the city DRC (新建核查 with an uploaded .xlsx of two demo EquipmentIDs and an unknown
// one, the verdict 存在问题 with 未备案, the evidence PDF's QR code read with pdftoppm + zbarimg
// leading to the public /ac/ page naming the project); and the public lookup (查询) of one of
// those EquipmentIDs without signing in. E2E_SCREENSHOTS=1 keeps statistics-*.png.
// Registered by run.mjs with its page helpers.
import { execFileSync } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { call } from './filing.mjs'
import { rawFragments } from './rawText.mjs'
import { DEMO_PASSWORD } from './verification.mjs'

// ---------------------------------------------------------------- a minimal .xlsx writer

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(buf) {
  let c = 0xffffffff
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A zip of stored (uncompressed) entries: { name: string content }. */
function zipStored(files) {
  const locals = []
  const centrals = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const nameBuf = Buffer.from(name, 'utf8')
    const data = Buffer.from(text, 'utf8')
    const crc = crc32(data)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(0, 8) // stored
    local.writeUInt32LE(0, 10) // time, date
    local.writeUInt32LE(crc, 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBuf.length, 26)
    local.writeUInt16LE(0, 28)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(0, 10)
    central.writeUInt32LE(0, 12)
    central.writeUInt32LE(crc, 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBuf.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBuf, data)
    centrals.push(central, nameBuf)
    offset += local.length + nameBuf.length + data.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

const xmlEscape = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A one-sheet workbook of inline-string cells (rows of strings). */
export function xlsxOf(rows) {
  const col = (i) => String.fromCharCode(65 + i)
  const sheetRows = rows
    .map((r, ri) => `<row r="${ri + 1}">${r.map((v, ci) => `<c r="${col(ci)}${ri + 1}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`).join('')}</row>`)
    .join('')
  return zipStored({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    '_rels/.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    'xl/workbook.xml':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="充电桩" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels':
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`,
  })
}

// ---------------------------------------------------------------- scenarios

/** The registry count a drill-down address stands for (lib/statistics.ts COUNT_FILTERS). */
function countOfQuery(q) {
  if (q.get('status') === 'all') return 'filed'
  const v = q.get('verification')
  if (!v) return 'approved'
  // due_soon is the 30-day figure only with the dashboards' window (due_days=30)
  return { valid: 'valid', overdue: 'overdue', never: 'never_verified', failed: 'failed', due_soon: q.get('due_days') === '30' ? 'due_30d' : null }[v] ?? null
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, expectVisible, expectMessage, uiLogin, apiLogin, OUT, SCREENSHOTS
 */
export function registerStatisticsScenarios(test, h) {
  const { fill, expectVisible, uiLogin, apiLogin, OUT, SCREENSHOTS } = h
  const s = {}
  const login = (page, username) => uiLogin(page, username, DEMO_PASSWORD)

  async function noRawText(page, where) {
    const bad = rawFragments(await page.evaluate(() => document.body.innerText))
    if (bad.length) throw new Error(`${where} shows raw text: ${bad.join(', ')}`)
  }
  async function shot(page, name) {
    if (!SCREENSHOTS) return
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((e) => e.getClientRects().length > 0))
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(OUT, name), fullPage: true })
    await style.evaluate((e) => e.remove())
  }
  /** The district chart's canvas box, once drawn with a non-zero size. */
  async function districtCanvas(page) {
    const canvas = page.locator('[data-testid="dash-chart-district"] canvas').first()
    await canvas.waitFor({ state: 'visible' })
    const box = await canvas.boundingBox()
    if (!box || box.width < 50 || box.height < 50) throw new Error(`district chart canvas is ${box?.width}×${box?.height}`)
    return box
  }

  test('statistics: the city bureau reads the figures, the district chart and drills down to a district', async ({ page }) => {
    await login(page, 'city')
    await page.goto('/statistics')
    await expectVisible(page, '[data-testid="statistics"]', '统计分析 page')
    const overview = await page.evaluate(async () => (await fetch('/api/v1/statistics/overview')).json())
    const districts = (await page.evaluate(async () => (await fetch('/api/v1/statistics/by-district')).json())).items
    if (!(overview.filed > 0)) throw new Error(`overview has filed = ${overview.filed}`)
    const filed = page.locator('[data-testid="kpi-filed"] .kpi-value')
    const want = new Intl.NumberFormat('en-US').format(overview.filed)
    await page.waitForFunction(([el, w]) => el.textContent.trim() === w, [await filed.elementHandle(), want]).catch(() => undefined) // figures load after the cards
    const shown = (await filed.textContent()).trim()
    if (shown !== want) throw new Error(`已备案 card shows "${shown}", the API says ${want}`)
    for (const k of ['approved', 'valid', 'overdue']) {
      const v = (await page.locator(`[data-testid="kpi-${k}"] .kpi-value`).textContent()).trim()
      if (v !== new Intl.NumberFormat('en-US').format(overview[k])) throw new Error(`card ${k} shows "${v}", the API says ${overview[k]}`)
    }
    await expectVisible(page, '[data-testid="kpi-approved"]:has-text("已备案")', '已备案 card label')
    if (districts.length < 2) throw new Error(`only ${districts.length} districts in by-district`)
    await districtCanvas(page)
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(800) // the bars' entry animation
    await noRawText(page, '统计分析 at 1440 px')
    await shot(page, 'statistics-1440.png')

    // A phone: the page opened afresh at 390 px (the menu folds away as on a real phone).
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/statistics')
    await expectVisible(page, '[data-testid="kpi-filed"]', 'KPI cards at 390 px')
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(800)
    const narrowBox = await districtCanvas(page)
    if (narrowBox.width > 390) throw new Error(`district chart is ${narrowBox.width} px wide on a 390 px screen`)
    await noRawText(page, '统计分析 at 390 px')
    await shot(page, 'statistics-390.png')
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto('/statistics')
    await districtCanvas(page)
    await page.waitForLoadState('networkidle')
    await page.waitForTimeout(800)

    // A real click on a bar: find a pixel of a bar segment's colour below the legend.
    const chart = page.locator('[data-testid="dash-chart-district"]')
    await chart.scrollIntoViewIfNeeded()
    await page.waitForTimeout(300)
    const box = await districtCanvas(page)
    const COLORS = [
      [103, 194, 58], // 有效 (valid_later)
      [245, 108, 108], // 超期 (overdue)
      [168, 7, 26], // 不合格
    ]
    const hit = await page.locator('[data-testid="dash-chart-district"] canvas').first().evaluate((c, colors) => {
      const ctx = c.getContext('2d')
      const img = ctx.getImageData(0, 0, c.width, c.height).data
      const ratio = c.width / c.getBoundingClientRect().width
      const at = (x, y) => {
        const i = (y * c.width + x) * 4
        return [img[i], img[i + 1], img[i + 2]]
      }
      const is = (p, col) => Math.abs(p[0] - col[0]) + Math.abs(p[1] - col[1]) + Math.abs(p[2] - col[2]) < 12
      for (const col of colors) {
        for (let y = Math.round(40 * ratio); y < c.height; y++) {
          for (let x = Math.round(60 * ratio); x < c.width; x++) {
            if (!is(at(x, y), col)) continue
            // the middle of the bar's run, both ways
            let x2 = x
            while (x2 + 1 < c.width && is(at(x2 + 1, y), col)) x2++
            let y2 = y
            while (y2 + 1 < c.height && is(at(x, y2 + 1), col)) y2++
            if (x2 - x < 3 * ratio || y2 - y < 6 * ratio) continue
            return { x: (x + x2) / 2 / ratio, y: (y + y2) / 2 / ratio, color: col }
          }
        }
      }
      return null
    }, COLORS)
    if (!hit) throw new Error('no bar of a known colour found on the district chart canvas')
    await page.mouse.move(box.x + hit.x, box.y + hit.y)
    await page.waitForTimeout(300)
    const listAnswer = page.waitForResponse((r) => r.url().includes('/api/v1/instruments') && r.url().includes('region_code='))
    await page.mouse.click(box.x + hit.x, box.y + hit.y)
    await page.waitForURL((u) => u.pathname === '/review' && u.searchParams.has('region_code'))
    const url = new URL(page.url())
    const code = url.searchParams.get('region_code')
    const row = districts.find((d) => d.region_code === code)
    if (!row) throw new Error(`drilled down to region_code=${code}, not a district of the chart`)
    await expectVisible(page, '[data-testid="review"]', '备案审核 list')
    const list = await (await listAnswer).json()
    const items = list.items ?? []
    if (items.length === 0) throw new Error(`the list of ${row.region_name} is empty`)
    const other = items.filter((i) => i.install_region_code !== undefined && i.install_region_code !== code)
    if (other.length) throw new Error(`the list of ${row.region_name} shows ${other.length} instruments of other districts`)
    const count = countOfQuery(url.searchParams)
    if (count && list.total !== row[count]) throw new Error(`the list of ${row.region_name} (${count}) has ${list.total} instruments, the chart ${row[count]}`)
    await expectVisible(page, `.el-pagination:has-text("${list.total}")`, `list total ${list.total}`)
    s.drill = `${row.region_name} ${count ?? url.searchParams.get('verification')} = ${list.total}`
    await shot(page, 'statistics-drill.png')
  })

  test('statistics: the DRC checks a project from an uploaded .xlsx, and the evidence PDF leads to its public page', async ({ page, base }) => {
    // Two chargers of the demo with a valid certificate (found as the city bureau), so that the
    // public lookup below has a certificate to show.
    const city = await apiLogin(base, 'city', DEMO_PASSWORD)
    const { items } = await call(base, city, 'GET', '/instruments?status=approved&verification=valid&page_size=100')
    const ids = [...new Set(items.map((i) => i.charger?.equipment_id).filter(Boolean))]
    if (ids.length < 2) throw new Error(`only ${ids.length} EquipmentIDs among the demo's validly verified chargers`)
    s.ids = ids.slice(0, 2)
    const unknown = `E2E${Date.now() % 1_000_000_000}X`
    s.project = `E2E验收项目${Date.now() % 100000}`
    const xlsx = join(OUT, 'statistics-acceptance.xlsx')
    writeFileSync(xlsx, xlsxOf([['EquipmentID', '备注'], [s.ids[0], '一号桩'], [s.ids[1], '二号桩'], [unknown, '未知桩']]))

    await login(page, 'drc')
    await page.goto('/acceptance-checks/new')
    await expectVisible(page, '[data-testid="acceptance-check-new"]', '新建核查 page')
    await fill(page, 'acc-project', s.project)
    await page.locator('[data-testid="acc-tab-upload"]').click()
    await page.locator('[data-testid="acc-upload-box"] input[type=file]').setInputFiles(xlsx)
    await expectVisible(page, '[data-testid="acc-upload-done"]', 'the file read')
    await expectVisible(page, '[data-testid="acc-preview-count"]:has-text("3")', '3 chargers to check')
    await page.locator('[data-testid="acc-submit"]').click()
    await page.waitForURL((u) => /^\/acceptance-checks\/\d+$/.test(u.pathname))
    s.checkId = Number(new URL(page.url()).pathname.split('/').pop())
    await expectVisible(page, `[data-testid="acc-title"]:has-text("${s.project}")`, 'project name on the detail page')
    await expectVisible(page, '[data-testid="acc-verdict"]:has-text("存在问题")', 'verdict 存在问题')
    await expectVisible(page, '[data-testid="acc-gap-unfiled"]', '未备案 among the gaps')
    const unknownRow = page.locator(`[data-testid="acc-items"] .el-table__row:has-text("${unknown}")`)
    await unknownRow.waitFor({ state: 'visible' })
    const rowText = await unknownRow.textContent()
    if (!rowText.includes('未备案')) throw new Error(`the row of ${unknown} says "${rowText}", expected 未备案`)
    await noRawText(page, '核查详情')
    await shot(page, 'statistics-acceptance-detail.png')

    // 下载核查证明 through the page's button.
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="acc-pdf"]').click()])
    const pdf = join(OUT, 'statistics-evidence.pdf')
    await download.saveAs(pdf)
    const prefix = join(OUT, 'statistics-evidence-page1')
    rmSync(`${prefix}.png`, { force: true })
    execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, prefix], { timeout: 60_000, stdio: ['ignore', 'pipe', 'pipe'] })
    const png = `${prefix}.png`
    if (!existsSync(png)) throw new Error('pdftoppm rendered no page 1')
    let decoded
    try {
      decoded = execFileSync('zbarimg', ['--raw', '-q', png], { timeout: 30_000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    } catch (e) {
      throw new Error(`zbarimg found no QR code on page 1 of the evidence PDF (exit ${e.status})`)
    }
    const acUrl = decoded
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.includes('/ac/'))
    if (!acUrl) throw new Error(`no /ac/ address among the QR codes: ${decoded.trim()}`)
    s.acUrl = acUrl
    // The code names the server's public address; the page is on this test server.
    const onServer = new URL(new URL(acUrl).pathname + new URL(acUrl).search, base).href
    const pub = await page.context().browser().newContext({ baseURL: base, locale: 'zh-CN' })
    try {
      const p = await pub.newPage()
      const res = await p.goto(onServer)
      if (res.status() !== 200) throw new Error(`${onServer}: HTTP ${res.status()}`)
      const text = await p.evaluate(() => document.body.innerText)
      if (!text.includes(s.project)) throw new Error(`the public page ${new URL(onServer).pathname} does not name ${s.project}`)
      if (SCREENSHOTS) await p.screenshot({ path: join(OUT, 'statistics-ac-public.png'), fullPage: true })
    } finally {
      await pub.close()
    }
  })

  test('statistics: the public lookup answers for a checked EquipmentID without signing in', async ({ page }) => {
    if (!s.ids) throw new Error('needs the EquipmentIDs of the acceptance scenario')
    await page.goto('/public/lookup')
    await expectVisible(page, '[data-testid="public-lookup"]', '查询 page')
    await fill(page, 'lookup-equipment-id', s.ids[0])
    await page.locator('[data-testid="lookup-submit"]').click()
    await page.locator('[data-testid="lookup-status-tag"], [data-testid="lookup-no-certificate"]').first().waitFor({ state: 'visible' })
    if ((await page.locator('[data-testid="lookup-status-tag"]').count()) === 0) throw new Error(`${s.ids[0]}: no status tag (no certificate)`)
    const tag = (await page.locator('[data-testid="lookup-status-tag"]').textContent()).trim()
    if (!tag) throw new Error('the status tag is empty')
    await noRawText(page, '公众查询')
    if (SCREENSHOTS) await page.screenshot({ path: join(OUT, 'statistics-lookup.png'), fullPage: true })
  })
}
