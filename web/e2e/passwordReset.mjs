// Browser scenario of the self-service password reset (忘记密码, docs/api.md "Public"): an
// enterprise user created through the admin API resets the password from the login page with an
// SMS code read from the outbox, then signs in with the new one. Registered by run.mjs.
import { call } from './filing.mjs'
import { creditCode, randomChars, randomPhone } from './util.mjs'

/**
 * @param test  run.mjs's scenario registrar
 * @param h     helpers of run.mjs: fill, expectVisible, expectMessage, uiLogin, apiLogin, smsCodeFor, ADMIN
 */
export function registerPasswordResetScenarios(test, h) {
  const { fill, expectVisible, expectMessage, uiLogin, apiLogin, smsCodeFor, ADMIN } = h

  test('an enterprise user resets a forgotten password with an SMS code', async ({ page, base }) => {
    const suffix = randomChars(4).toLowerCase()
    const admin = await apiLogin(base, ADMIN.username, ADMIN.password)
    const org = await call(base, admin, 'POST', '/admin/orgs', {
      kind: 'enterprise',
      name: `E2E重置密码充电有限公司${suffix}`,
      region_code: '420103',
      credit_code: creditCode(`91420103${randomChars(9)}`),
      address: '武汉市江汉区解放大道1号',
      contact_name: '赵经理',
      phone: randomPhone(),
    })
    const user = { username: `e2e_reset_${suffix}`, phone: randomPhone(), old: 'Old!Passw0rd#1', new: 'N3w!Passw0rd#2' }
    await call(base, admin, 'POST', '/admin/users', {
      username: user.username,
      password: user.old,
      role: 'enterprise',
      org_id: org.id,
      phone: user.phone,
    })

    await page.goto('/login')
    await page.locator('[data-testid="to-forgot-password"]:has-text("忘记密码")').click()
    await page.waitForURL((u) => u.pathname === '/forgot-password')
    await expectVisible(page, '[data-testid="forgot-form"]', '忘记密码 form')
    await fill(page, 'fp-username', user.username)
    await fill(page, 'fp-phone', user.phone)
    const btn = page.locator('[data-testid="sms-send"]')
    await btn.click()
    await page.waitForFunction(
      (el) => /\d+秒后重新获取/.test(el.textContent ?? '') && el.disabled,
      await btn.elementHandle(),
    )
    const code = await smsCodeFor(base, user.phone)
    await fill(page, 'fp-sms-code', code)
    await fill(page, 'fp-password', user.new)
    await fill(page, 'fp-confirm', user.new)
    await page.locator('[data-testid="fp-submit"]').click()
    await expectMessage(page, '密码已重置，请使用新密码登录')
    await page.waitForURL((u) => u.pathname === '/login')

    const old = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.old }),
    })
    if (old.status !== 401) throw new Error(`login with the old password answered ${old.status}, expected 401`)
    await uiLogin(page, user.username, user.new)
  })
}
