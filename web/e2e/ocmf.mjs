// Browser scenario of 计量数据验签 (OCMF signed meter values) without signing in: the published
// KEBA record with its meter's key → 验签通过 with its two readings 0.2596 / 0.2597 kWh and the
// energy; one reading changed to 999.9999 in the pasted text → 验签未通过, 签名与数据不符, the
// readings kept and marked 仅供参考; both at 1440 and 390 px (the readings table scrolls inside the
// card on a phone), with no raw keys, codes or English states in zh-CN. E2E_SCREENSHOTS=1 keeps
// ocmf-{valid,invalid}-{1440,390}.png (in E2E_OCMF_SHOTS when set, else e2e/out/).
// Registered by run.mjs with its page helpers.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { rawFragments } from './rawText.mjs'

/** The meter's public key (DER SubjectPublicKeyInfo, secp256r1) as the vendor publishes it. */
export const OCMF_KEY =
  '3059301306072A8648CE3D020106082A8648CE3D030107034200043AEEB45C392357820A58FDFB0857BD77ADA31585C61C430531DFA53B440AFBFDD95AC887C658EA55260F808F55CA948DF235C2108A0D6DC7D4AB1A5E1A7955BE'
/** A published signed record of that meter: one transaction, 0.2596 → 0.2597 kWh. */
export const OCMF_RECORD =
  'OCMF|{"FV":"1.0","GI":"KEBA_KCP30","GS":"17619300","GV":"2.8.5","PG":"T32","IS":false,"IL":"NONE","IF":["RFID_NONE","OCPP_NONE","ISO15118_NONE","PLMN_NONE"],"IT":"NONE","ID":"","RD":[{"TM":"2019-08-13T10:03:15,000+0000 I","TX":"B","EF":"","ST":"G","RV":0.2596,"RI":"1-b:1.8.0","RU":"kWh"},{"TM":"2019-08-13T10:03:36,000+0000 R","TX":"E","EF":"","ST":"G","RV":0.2597,"RI":"1-b:1.8.0","RU":"kWh"}]}|{"SD":"304502200E2F107C987A300AC1695CA89EA149A8CDFA16188AF0A33EE64B67964AA943F9022100889A72B6D65364BEA8562E7F6A0253157ACFF84FE4929A93B5964D23C4265699"}'

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: fill, expectVisible, OUT, SCREENSHOTS
 */
export function registerOcmfScenarios(test, h) {
  const { fill, expectVisible, OUT, SCREENSHOTS } = h
  const shots = process.env.E2E_OCMF_SHOTS || OUT

  /** The visible text of the page (the pasted data sits in textareas, not in it). */
  async function noRawText(page, where) {
    const bad = rawFragments(await page.evaluate(() => document.body.innerText))
    if (bad.length) throw new Error(`${where} shows raw text: ${bad.join(', ')}`)
  }
  async function shot(page, name) {
    if (!SCREENSHOTS) return
    mkdirSync(shots, { recursive: true })
    await page.waitForFunction(() => ![...document.querySelectorAll('.el-loading-mask')].some((e) => e.getClientRects().length > 0))
    await page.mouse.move(0, 0) // no hover or focus colour on 验证
    await page.evaluate(() => document.activeElement?.blur())
    await page.screenshot({ path: join(shots, name), fullPage: true })
  }
  async function readingValues(page) {
    return (await page.locator('[data-testid="ocmf-reading-value"]').allTextContents()).map((s) => s.trim())
  }
  /** 验证 with `record` and the key filled in, or with what the fields hold. */
  async function verify(page, record) {
    if (record !== undefined) {
      await fill(page, 'ocmf-data', record)
      await fill(page, 'ocmf-key', OCMF_KEY)
    }
    const answer = page.waitForResponse((r) => r.url().endsWith('/api/v1/public/ocmf/verify'))
    await page.locator('[data-testid="ocmf-submit"]').click()
    const res = await answer
    if (res.status() !== 200) throw new Error(`POST /public/ocmf/verify answered ${res.status()}: ${await res.text()}`)
    await page.locator('[data-testid="ocmf-status"]').waitFor({ state: 'visible' })
  }
  async function expectValid(page, where) {
    await expectVisible(page, '[data-testid="ocmf-valid"]:has-text("验签通过，计量数据未被篡改")', `验签通过 (${where})`)
    const values = await readingValues(page)
    if (values.join(' / ') !== '0.2596 kWh / 0.2597 kWh') throw new Error(`${where}: readings ${JSON.stringify(values)}, expected 0.2596 kWh / 0.2597 kWh`)
    const energy = (await page.locator('[data-testid="ocmf-energy"]').textContent()).trim()
    if (!energy.includes('0.0001 kWh')) throw new Error(`${where}: energy "${energy}", expected 0.0001 kWh`)
    const types = (await page.locator('[data-testid="ocmf-reading-type"]').allTextContents()).map((s) => s.trim())
    if (types[0] !== '开始' || !types[1]?.startsWith('结束')) throw new Error(`${where}: reading kinds ${JSON.stringify(types)}`)
    await expectVisible(page, '[data-testid="ocmf-serial"]:has-text("17619300")', `表号 17619300 (${where})`)
    await noRawText(page, `验签通过 at ${where}`)
  }
  async function expectInvalid(page, where) {
    await expectVisible(page, '[data-testid="ocmf-invalid"]:has-text("验签未通过")', `验签未通过 (${where})`)
    const reason = (await page.locator('[data-testid="ocmf-reason"]').textContent()).trim()
    if (!reason.startsWith('签名与数据不符')) throw new Error(`${where}: reason "${reason}", expected 签名与数据不符…`)
    const values = await readingValues(page)
    if (values.join(' / ') !== '999.9999 kWh / 0.2597 kWh') throw new Error(`${where}: readings ${JSON.stringify(values)} of the altered record`)
    await expectVisible(page, '[data-testid="ocmf-untrusted"]:has-text("未通过验签的数据仅供参考")', `仅供参考 (${where})`)
    if ((await page.locator('[data-testid="ocmf-energy"]').count()) > 0) throw new Error(`${where}: an energy is shown for an invalid record`)
    await noRawText(page, `验签未通过 at ${where}`)
  }
  /** On a phone the page fits the screen and the readings table scrolls sideways inside it. */
  async function fitsPhone(page) {
    const widths = await page.evaluate(() => {
      const wrap = document.querySelector('[data-testid="ocmf-readings"] .el-scrollbar__wrap, [data-testid="ocmf-readings"] .el-table__body-wrapper')
      const table = document.querySelector('[data-testid="ocmf-readings"] .el-table__body')
      return { page: document.documentElement.scrollWidth, wrap: wrap?.clientWidth ?? 0, table: table?.scrollWidth ?? 0 }
    })
    if (widths.page > 390) throw new Error(`the page is ${widths.page} px wide on a 390 px screen`)
    if (!(widths.table > widths.wrap && widths.wrap > 0)) throw new Error(`the readings table (${widths.table} px) does not scroll inside its ${widths.wrap} px box`)
    const labelTop = await page.evaluate(() => document.querySelector('[data-testid="public-ocmf"] .el-form')?.classList.contains('el-form--label-top'))
    if (!labelTop) throw new Error('the form labels are not above the fields at 390 px')
  }

  test('ocmf: a driver verifies the signed meter values of a receipt without signing in, and an altered reading fails', async ({ page }) => {
    await page.goto('/public/ocmf')
    await expectVisible(page, '[data-testid="public-ocmf"]', '计量数据验签 page')
    await expectVisible(page, '.card-title:has-text("计量数据验签")', 'the page title')
    if (new URL(page.url()).pathname !== '/public/ocmf') throw new Error(`sent on to ${new URL(page.url()).pathname}`)

    // the required check, before any request (the key is optional: a registered meter's is looked up)
    await page.locator('[data-testid="ocmf-submit"]').click()
    await expectVisible(page, '.el-form-item__error:has-text("请粘贴 OCMF 计量数据")', 'the OCMF field required')
    await expectVisible(page, '[data-testid="ocmf-key-optional"]:has-text("已在本系统登记公钥的电能表可不填")', 'the key field optional')

    await verify(page, OCMF_RECORD)
    await expectValid(page, '1440 px')
    await shot(page, 'ocmf-valid-1440.png')

    // the first reading changed in the pasted text, the key left as it is
    const area = page.locator('[data-testid="ocmf-data"]')
    const pasted = await area.inputValue()
    if (!pasted.includes('0.2596')) throw new Error('the pasted record holds no 0.2596')
    await area.fill(pasted.replace('0.2596', '999.9999'))
    await verify(page)
    await expectInvalid(page, '1440 px')
    await shot(page, 'ocmf-invalid-1440.png')

    // A phone: the same answers on a 390 px screen (labels above the fields, the table scrolling).
    await page.setViewportSize({ width: 390, height: 844 })
    await page.waitForTimeout(300)
    await expectInvalid(page, '390 px')
    await fitsPhone(page)
    await shot(page, 'ocmf-invalid-390.png')
    await verify(page, OCMF_RECORD)
    await expectValid(page, '390 px')
    await fitsPhone(page)
    await shot(page, 'ocmf-valid-390.png')

    // 清空, and the way back to 公众查询, which links here
    await page.locator('[data-testid="ocmf-clear"]').click()
    if ((await page.locator('[data-testid="ocmf-status"]').count()) > 0) throw new Error('清空 left the answer shown')
    if ((await area.inputValue()) !== '') throw new Error('清空 left the OCMF data')
    await page.locator('[data-testid="ocmf-to-lookup"]').click()
    await page.waitForURL((u) => u.pathname === '/public/lookup')
    await page.locator('[data-testid="lookup-to-ocmf"]:has-text("验证充电小票上的计量数据")').click()
    await page.waitForURL((u) => u.pathname === '/public/ocmf')
    await expectVisible(page, '[data-testid="public-ocmf"]', '计量数据验签 page again')
  })
}
