// Browser scenarios of 双随机一公开 (random inspections) on the `mvis demo` data: 江汉区's bureau
// (`jianghan`, 1440 px) opens its draft task from 抽查任务, draws it with a seed made by 生成随机种子
// (检查中, each object with both of the district's officers) and 复核抽取 says 一致; the two officers
// (`jianghan`, `jianghan_wang`) each sign in on a 390 px phone, go from the home page's to-do card to
// 我的检查 and open every object: the first records them — on one a finding (检定合格标识 不符合, a
// PNG photo whose tEXt chunk the server strips, 发现问题已责令改正, 责令改正 with one item), the others
// 未发现问题 with a 现场误差核查 — and signs; the second signs, which completes the task, and the last
// signature opens the order. The finding's enterprise (`charger` or `diantou`; in the whole suite,
// when only enterprises of earlier scenarios are drawn, a user the administrator adds to one of them)
// answers the order under 整改通知 (来源 双随机抽查) on a phone;
// 江汉区 reads the record and publishes the results (公示结果: 已公示); an anonymous visitor goes from
// the login page to 信息公示 and finds the result under 抽查结果 (1440 and 390 px). Then the other
// pages (抽查事项, 名录库 both tabs, 年度计划, 抽查统计, 工作日历 as the city bureau, 我的检查 at
// 1440 px). No page shows raw keys or codes, and none scrolls sideways at 390 px. E2E_SCREENSHOTS=1
// keeps inspection-*.png (1440 and 390 px). Registered by run.mjs with its page helpers.
import { deflateSync } from 'node:zlib'
import { join } from 'node:path'
import { call } from './filing.mjs'
import { randomChars, randomPhone } from './util.mjs'
import { rawFragments } from './rawText.mjs'
import { DEMO_PASSWORD } from './verification.mjs'

const TASK_NAME = '江汉区第二批充电桩计量双随机抽查'
const JIANGHAN = '420103'
const OFFICERS = ['jianghan', 'jianghan_wang']
/** The demo's enterprises with chargers in 江汉区, by name: their sign-in names (src/demo/demo_seed.cpp). */
const ENTERPRISES = { 武汉新能源充电科技有限公司: 'charger', 湖北电投充电服务有限公司: 'diantou' }
const FINDING = 'E2E：3号充电桩未张贴检定合格标识'
const ITEM = 'E2E：为3号充电桩补贴检定合格标识并提交现场照片'
const NOTE = 'E2E：已当场责令企业改正。'
const ANSWER = 'E2E：已为3号充电桩补贴检定合格标识，现场照片已留存。'
/** Text in the photo's tEXt chunk: the server keeps the picture without it. */
const PHOTO_SECRET = 'E2E-GPS 30.5801N 114.2734E'
const CORRECTED = '发现问题已责令改正'

// ---------------------------------------------------------------- a small PNG with a tEXt chunk
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
function pngChunk(type, data) {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
/** A 64×48 RGB picture (a label-like green box on grey) with a tEXt comment. */
export function testPng(comment) {
  const w = 64
  const h = 48
  const raw = Buffer.alloc((w * 3 + 1) * h)
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0 // filter: none
    for (let x = 0; x < w; x++) {
      const inBox = x > 12 && x < 52 && y > 10 && y < 38
      const o = y * (w * 3 + 1) + 1 + x * 3
      raw[o] = inBox ? 40 : 200
      raw[o + 1] = inBox ? 160 : 200
      raw[o + 2] = inBox ? 80 : 205
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(w, 0)
  ihdr.writeUInt32BE(h, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 2 // truecolour
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('tEXt', Buffer.from(`Comment\0${comment}`, 'latin1')),
    pngChunk('IDAT', deflateSync(raw)),
    pngChunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT, SCREENSHOTS
 * @returns     the scenarios' shared state (taskId, objects, finding, enterprise, rectificationId)
 */
export function registerInspectionScenarios(test, h) {
  const { fill, expectVisible, expectMessage, uiLogin, apiLogin, ADMIN, OUT, SCREENSHOTS } = h
  const s = {}
  const login = (page, username) => uiLogin(page, username, DEMO_PASSWORD)
  const need = (...keys) => {
    for (const k of keys) if (s[k] === undefined) throw new Error(`needs ${k} from an earlier inspection scenario`)
  }
  const taskPath = () => `/supervision/inspection/tasks/${s.taskId}`
  const recordPath = (oid) => `${taskPath()}/objects/${oid}`

  async function expectText(page, selector, text, what) {
    await expectVisible(page, `${selector}:has-text("${text}")`, what ?? `"${text}" in ${selector}`)
  }

  /** Waits until `testid` is shown and nothing on the page shows a loading mask. */
  async function settled(page, testid) {
    if (testid) await expectVisible(page, `[data-testid="${testid}"]`, testid)
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((e) => e.getClientRects().length > 0))
  }

  /** A full-page screenshot without the passing notices (the layout scrolls inside the viewport, so grow it). */
  async function shot(page, name, height = 1400) {
    if (!SCREENSHOTS) return
    const size = page.viewportSize()
    await page.setViewportSize({ width: size.width, height })
    await settled(page)
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(OUT, name), fullPage: true })
    await style.evaluate((e) => e.remove())
    await page.setViewportSize(size)
  }

  /** As rectification.mjs: neither the page nor el-main scrolls sideways, nothing sticks out of el-main (tables scroll inside). */
  async function tooWide(page) {
    return page.evaluate(() => {
      const out = []
      if (document.documentElement.scrollWidth > window.innerWidth) out.push(`page ${document.documentElement.scrollWidth} px wide`)
      const main = document.querySelector('.el-main')
      if (!main) return out
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
  }
  async function expectFits(page, where) {
    const found = await tooWide(page)
    if (found.length) throw new Error(`${where} is too wide at ${page.viewportSize().width} px: ${found.join(', ')}`)
  }

  async function rawOn(page, selector = '.el-main') {
    return rawFragments(await page.locator(selector).first().innerText())
  }
  async function expectNoRawText(page, where, selector) {
    const bad = await rawOn(page, selector)
    if (bad.length) throw new Error(`${where} shows raw keys or codes: ${bad.join(', ')}`)
  }

  /** Picks the option of an Element Plus select whose text is exactly `text`, and waits for the list to close. */
  async function pick(page, testid, text) {
    await page.locator(`[data-testid="${testid}"]`).first().click()
    const opt = page.locator('.el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).first()
    await opt.waitFor({ state: 'visible' })
    await opt.click()
    await opt.waitFor({ state: 'hidden' })
  }

  /** Clicks 确定 in the confirmation box, after checking it asks `question`. */
  async function confirm(page, question) {
    const box = page.locator('.el-message-box')
    await box.waitFor({ state: 'visible' })
    if (question && !(await box.innerText()).includes(question)) throw new Error(`the confirmation says "${(await box.innerText()).trim()}", not "${question}"`)
    await box.locator('.el-message-box__btns .el-button--primary').click()
    await box.waitFor({ state: 'hidden' })
  }

  /**
   * A phone (390×844, touch) in its own browser context: `fn(page)` runs in it; on failure its
   * screen is kept as e2e/out/inspection-failed-<name>.png (run.mjs keeps only the desktop page's).
   */
  async function onPhone(browser, base, name, fn) {
    const ctx = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
    ctx.setDefaultTimeout(15_000)
    const page = await ctx.newPage()
    try {
      await fn(page)
    } catch (e) {
      await page.screenshot({ path: join(OUT, `inspection-failed-${name}.png`), fullPage: true }).catch(() => undefined)
      throw e
    } finally {
      await ctx.close()
    }
  }

  /** The task as 江汉区's bureau reads it through the API. */
  async function taskOf(base) {
    return call(base, await apiLogin(base, 'jianghan', DEMO_PASSWORD), 'GET', `/inspection-tasks/${s.taskId}`)
  }

  /** A new user of the object's enterprise, added by the administrator (for an enterprise not of the demo). */
  async function enterpriseUser(base, o) {
    const admin = await apiLogin(base, ADMIN.username, ADMIN.password)
    const user = { username: `e2e_insp_${randomChars(6).toLowerCase()}`, password: 'Insp3ction!Pass' }
    await call(base, admin, 'POST', '/admin/users', { ...user, role: 'enterprise', org_id: o.orgId, phone: randomPhone() })
    return user
  }

  // ---------------------------------------------------------------- 1. 抽取
  test('inspection: 江汉区 opens its draft task from 抽查任务, draws it with a generated seed (检查中, two officers an object) and 复核抽取 says 一致', async ({ page, base }) => {
    const bureau = await apiLogin(base, 'jianghan', DEMO_PASSWORD)
    const found = (await call(base, bureau, 'GET', `/inspection-tasks?q=${encodeURIComponent('江汉区')}`)).items.filter((t) => t.name === TASK_NAME)
    if (found.length !== 1 || found[0].status !== 'draft') throw new Error(`GET /inspection-tasks?q=江汉区 answers ${found.map((t) => `#${t.id} ${t.status}`).join(', ') || 'no task'} named ${TASK_NAME}, expected one draft`)
    s.taskId = found[0].id
    const officers = await Promise.all(OFFICERS.map(async (u) => (await call(base, await apiLogin(base, u, DEMO_PASSWORD), 'GET', '/me')).user))
    s.officers = Object.fromEntries(OFFICERS.map((u, i) => [u, { id: officers[i].id, name: officers[i].display_name }]))

    // 抽查任务 from the menu: the draft, 待抽取, without objects yet.
    await login(page, 'jianghan')
    await page.locator('[data-testid="menu-inspection-tasks"]').click()
    await page.waitForURL((u) => u.pathname === '/supervision/inspection/tasks')
    await settled(page, 'it-table')
    const row = `[data-testid="it-table"] .el-table__row:has([data-testid="it-open-${s.taskId}"])`
    await expectText(page, row, TASK_NAME)
    await expectText(page, `[data-testid="it-status-${s.taskId}"]`, '待抽取')
    await expectText(page, `[data-testid="it-objects-${s.taskId}"]`, '—', 'no objects counted for a draft')
    await expectNoRawText(page, '抽查任务')
    await page.locator(`[data-testid="it-open-${s.taskId}"]`).click()
    await page.waitForURL((u) => u.pathname === taskPath())
    await settled(page, 'inspection-task-detail')
    await expectText(page, '[data-testid="it-title"]', TASK_NAME)
    await expectText(page, '[data-testid="it-status"]', '待抽取')
    await expectText(page, '[data-testid="it-descriptions"]', '江汉区')
    if ((await page.locator('[data-testid="it-objects-table"]').count()) > 0) throw new Error('a draft shows an objects table')
    await expectNoRawText(page, 'the draft task')

    // 抽取: the seed is required and must be digits; 生成随机种子 makes 24.
    await page.locator('[data-testid="it-draw"]').click()
    const dialog = '[data-testid="it-draw-dialog"]'
    await expectVisible(page, `${dialog} [data-testid="it-draw-submit"]`, 'the 抽取 dialog')
    await expectText(page, `${dialog}`, '抽取后不能重新抽取', 'the warning that a draw is final')
    await page.locator('[data-testid="it-draw-submit"]').click()
    await expectVisible(page, `${dialog} .el-form-item__error:has-text("请填写随机种子")`, 'the seed required')
    await fill(page, 'it-seed', '12345')
    await page.locator('[data-testid="it-draw-submit"]').click()
    await expectVisible(page, `${dialog} .el-form-item__error:has-text("20至100位数字")`, 'a short seed refused')
    await page.locator('[data-testid="it-seed-generate"]').click()
    const seed = await page.locator('input[data-testid="it-seed"]').inputValue()
    if (!/^[1-9]\d{23}$/.test(seed)) throw new Error(`生成随机种子 made "${seed}", expected 24 digits`)
    await page.locator(`${dialog} .el-form-item__error`).waitFor({ state: 'detached' })
    await expectVisible(page, `${dialog} [data-testid="it-algorithm"]`, 'the algorithm in the dialog')
    await shot(page, 'inspection-draw-dialog-1440.png', 900)
    await page.locator('[data-testid="it-draw-submit"]').click()
    await page.locator(dialog).waitFor({ state: 'hidden' })
    await expectVisible(page, '.el-message:has-text("户检查对象，检查人员将收到通知")', 'notice 已抽取 N 户检查对象')

    // 检查中: the seed shown, every object with both officers of 江汉区.
    await expectText(page, '[data-testid="it-status"]', '检查中')
    await expectText(page, '[data-testid="it-seed-value"]', seed)
    await settled(page, 'it-objects-table')
    const task = await taskOf(base)
    if (task.status !== 'drawn' || task.seed !== seed) throw new Error(`the task is ${task.status} with seed ${task.seed} after the draw (typed ${seed})`)
    const objects = task.objects ?? []
    if (objects.length === 0) throw new Error('the draw picked no object')
    const rows = await page.locator('[data-testid="it-objects-table"] .el-table__body-wrapper .el-table__row').count()
    if (rows !== objects.length) throw new Error(`the objects table shows ${rows} rows, the API ${objects.length} objects`)
    await expectText(page, '[data-testid="it-progress"]', `共 ${objects.length} 户`)
    const want = OFFICERS.map((u) => s.officers[u].id).sort().join(',')
    for (const o of objects) {
      const active = o.inspectors.filter((a) => a.active)
      if (active.map((a) => a.user_id).sort().join(',') !== want) throw new Error(`object #${o.id} (${o.org_name}) has inspectors ${active.map((a) => a.name).join('、')}`)
      await expectText(page, `[data-testid="it-object-${o.id}"]`, o.org_name)
      const names = page.locator(`[data-testid="it-object-${o.id}-inspectors"] li`)
      if ((await names.count()) !== 2) throw new Error(`object #${o.id} lists ${await names.count()} inspectors, expected 2`)
      for (const a of active) await expectText(page, `[data-testid="it-object-${o.id}-inspectors"]`, a.name, `${a.name} on object #${o.id}`)
      await expectText(page, `[data-testid="it-object-status-${o.id}"]`, '待检查')
      await expectVisible(page, `[data-testid="it-object-swap-${o.id}"]`, `调换 on object #${o.id}`)
    }
    await expectVisible(page, '[data-testid="it-timeline"] [data-testid="it-event-draw"]', '抽取 in the timeline')
    if ((await page.locator('[data-testid="it-draw"]').count()) > 0) throw new Error('抽取 still offered after the draw')

    // 复核抽取: the server recomputes the draw from the frame and the seed.
    await page.locator('[data-testid="it-replay"]').click()
    await expectVisible(page, '[data-testid="it-replay-result"].el-alert--success', '复核 result (success)')
    await expectText(page, '[data-testid="it-replay-result"]', '一致')
    if ((await page.locator('[data-testid="it-replay-result"]').innerText()).includes('不一致')) throw new Error('复核抽取 says 不一致')
    await expectNoRawText(page, 'the drawn task')
    await shot(page, 'inspection-task-drawn-1440.png', 1800)

    // s holds the objects in pick order. The finding goes to the first demo enterprise drawn (the
    // whole suite adds enterprises with chargers in 江汉区: filing.mjs, imports.mjs), else to the first
    // object, whose enterprise the administrator then gives a user.
    s.objects = objects.map((o) => ({ id: o.id, orgId: o.org_id, org: o.org_name, checks: o.checks.map((c) => c.code) }))
    s.finding = s.objects.find((o) => ENTERPRISES[o.org]) ?? s.objects[0]
    s.enterprise = ENTERPRISES[s.finding.org] ? { username: ENTERPRISES[s.finding.org], password: DEMO_PASSWORD } : await enterpriseUser(base, s.finding)

    // A 390 px phone: the task page and the list fit (the menu folds on a narrow screen: load anew).
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await settled(page, 'it-objects-table')
    await expectFits(page, 'the drawn task page')
    await shot(page, 'inspection-task-drawn-390.png', 3000)
    await page.goto('/supervision/inspection/tasks')
    await settled(page, 'it-table')
    await expectText(page, `[data-testid="it-status-${s.taskId}"]`, '检查中')
    await expectText(page, `[data-testid="it-progress-${s.taskId}"]`, `已完成 0/${objects.length}`)
    await expectFits(page, '抽查任务')
    await expectNoRawText(page, '抽查任务 at 390 px')
    await shot(page, 'inspection-tasks-390.png', 1000)
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.reload()
    await settled(page, 'it-table')
    await shot(page, 'inspection-tasks-1440.png', 900)
  })

  // ---------------------------------------------------------------- 2. 现场检查 on phones
  /** 我的检查 from the home page's to-do card: each of `objects` offered with 去检查. */
  async function toMine(page, objects) {
    const card = page.locator('[data-testid="card-todo-inspections_to_record"]')
    await expectText(page, '[data-testid="card-todo-inspections_to_record"]', '待我完成的现场检查')
    const count = Number(((await card.innerText()).match(/\d+/) ?? ['NaN'])[0])
    if (count !== objects.length) throw new Error(`the to-do card counts ${count} checks, expected ${objects.length}`)
    await card.click()
    await page.waitForURL((u) => u.pathname === '/supervision/inspection/mine')
    await settled(page, 'mine-table')
    for (const o of objects) {
      await expectVisible(page, `[data-testid="mine-go-${o.id}"]`, `去检查 for ${o.org}`)
      await expectText(page, `[data-testid="mine-org-${o.id}"]`, o.org)
    }
    await expectFits(page, '我的检查')
    await expectNoRawText(page, '我的检查')
  }

  /** Opens the object's record from 我的检查. */
  async function openRecord(page, o) {
    if (new URL(page.url()).pathname !== '/supervision/inspection/mine') {
      await page.goto('/supervision/inspection/mine')
      await settled(page, 'mine-table')
    }
    await page.locator(`[data-testid="mine-go-${o.id}"]`).click()
    await page.waitForURL((u) => u.pathname === recordPath(o.id))
    await settled(page, 'inspection-record')
    await expectText(page, '[data-testid="rec-org"]', o.org)
    await expectText(page, '[data-testid="rec-task"]', TASK_NAME)
  }

  async function signRecord(page, allSigned) {
    await page.locator('[data-testid="rec-sign"]').click()
    await confirm(page, '签名后不能修改')
    await expectMessage(page, allSigned ? '已签名，检查记录已全部签名确认' : '已签名，等待其他检查人员签名')
  }

  test('inspection: on a 390 px phone the first officer records every object (a finding with a photo, 责令改正) and signs', async ({ browser, base }) => {
    need('taskId', 'objects', 'finding', 'officers')
    const me = s.officers.jianghan
    const other = s.officers.jianghan_wang
    await onPhone(browser, base, 'first-officer', async (page) => {
      await login(page, 'jianghan')
      await toMine(page, s.objects)
      await shot(page, 'inspection-mine-officer-390.png', 1000)

      for (const o of s.objects) {
        await openRecord(page, o)
        await expectText(page, '[data-testid="rec-status"]', '待检查')
        const byUser = Object.fromEntries((await taskOf(base)).objects.find((x) => x.id === o.id).inspectors.filter((a) => a.active).map((a) => [a.user_id, a.inspector_id]))
        o.inspector = { jianghan: byUser[me.id], jianghan_wang: byUser[other.id] }
        await expectVisible(page, `[data-testid="rec-inspectors-${o.inspector.jianghan}-unsigned"]`, 'my signature missing')
        await expectVisible(page, `[data-testid="rec-inspectors-${o.inspector.jianghan_wang}-unsigned"]`, 'the other officer’s signature missing')
        if ((await page.locator('[data-testid="rec-sign"]').count()) > 0) throw new Error('签名确认 offered before the record is saved')
        const finding = o === s.finding
        for (const code of o.checks) await page.locator(`[data-testid="rec-${finding && code === 'label' ? 'fail' : 'ok'}-${code}"]`).click()

        if (finding) {
          if (!o.checks.includes('label')) throw new Error(`the item has no 检定合格标识 check: ${o.checks.join(', ')}`)
          // 不符合 without a description and no result: 保存记录 names what is missing.
          await page.locator('[data-testid="rec-save"]').click()
          await expectText(page, '[data-testid="rec-problems"]', '“不符合”的检查内容须描述发现的问题')
          await expectText(page, '[data-testid="rec-problems"]', '请选择检查结果')
          await fill(page, 'rec-finding-label', FINDING)
          // A photo of the label check: the thumbnail comes, the stored picture lacks the tEXt chunk.
          await page.locator('[data-testid="rec-photo-upload-label"] input[type=file]').setInputFiles({ name: '现场照片.png', mimeType: 'image/png', buffer: testPng(PHOTO_SECRET) })
          const thumb = page.locator('[data-testid="rec-photos-label"] img[data-testid^="rec-photo-"]')
          await thumb.first().waitFor({ state: 'visible' })
          await page.waitForFunction((e) => e.complete && e.naturalWidth === 64, await thumb.first().elementHandle())
          const pid = Number((await thumb.first().getAttribute('data-testid')).replace('rec-photo-', ''))
          const photo = await page.request.get(`/api/v1/inspection-tasks/${s.taskId}/objects/${o.id}/photos/${pid}`)
          const bytes = await photo.body()
          if (photo.status() !== 200 || bytes.subarray(1, 4).toString() !== 'PNG') throw new Error(`photo #${pid} answers HTTP ${photo.status()}, ${bytes.length} bytes`)
          if (bytes.includes(Buffer.from(PHOTO_SECRET)) || bytes.includes(Buffer.from('tEXt'))) throw new Error(`photo #${pid} is stored with its tEXt chunk`)
          o.photoId = pid
          // 发现问题已责令改正 offers 责令改正 (chosen again: the officer decides) and the finding as the first item, rewritten.
          await pick(page, 'rec-result', CORRECTED)
          await expectText(page, '[data-testid="rec-follow-up"]', '责令改正', '责令改正 offered for 发现问题已责令改正')
          await pick(page, 'rec-follow-up', '责令改正')
          const item = page.locator('textarea[data-testid="rec-item-0"]')
          if ((await item.inputValue()) !== FINDING) throw new Error(`the first 整改事项 suggests "${await item.inputValue()}", not the finding`)
          await item.fill(ITEM)
          if ((await page.locator('[data-testid="rec-item-1"]').count()) > 0) throw new Error('more than one 整改事项')
          const deadline = await page.locator('[data-testid="rec-deadline"] input').inputValue()
          if (!/^\d{4}-\d{2}-\d{2}$/.test(deadline)) throw new Error(`整改期限 shows "${deadline}"`)
          s.deadline = deadline
          await fill(page, 'rec-note', NOTE)
        } else {
          // 未发现问题 with a 现场误差核查 of +0.35 %.
          await page.locator('[data-testid="rec-error-checked"]').click()
          await fill(page, 'rec-error-pct', '0.35')
          await page.keyboard.press('Tab')
          await pick(page, 'rec-result', '未发现问题')
          await expectText(page, '[data-testid="rec-follow-up"]', '无需后续处置')
        }
        await page.locator('[data-testid="rec-save"]').click()
        await expectMessage(page, '检查记录已保存')
        await expectText(page, '[data-testid="rec-status"]', '待签名')
        if ((await page.locator('[data-testid="rec-problems"]').count()) > 0) throw new Error('the saved record still lists problems')
        if (finding) {
          await expectText(page, '[data-testid="rec-result-tag"]', CORRECTED)
          // The order opens with the last signature, not yet.
          if ((await page.locator('[data-testid="rec-rectification"]').count()) > 0) throw new Error('an order is linked before every officer signed')
          await expectVisible(page, `[data-testid="rec-photo-${o.photoId}"]`, 'the photo after saving')
        }
        await expectFits(page, 'the record page')
        await expectNoRawText(page, 'the record page')
        if (finding) await shot(page, 'inspection-record-390.png', 3400)
        await signRecord(page, false)
        await expectVisible(page, `[data-testid="rec-inspectors-${o.inspector.jianghan}-signed"]`, 'my signature')
        await expectVisible(page, `[data-testid="rec-inspectors-${o.inspector.jianghan_wang}-unsigned"]`, 'the other officer’s signature still missing')
        await expectText(page, '[data-testid="rec-read-only"]', '您已签名确认')
        for (const b of ['rec-save', 'rec-sign', 'rec-recuse']) if ((await page.locator(`[data-testid="${b}"]`).count()) > 0) throw new Error(`${b} still offered after my signature`)
      }
      // Nothing left for me.
      await page.goto('/supervision/inspection/mine')
      await settled(page, 'mine-table')
      await expectVisible(page, '[data-testid="mine-table"] .el-table__empty-text', '我的检查 empty')
    })
    const task = await taskOf(base)
    const f = task.objects.find((x) => x.id === s.finding.id)
    if (task.status !== 'drawn' || f.status !== 'recorded' || f.result !== 'corrected' || f.follow_up !== 'order_correction' || f.rectification_id) {
      throw new Error(`after the first officer: task ${task.status}, the finding ${f.status} ${f.result} ${f.follow_up}, order ${f.rectification_id}`)
    }
    const label = f.checks.find((c) => c.code === 'label')
    if (label.ok !== false || label.finding !== FINDING) throw new Error(`the label check is stored as ${JSON.stringify(label)}`)
    s.recorded = true
  })

  test('inspection: on a 390 px phone the second officer signs every object, which completes the task', async ({ browser, base }) => {
    need('taskId', 'objects', 'recorded')
    await onPhone(browser, base, 'second-officer', async (page) => {
      await login(page, 'jianghan_wang')
      await toMine(page, s.objects)
      for (const o of s.objects) {
        await openRecord(page, o)
        await expectText(page, '[data-testid="rec-status"]', '待签名')
        await expectVisible(page, `[data-testid="rec-inspectors-${o.inspector.jianghan}-signed"]`, 'the first officer’s signature')
        if (o === s.finding) {
          if ((await page.locator('textarea[data-testid="rec-finding-label"]').inputValue()) !== FINDING) throw new Error('the second officer does not read the finding')
          await expectVisible(page, `[data-testid="rec-photo-${o.photoId}"]`, 'the photo for the second officer')
        }
        await signRecord(page, true)
        await expectText(page, '[data-testid="rec-status"]', '已完成')
        await expectVisible(page, `[data-testid="rec-inspectors-${o.inspector.jianghan_wang}-signed"]`, 'my signature')
        await expectText(page, '[data-testid="rec-read-only"]', '检查记录已全部签名确认')
        if (o === s.finding) await expectText(page, '[data-testid="rec-rectification"]', '整改通知：待整改', 'the order opened by the last signature')
        await expectFits(page, 'the signed record page')
        await expectNoRawText(page, 'the signed record page')
        if (o === s.finding) await shot(page, 'inspection-record-signed-390.png', 3000)
      }
    })
    const task = await taskOf(base)
    if (task.status !== 'completed' || task.objects.some((o) => o.status !== 'signed')) throw new Error(`after both signatures the task is ${task.status}, its objects ${task.objects.map((o) => o.status).join(', ')}`)
    if (!task.publish_deadline) throw new Error('the completed task has no publication deadline')
    // 责令改正 opened the order with the item and deadline the first officer saved.
    const f = task.objects.find((x) => x.id === s.finding.id)
    if (!f.rectification_id) throw new Error('the signed finding has no rectification order')
    s.rectificationId = f.rectification_id
    const order = await call(base, await apiLogin(base, 'jianghan', DEMO_PASSWORD), 'GET', `/rectifications/${s.rectificationId}`)
    const items = order.items.map((i) => (typeof i === 'string' ? i : (i.text ?? i.title ?? JSON.stringify(i))))
    if (items.join('|') !== ITEM || order.deadline !== s.deadline) throw new Error(`order #${order.id} has items ${JSON.stringify(order.items)}, deadline ${order.deadline} (saved: ${ITEM}, ${s.deadline})`)
  })

  // ---------------------------------------------------------------- 3. 整改通知
  test('inspection: the enterprise finds the 双随机抽查 order under 整改通知 on a 390 px phone and answers it', async ({ browser, base }) => {
    need('rectificationId', 'enterprise', 'finding')
    const order = await call(base, await apiLogin(base, s.enterprise.username, s.enterprise.password), 'GET', `/rectifications/${s.rectificationId}`)
    if (order.source !== 'inspection' || order.org_name !== s.finding.org || order.region_code !== JIANGHAN || order.status !== 'issued') {
      throw new Error(`order #${order.id} is ${order.source}, ${order.org_name}'s, in ${order.region_code}, ${order.status}`)
    }
    await onPhone(browser, base, 'enterprise', async (page) => {
      await uiLogin(page, s.enterprise.username, s.enterprise.password)
      // The menu is folded to icons on a phone: the item opens 整改通知.
      await page.locator('[data-testid="menu-rectifications"]').click()
      await page.waitForURL((u) => u.pathname === '/supervision/rectifications')
      await expectText(page, '[data-testid="tag-rectifications"]', '整改通知', 'the page named 整改通知')
      await settled(page, 'rect-table')
      await pick(page, 'rect-filter-source', '双随机抽查')
      await settled(page, 'rect-table')
      const row = `[data-testid="rect-table"] .el-table__row:has([data-testid="rect-open-${s.rectificationId}"])`
      await expectVisible(page, row, `order #${s.rectificationId} under 双随机抽查`)
      await expectText(page, row, ITEM, 'the item in the row')
      await expectText(page, row, '待整改')
      await expectFits(page, '整改通知')
      await expectNoRawText(page, '整改通知')

      await page.locator(`[data-testid="rect-open-${s.rectificationId}"]`).click()
      await page.waitForURL((u) => u.pathname === `/supervision/rectifications/${s.rectificationId}`)
      await settled(page, 'rectification-detail')
      await expectText(page, '[data-testid="rect-status"]', '待整改')
      await expectText(page, '[data-testid="rect-descriptions"]', '双随机抽查', 'the source 双随机抽查')
      await expectText(page, '[data-testid="rect-descriptions"]', '江汉区')
      await expectText(page, '[data-testid="rect-descriptions"]', s.finding.org)
      if (order.source_name) await expectText(page, '[data-testid="rect-source-name"]', order.source_name)
      await expectText(page, '[data-testid="rectification-detail"]', ITEM, 'the item on the order')
      await page.locator('[data-testid="rect-answer"]').click()
      const dialog = '[data-testid="rect-answer-dialog"]'
      const box = page.locator(`${dialog} textarea[data-testid="rect-answer-text"], ${dialog} [data-testid="rect-answer-text"] textarea`).first()
      await box.waitFor({ state: 'visible' })
      await box.fill(ANSWER)
      await page.locator(`${dialog} [data-testid="rect-answer-submit"]`).click()
      await expectMessage(page, '整改情况已提交')
      await page.locator(dialog).waitFor({ state: 'hidden' })
      await expectText(page, '[data-testid="rect-status"]', '待验收')
      await expectText(page, 'div[data-testid="rect-answer-shown"]', '补贴检定合格标识')
      await expectFits(page, 'the answered order')
      await expectNoRawText(page, 'the answered order')
      await shot(page, 'inspection-rectification-390.png', 2400)
    })
  })

  // ---------------------------------------------------------------- 4. 公示结果
  test('inspection: 江汉区 reads the signed record and publishes the results (公示结果: 已公示)', async ({ page, base }) => {
    need('taskId', 'finding', 'rectificationId')
    await login(page, 'jianghan')
    await page.goto('/supervision/inspection/tasks')
    await settled(page, 'it-table')
    await expectText(page, `[data-testid="it-status-${s.taskId}"]`, '待公示')
    await expectText(page, `[data-testid="it-progress-${s.taskId}"]`, `已完成 ${s.objects.length}/${s.objects.length}`)
    await page.locator(`[data-testid="it-open-${s.taskId}"]`).click()
    await page.waitForURL((u) => u.pathname === taskPath())
    await settled(page, 'it-objects-table')
    await expectText(page, '[data-testid="it-status"]', '待公示')
    await expectText(page, '[data-testid="it-to-publish"]', '请在')
    for (const o of s.objects) await expectText(page, `[data-testid="it-object-status-${o.id}"]`, '已完成')
    await expectText(page, `[data-testid="it-object-result-${s.finding.id}"]`, CORRECTED)
    await expectText(page, `[data-testid="it-object-rect-${s.finding.id}"]`, '整改通知：待验收', 'the order answered by the enterprise')
    for (const o of s.objects) if ((await page.locator(`[data-testid="it-object-swap-${o.id}"]`).count()) > 0) throw new Error(`调换 offered on signed object #${o.id}`)

    // The record, read from the task page (查看记录): everything the officers put in, read-only.
    await expectText(page, `[data-testid="it-object-open-${s.finding.id}"]`, '查看记录')
    await page.locator(`[data-testid="it-object-open-${s.finding.id}"]`).click()
    await page.waitForURL((u) => u.pathname === recordPath(s.finding.id))
    await settled(page, 'inspection-record')
    await expectText(page, '[data-testid="rec-read-only"]', '检查记录已全部签名确认')
    await expectText(page, '[data-testid="rec-result-tag"]', CORRECTED)
    await expectVisible(page, `[data-testid="rec-photo-${s.finding.photoId}"]`, 'the photo')
    if ((await page.locator('textarea[data-testid="rec-finding-label"]').inputValue()) !== FINDING) throw new Error('the record page does not show the finding')
    for (const b of ['rec-save', 'rec-sign', 'rec-recuse']) if ((await page.locator(`[data-testid="${b}"]`).count()) > 0) throw new Error(`${b} offered on a signed record`)
    await expectNoRawText(page, 'the signed record (1440 px)')
    await shot(page, 'inspection-record-1440.png', 2400)
    await page.goBack()
    await page.waitForURL((u) => u.pathname === taskPath())
    await settled(page, 'it-objects-table')

    // 公示结果, confirmed.
    await page.locator('[data-testid="it-publish"]').click()
    await confirm(page, `${s.objects.length} 户企业的抽查结果`)
    await expectMessage(page, '抽查结果已公示')
    await expectText(page, '[data-testid="it-status"]', '已公示')
    await expectVisible(page, '[data-testid="it-timeline"] [data-testid="it-event-publish"]', '公示 in the timeline')
    for (const a of ['record', 'sign', 'complete']) await expectVisible(page, `[data-testid="it-timeline"] [data-testid="it-event-${a}"]`, `${a} in the timeline`)
    if ((await page.locator('[data-testid="it-publish"]').count()) > 0) throw new Error('公示结果 still offered')
    if ((await page.locator('[data-testid="it-to-publish"]').count()) > 0) throw new Error('the 待公示 notice stays after publishing')
    await expectText(page, '[data-testid="it-progress"]', `已公示 ${s.objects.length} 户`)
    await expectNoRawText(page, 'the published task')
    await shot(page, 'inspection-task-published-1440.png', 2000)
    const results = await (await fetch(`${base}/api/v1/public/announcements?kind=result&page_size=100`)).json()
    const ours = results.items.filter((r) => r.region_name === '江汉区' && r.enterprise_name === s.finding.org)
    if (ours.length !== 1 || ours[0].result !== 'corrected') throw new Error(`GET /public/announcements?kind=result lists ${JSON.stringify(ours)} for ${s.finding.org} in 江汉区`)
    if (results.items.filter((r) => r.region_name === '江汉区').length !== s.objects.length) throw new Error(`the public results of 江汉区 are ${results.items.filter((r) => r.region_name === '江汉区').length}, expected ${s.objects.length}`)

    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await settled(page, 'it-objects-table')
    await expectText(page, '[data-testid="it-status"]', '已公示')
    await expectFits(page, 'the published task page')
    await shot(page, 'inspection-task-published-390.png', 3200)
    s.published = true
  })

  // ---------------------------------------------------------------- 5. 信息公示
  /** On the public page, each tab: no raw text; `check(page, kind)` for more. Screenshots inspection-public-<tab>-<width>.png. */
  async function publicTabs(page, width) {
    await page.goto('/login')
    await page.locator('[data-testid="to-public-inspections"]').click()
    await page.waitForURL((u) => u.pathname === '/public/inspections')
    await settled(page, 'public-inspections')
    await expectText(page, 'body', '双随机抽查信息公示')
    const list = width < 768 ? 'pub-list' : 'pub-table'
    for (const kind of ['item_list', 'plan', 'task', 'result']) {
      await page.locator(`[data-testid="pub-tab-${kind}"]`).click()
      if (kind !== 'item_list') await page.waitForURL((u) => u.searchParams.get('tab') === kind)
      await settled(page, list)
      await page.locator(`[data-testid="${list}"] .el-table__row, [data-testid="${list}"] [data-testid^="pub-entry-"]`).first().waitFor({ state: 'visible' })
      if (kind === 'result') {
        const entry = width < 768 ? `[data-testid="pub-list"] [data-testid^="pub-entry-"]` : '[data-testid="pub-table"] .el-table__row'
        const ours = `${entry}:has-text("${s.finding.org}"):has-text("江汉区")`
        await expectVisible(page, ours, `the result of ${s.finding.org} in 江汉区`)
        await expectText(page, ours, CORRECTED)
      }
      if (kind === 'task') await expectText(page, `[data-testid="${list}"]`, TASK_NAME)
      const bad = await rawOn(page, 'body')
      if (bad.length) throw new Error(`信息公示 (${kind}) shows raw keys or codes at ${width} px: ${bad.join(', ')}`)
      const wide = await page.evaluate(() => document.documentElement.scrollWidth)
      if (wide > width) throw new Error(`信息公示 (${kind}) is ${wide} px wide at ${width} px`)
      if (SCREENSHOTS) await page.screenshot({ path: join(OUT, `inspection-public-${kind}-${width}.png`), fullPage: true })
    }
  }

  test('inspection: a visitor goes from the login page to 信息公示 and reads the result under 抽查结果 (1440 and 390 px)', async ({ page, browser, base }) => {
    need('published', 'finding')
    await publicTabs(page, 1440)
    await onPhone(browser, base, 'public', (phone) => publicTabs(phone, 390))
  })

  // ---------------------------------------------------------------- 6. the other pages
  /**
   * Each page at 1440 and at 390 px: its marker shown, no raw text, nothing too wide at 390 px;
   * screenshots inspection-<name>-<width>.png. Problems are collected so every page is looked at.
   */
  async function pages(page, list, problems) {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width === 1440 ? 900 : 844 })
      for (const p of list) {
        await page.goto(p.path)
        await settled(page, p.testid)
        if (p.ready) await p.ready(page)
        await page.waitForTimeout(200)
        const bad = await rawOn(page)
        if (bad.length) problems.push(`${p.name} at ${width} px shows ${bad.join(', ')}`)
        if (width === 390) {
          const wide = await tooWide(page)
          if (wide.length) problems.push(`${p.name} is too wide at 390 px: ${wide.join(', ')}`)
        }
        await shot(page, `inspection-${p.name}-${width}.png`, width === 1440 ? 1000 : 1800)
      }
    }
  }

  test('inspection: 抽查事项, 名录库, 年度计划, 抽查统计, 工作日历 and 我的检查 show no raw text and fit a phone', async ({ page }) => {
    const problems = []
    const rows = (testid) => async (p) => {
      await p.locator(`[data-testid="${testid}"] .el-table__row`).first().waitFor({ state: 'visible' })
    }
    await login(page, 'jianghan')
    await pages(
      page,
      [
        { name: 'items', path: '/supervision/inspection/items', testid: 'ii-table', ready: rows('ii-table') },
        { name: 'library-inspectors', path: '/supervision/inspection/library', testid: 'inspector-table', ready: rows('inspector-table') },
        {
          name: 'library-objects',
          path: '/supervision/inspection/library?tab=objects',
          testid: 'obj-table',
          ready: async (p) => {
            await rows('obj-table')(p)
            await expectText(p, '[data-testid="obj-table"]', '湖北电投充电服务有限公司')
          },
        },
      ],
      problems,
    )
    // 江汉区's officers in the library, the enterprises in 江汉区 in the objects.
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.goto('/supervision/inspection/library')
    await settled(page, 'inspector-table')
    await expectText(page, '[data-testid="inspector-table"]', '王磊')

    await page.context().clearCookies()
    await login(page, 'city')
    await pages(
      page,
      [
        { name: 'tasks-city', path: '/supervision/inspection/tasks', testid: 'it-table', ready: rows('it-table') },
        { name: 'plans', path: '/supervision/inspection/plans', testid: 'ip-table', ready: rows('ip-table') },
        { name: 'statistics', path: '/supervision/inspection/statistics', testid: 'stats-districts', ready: rows('stats-districts') },
        { name: 'calendar', path: '/supervision/work-calendar', testid: 'cal-table', ready: rows('cal-table') },
      ],
      problems,
    )
    if (s.published) {
      // 江汉区 published every object: 抽查完成率 100 %.
      await page.setViewportSize({ width: 1440, height: 900 })
      await page.goto('/supervision/inspection/statistics')
      await settled(page, 'stats-districts')
      await expectText(page, `[data-testid="stats-districts-completion-${JIANGHAN}"]`, '100%', '江汉区 抽查完成率 100%')
    }

    // 我的检查 with an object to sign: 武昌区's officer (the demo's task being inspected).
    await page.context().clearCookies()
    await login(page, 'wuchang_chen')
    await pages(page, [{ name: 'mine', path: '/supervision/inspection/mine', testid: 'mine-table', ready: rows('mine-table') }], problems)
    if (problems.length) throw new Error(problems.join(' | '))
  })

  return s
}
