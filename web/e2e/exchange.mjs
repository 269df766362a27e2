// Browser scenarios of issue 13's exchange pages on the `mvis demo` data (whose charging platform
// already reported three stations of 武汉新能源充电科技有限公司): the administrator opens 平台对接,
// opens the T/CEC 102 exchange for 武汉城市充电网络有限公司 (enterprise required; OperatorID from its
// credit code), sees the five values once with the warning, then the row in the list, and a second
// opening refused under the OperatorID field; the values shown then work: this file plays the
// operator's platform (query_token, notification_stationInfo with one charger in 江岸区). 江岸区
// (jiangan) opens 在用未备案核查: the three tabs with the API's counts, that charger among 在用未备案,
// the differences of a 信息不一致 row as tags, 查看备案 opening the filing; the city bureau (city)
// narrows it to 江岸区 with the district filter (kept in the address). Every page at 1440 and 390 px
// in zh-CN with no raw keys, codes or English states. E2E_ONLY=reconciliation runs them;
// E2E_SCREENSHOTS=1 keeps exchange-*.png (in E2E_EXCHANGE_SHOTS when set, else e2e/out/).
// Registered by run.mjs with its page helpers.
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { rawFragments } from './rawText.mjs'
import { randomChars } from './util.mjs'
import { DEMO_PASSWORD } from './verification.mjs'

const ENTERPRISE = '武汉城市充电网络有限公司'
/** Characters 9–17 of its credit code (91420106MA4K222221): the default OperatorID. */
const OPERATOR_ID = 'MA4K22222'
/** Opened on a phone, with a signature secret agreed beforehand. */
const SECOND = { name: '湖北电投充电服务有限公司', operatorId: 'MA4K44444', sigSecret: 'Agreed#Sig-2026!' }
const SECRET_FIELDS = ['operator_secret', 'data_secret', 'data_secret_iv', 'sig_secret']
const KINDS = ['unfiled', 'not_on_platform', 'mismatch']
const DIFF_LABELS = { power: '额定功率', model: '型号', current: '交直流', district: '所在辖区' }

// ---------------------------------------------------------------- the operator's side of T/CEC 102

/** yyyyMMddHHmmss in Asia/Shanghai (UTC+8, no daylight saving). */
function tcecTimestamp() {
  const d = new Date(Date.now() + 8 * 3600_000)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
}

/** A client of /tcec/v1/ with an account's values: AES-128-CBC data, HMAC-MD5 signature. */
export function tcecClient(base, v) {
  let seq = 0
  const seal = (data) => {
    const c = createCipheriv('aes-128-cbc', Buffer.from(v.data_secret), Buffer.from(v.data_secret_iv))
    const Data = Buffer.concat([c.update(JSON.stringify(data), 'utf8'), c.final()]).toString('base64')
    const TimeStamp = tcecTimestamp()
    const Seq = String(++seq).padStart(4, '0')
    const Sig = createHmac('md5', v.sig_secret).update(v.operator_id + Data + TimeStamp + Seq).digest('hex').toUpperCase()
    return { OperatorID: v.operator_id, Data, TimeStamp, Seq, Sig }
  }
  const open = (data) => {
    if (!data) return null
    const d = createDecipheriv('aes-128-cbc', Buffer.from(v.data_secret), Buffer.from(v.data_secret_iv))
    return JSON.parse(Buffer.concat([d.update(Buffer.from(data, 'base64')), d.final()]).toString('utf8'))
  }
  return async (endpoint, data, token) => {
    const r = await fetch(`${base}/tcec/v1/${endpoint}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(seal(data)),
    })
    const res = await r.json()
    if (res.Ret !== 0) throw new Error(`${endpoint}: Ret ${res.Ret} ${res.Msg}`)
    return open(res.Data)
  }
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, choose, expectVisible, uiLogin, ADMIN, OUT, SCREENSHOTS
 */
export function registerExchangeScenarios(test, h) {
  const { fill, choose, expectVisible, uiLogin, ADMIN, OUT, SCREENSHOTS } = h
  const shots = process.env.E2E_EXCHANGE_SHOTS || OUT
  /** The charger the operator reports in 江岸区 with the values 平台对接 showed. */
  const state = { equipmentId: `EQ-E2E-${randomChars(6)}` }

  /** The visible text has no raw keys, codes or English states (the interface names are the protocol's). */
  async function noRawText(page, where) {
    const text = (await page.evaluate(() => document.body.innerText)).replace(/query_token|notification_stationInfo/g, '')
    const bad = rawFragments(text)
    if (bad.length) throw new Error(`${where} shows raw text: ${bad.join(', ')}`)
  }
  async function settled(page) {
    await page.waitForLoadState('networkidle')
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((e) => e.getClientRects().length > 0))
  }
  async function shot(page, name) {
    if (!SCREENSHOTS) return
    mkdirSync(shots, { recursive: true })
    await settled(page)
    await page.mouse.move(0, 0)
    await page.evaluate(() => document.activeElement?.blur())
    await page.waitForTimeout(300) // dialogs and tabs finish their transitions
    // without the notices of the moment (登录成功, 已开通对接) over the header
    const style = await page.addStyleTag({ content: '.el-message { display: none !important; }' })
    await page.screenshot({ path: join(shots, name), fullPage: true })
    await style.evaluate((e) => e.remove())
  }
  /** A 390 px phone, the page loaded again (the side menu starts folded on a phone); it does not scroll sideways. */
  async function phone(page, testid) {
    await page.setViewportSize({ width: 390, height: 844 })
    await page.reload()
    await expectVisible(page, `[data-testid="${testid}"]`, `${testid} at 390 px`)
    await settled(page)
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    if (width > 390) throw new Error(`the page is ${width} px wide on a 390 px screen`)
  }
  /** On a phone the three tabs show whole, side by side, with their short labels. */
  async function tabsFit(page) {
    const boxes = await page.evaluate(() => {
      const nav = document.querySelector('[data-testid="recon-tabs"] .el-tabs__nav-wrap').getBoundingClientRect()
      return ['unfiled', 'not_on_platform', 'mismatch'].map((k) => {
        const b = document.querySelector(`[data-testid="recon-tab-${k}"]`).getBoundingClientRect()
        return { k, inside: b.left >= nav.left - 1 && b.right <= nav.right + 1 }
      })
    })
    const out = boxes.filter((b) => !b.inside).map((b) => b.k)
    if (out.length) throw new Error(`at 390 px the tabs ${out.join(', ')} are not shown whole`)
    const labels = []
    for (const k of KINDS) labels.push((await page.locator(`[data-testid="recon-tab-${k}"]`).innerText()).replace(/\s*\d+$/, '').trim())
    if (labels.join('/') !== '未备案/未上平台/不一致') throw new Error(`tabs at 390 px: ${labels.join('/')}`)
  }
  /** An open dialog takes the phone's width, no more. */
  async function dialogFits(page, testid) {
    const [left, right] = await page.locator(`[data-testid="${testid}"]`).evaluate((e) => [e.getBoundingClientRect().left, e.getBoundingClientRect().right])
    if (left < 0 || right > 390) throw new Error(`${testid} spans ${Math.round(left)}..${Math.round(right)} at 390 px`)
  }
  async function desktop(page) {
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.waitForTimeout(300)
  }
  /** GET with the page's session. */
  async function apiGet(page, path) {
    return page.evaluate(async (p) => {
      const r = await fetch(`/api/v1${p}`)
      if (!r.ok) throw new Error(`GET ${p}: HTTP ${r.status}`)
      return r.json()
    }, path)
  }
  async function totals(page, region = '') {
    const out = {}
    for (const k of KINDS) out[k] = (await apiGet(page, `/reconciliation?kind=${k}&page_size=1${region ? `&region_code=${region}` : ''}`)).total
    return out
  }
  async function expectCounts(page, expected, where) {
    await settled(page)
    for (const k of KINDS) {
      const loc = page.locator(`[data-testid="recon-count-${k}"]`)
      await loc.waitFor({ state: 'visible' })
      const n = (await loc.textContent()).trim()
      if (n !== String(expected[k])) throw new Error(`${where}: the ${k} tab counts ${n}, the API ${expected[k]}`)
    }
  }
  /** The response of the list (not of a count) of `kind` and district `region` ('' = any). */
  function listAnswer(page, kind, region = '') {
    return page.waitForResponse((r) => {
      const u = new URL(r.url())
      const q = u.searchParams
      return u.pathname === '/api/v1/reconciliation' && q.get('kind') === kind && q.get('page_size') === '20' && (!region || q.get('region_code') === region)
    })
  }
  async function openTab(page, kind) {
    const answer = listAnswer(page, kind)
    await page.locator(`[data-testid="recon-tab-${kind}"]`).click()
    await answer
    await settled(page)
  }

  test('reconciliation: the administrator opens the T/CEC exchange for an enterprise (平台对接), sees the five values once, then the row', async ({ page, base }) => {
    await uiLogin(page, ADMIN.username, ADMIN.password)
    await expectVisible(page, '[data-testid="menu-group-system"]', '系统管理 in the menu')
    await page.locator('[data-testid="menu-admin-tcec-operators"]:has-text("平台对接")').click()
    await expectVisible(page, '[data-testid="tcec-operators"]', '平台对接 page')
    await expectVisible(page, '[data-testid="tcec-row-MA4K12345"]', "the demo's connected operator")
    await expectVisible(page, `[data-testid="tcec-endpoint"]:has-text("${base}/tcec/v1/")`, 'the endpoint base')
    await expectVisible(page, '[data-testid="tcec-table"] .el-tag:has-text("启用")', 'the status 启用')
    await noRawText(page, '平台对接')

    // 开通对接: the enterprise is required
    await page.locator('[data-testid="tcec-create"]').click()
    await expectVisible(page, '[data-testid="tcec-dialog"]', '开通对接 dialog')
    const placeholder = await page.locator('[data-testid="tcec-operator-id"]').getAttribute('placeholder')
    if (placeholder !== '默认取统一社会信用代码中的组织机构代码') throw new Error(`运营商标识 placeholder "${placeholder}"`)
    await page.locator('[data-testid="tcec-submit"]').click()
    await expectVisible(page, '.el-form-item__error:has-text("请选择运营企业")', 'the enterprise required')
    await page.locator('[data-testid="tcec-agreed-toggle"]').click()
    await expectVisible(page, '[data-testid="tcec-sig_secret"]', 'the agreed secrets')
    await shot(page, 'exchange-tcec-dialog-1440.png')
    await choose(page, 'tcec-org', ENTERPRISE, '城市充电')
    const created = page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/tcec-operators') && r.request().method() === 'POST')
    await page.locator('[data-testid="tcec-submit"]').click()
    if ((await created).status() !== 201) throw new Error(`POST /admin/tcec-operators answered ${(await created).status()}`)

    // the five values, once
    await expectVisible(page, '[data-testid="tcec-secrets"]', 'the secrets dialog')
    await expectVisible(page, '[data-testid="tcec-secrets-warning"]:has-text("密钥仅显示这一次，请立即通过安全渠道交给运营商")', 'the warning')
    await expectVisible(page, `[data-testid="tcec-secrets-org"]:has-text("${ENTERPRISE}")`, 'the enterprise in the dialog')
    const values = {}
    for (const f of ['operator_id', ...SECRET_FIELDS]) values[f] = (await page.locator(`[data-testid="tcec-secret-${f}"]`).textContent()).trim()
    if (values.operator_id !== OPERATOR_ID) throw new Error(`运营商标识 ${values.operator_id}, expected ${OPERATOR_ID} from the credit code`)
    for (const f of SECRET_FIELDS) if (!/^[\x21-\x7e]{16}$/.test(values[f])) throw new Error(`${f} shown as "${values[f]}"`)
    if (new Set(SECRET_FIELDS.map((f) => values[f])).size !== 4) throw new Error('two secrets are the same')
    const font = await page.locator('[data-testid="tcec-secret-sig_secret"]').evaluate((e) => getComputedStyle(e).fontFamily)
    if (!/mono|Menlo|Consolas/i.test(font)) throw new Error(`the secrets are not monospace (${font})`)
    await noRawText(page, 'the secrets dialog')
    await shot(page, 'exchange-tcec-secrets-1440.png')

    // closing lists the account; the secrets are gone from the page
    const listed = page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/tcec-operators') && r.request().method() === 'GET')
    await page.locator('[data-testid="tcec-secrets-close"]').click()
    await listed
    await expectVisible(page, `[data-testid="tcec-row-${OPERATOR_ID}"]`, 'the new account in the list')
    await expectVisible(page, `[data-testid="tcec-table"] .el-table__row:has-text("${ENTERPRISE}")`, 'the enterprise in the list')
    if ((await page.evaluate(() => document.body.innerText)).includes(values.sig_secret)) throw new Error('a secret is still on the page')
    await noRawText(page, '平台对接 with the new account')
    await shot(page, 'exchange-tcec-1440.png')

    // the same enterprise again: its OperatorID is taken, said under the field
    await page.locator('[data-testid="tcec-create"]').click()
    await choose(page, 'tcec-org', ENTERPRISE, '城市充电')
    await page.locator('[data-testid="tcec-submit"]').click()
    await expectVisible(page, '.el-form-item__error:has-text("该运营商标识已开通对接")', 'operator_exists under the OperatorID')
    await page.locator('[data-testid="tcec-dialog"] .el-dialog__footer button').first().click()
    await page.locator('[data-testid="tcec-dialog"]').waitFor({ state: 'hidden' })

    // A phone: the list, then 开通对接 for another enterprise with a signature secret agreed beforehand
    await phone(page, 'tcec-operators')
    await expectVisible(page, `[data-testid="tcec-row-${OPERATOR_ID}"]`, 'the new account at 390 px')
    // Its status shows without scrolling the table, left of the fixed actions column.
    const [status, actions] = await page.evaluate((id) => {
      const s = document.querySelector(`[data-testid="tcec-status-${id}"]`).getBoundingClientRect()
      const a = document.querySelector('[data-testid="tcec-table"] td.el-table-fixed-column--right')?.getBoundingClientRect()
      return [[s.left, s.right], a ? a.left : 390]
    }, OPERATOR_ID)
    if (status[0] < 0 || status[1] > actions + 1) {
      throw new Error(`at 390 px the status spans ${Math.round(status[0])}..${Math.round(status[1])}, the actions start at ${Math.round(actions)}`)
    }
    await noRawText(page, '平台对接 at 390 px')
    await shot(page, 'exchange-tcec-390.png')
    await page.locator('[data-testid="tcec-create"]').click()
    await expectVisible(page, '[data-testid="tcec-dialog"]', '开通对接 dialog at 390 px')
    await choose(page, 'tcec-org', SECOND.name, '电投')
    await page.locator('[data-testid="tcec-agreed-toggle"]').click()
    await fill(page, 'tcec-sig_secret', SECOND.sigSecret)
    await dialogFits(page, 'tcec-dialog')
    await noRawText(page, '开通对接 at 390 px')
    await shot(page, 'exchange-tcec-dialog-390.png')
    const second = page.waitForResponse((r) => r.url().endsWith('/api/v1/admin/tcec-operators') && r.request().method() === 'POST')
    await page.locator('[data-testid="tcec-submit"]').click()
    if ((await second).status() !== 201) throw new Error(`POST /admin/tcec-operators answered ${(await second).status()} at 390 px`)
    await expectVisible(page, '[data-testid="tcec-secrets-warning"]:has-text("密钥仅显示这一次")', 'the warning at 390 px')
    const shownId = (await page.locator('[data-testid="tcec-secret-operator_id"]').textContent()).trim()
    const shownSig = (await page.locator('[data-testid="tcec-secret-sig_secret"]').textContent()).trim()
    if (shownId !== SECOND.operatorId || shownSig !== SECOND.sigSecret) throw new Error(`shown ${shownId} / ${shownSig}, expected ${SECOND.operatorId} / the agreed secret`)
    await dialogFits(page, 'tcec-secrets')
    await noRawText(page, 'the secrets dialog at 390 px')
    await shot(page, 'exchange-tcec-secrets-390.png')
    await page.locator('[data-testid="tcec-secrets-close"]').click()
    await expectVisible(page, `[data-testid="tcec-row-${SECOND.operatorId}"]`, 'the second account in the list')

    // the values work: the operator's platform takes a token and reports a station in 江岸区
    const call = tcecClient(base, values)
    const token = await call('query_token', { OperatorID: values.operator_id, OperatorSecret: values.operator_secret })
    if (token.SuccStat !== 0 || !token.AccessToken) throw new Error(`query_token: ${JSON.stringify(token)}`)
    const station = {
      StationID: `ST-E2E-${randomChars(4)}`,
      StationName: '江岸区端到端测试充电站',
      AreaCode: '420102',
      Address: '武汉市江岸区测试路1号',
      EquipmentInfos: [{ EquipmentID: state.equipmentId, ManufacturerName: '测试厂家', EquipmentModel: 'E2E-DC60', EquipmentType: 1, Power: 60 }],
    }
    const answer = await call('notification_stationInfo', { StationInfo: station }, token.AccessToken)
    if (answer?.Status !== 0) throw new Error(`notification_stationInfo: ${JSON.stringify(answer)}`)
    state.reported = true
  })

  test('reconciliation: 江岸区 opens 在用未备案核查 and sees the three tabs with their counts, the rows and the filings', async ({ page }) => {
    await uiLogin(page, 'jiangan', DEMO_PASSWORD)
    await expectVisible(page, '[data-testid="menu-group-supervision"]', '监督管理 in the menu')
    await page.locator('[data-testid="menu-supervision-reconciliation"]:has-text("在用未备案核查")').click()
    await expectVisible(page, '[data-testid="reconciliation"]', '在用未备案核查 page')
    if (new URL(page.url()).pathname !== '/supervision/reconciliation') throw new Error(`at ${new URL(page.url()).pathname}`)
    await expectVisible(page, '[data-testid="recon-intro"]:has-text("运营商向充电设施监管平台报送的充电站与设备信息")', 'the explanation')
    for (const [k, label] of [['unfiled', '在用未备案'], ['not_on_platform', '已备案未上平台'], ['mismatch', '信息不一致']]) {
      await expectVisible(page, `[data-testid="recon-tab-${k}"]:has-text("${label}")`, `tab ${label}`)
    }
    if ((await page.locator('[data-testid="recon-region"]').count()) > 0) throw new Error('a district bureau is offered the district filter')
    const expected = await totals(page)
    await expectCounts(page, expected, '江岸区')
    if (state.reported) {
      await expectVisible(page, `[data-testid="recon-eq-${state.equipmentId}"]`, 'the charger the operator just reported')
      const line = (await page.locator(`[data-testid="recon-platform-${state.equipmentId}"]`).innerText()).replace(/\s+/g, '')
      if (line !== 'E2E-DC60/直流/60kW') throw new Error(`平台信息 "${line}"`)
      await expectVisible(page, `[data-testid="recon-table"] .el-table__row:has-text("江岸区端到端测试充电站")`, 'its station')
    }
    await noRawText(page, '在用未备案')
    await shot(page, 'exchange-recon-jiangan-unfiled-1440.png')

    await openTab(page, 'not_on_platform')
    if (new URL(page.url()).searchParams.get('kind') !== 'not_on_platform') throw new Error('the tab is not in the address')
    const filed = (await apiGet(page, '/reconciliation?kind=not_on_platform&page_size=20')).items
    if (filed.length > 0) {
      await expectVisible(page, `[data-testid="recon-open-${filed[0].equipment_id}"]:has-text("查看备案")`, '查看备案')
    } else {
      await expectVisible(page, '[data-testid="recon-table"]:has-text("暂无已备案未上平台的充电桩")', 'the empty text')
    }
    await noRawText(page, '已备案未上平台')

    await openTab(page, 'mismatch')
    const mismatched = (await apiGet(page, '/reconciliation?kind=mismatch&page_size=20')).items
    if (mismatched.length > 0) {
      const row = mismatched[0]
      const tags = (await page.locator(`[data-testid="recon-diffs-${row.equipment_id}"] .el-tag`).allTextContents()).map((s) => s.trim())
      const want = row.differences.map((d) => DIFF_LABELS[d])
      if (tags.join('、') !== want.join('、')) throw new Error(`不一致项 ${JSON.stringify(tags)}, expected ${JSON.stringify(want)}`)
      await noRawText(page, '信息不一致')
      await shot(page, 'exchange-recon-jiangan-mismatch-1440.png')
      await phone(page, 'reconciliation')
      await tabsFit(page)
      await noRawText(page, '信息不一致 at 390 px')
      await shot(page, 'exchange-recon-jiangan-mismatch-390.png')
      await desktop(page)
      await page.locator(`[data-testid="recon-open-${row.equipment_id}"]`).click()
      await page.waitForURL((u) => u.pathname === `/instruments/${row.filed.instrument_id}`)
    } else {
      await expectVisible(page, '[data-testid="recon-table"]:has-text("暂无信息不一致的充电桩")', 'the empty text')
    }

    // back to the first tab on a phone
    await page.goto('/supervision/reconciliation')
    await phone(page, 'reconciliation')
    await tabsFit(page)
    await expectCounts(page, expected, '江岸区 at 390 px')
    await noRawText(page, '在用未备案 at 390 px')
    await shot(page, 'exchange-recon-jiangan-unfiled-390.png')
  })

  test('reconciliation: the city bureau narrows 在用未备案核查 to a district', async ({ page }) => {
    await uiLogin(page, 'city', DEMO_PASSWORD)
    await page.locator('[data-testid="menu-supervision-reconciliation"]').click()
    await expectVisible(page, '[data-testid="reconciliation"]', '在用未备案核查 page')
    await expectVisible(page, '[data-testid="recon-region"]', 'the district filter')
    await expectCounts(page, await totals(page), 'the whole city')
    await noRawText(page, '在用未备案核查 of the city')
    await shot(page, 'exchange-recon-city-1440.png')

    const answer = listAnswer(page, 'unfiled', '420102')
    await choose(page, 'recon-region', '江岸区')
    await answer
    await page.waitForURL((u) => u.searchParams.get('region_code') === '420102')
    await expectCounts(page, await totals(page, '420102'), '江岸区 of the city bureau')
    const regions = (await page.locator('[data-testid="recon-table"] .el-table__body tr td:nth-child(2)').allTextContents()).map((s) => s.trim())
    if (regions.some((r) => r !== '江岸区')) throw new Error(`所在辖区 column ${JSON.stringify([...new Set(regions)])}`)
    await noRawText(page, '在用未备案核查 of 江岸区')
    await phone(page, 'reconciliation')
    await noRawText(page, '在用未备案核查 of the city at 390 px')
    await shot(page, 'exchange-recon-city-390.png')
    // the address keeps the district across a reload
    await page.reload()
    await expectVisible(page, '[data-testid="reconciliation"]', 'the page after a reload')
    await expectCounts(page, await totals(page, '420102'), 'after a reload')
  })
}
