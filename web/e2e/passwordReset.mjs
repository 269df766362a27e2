// Browser scenario of the self-service password reset (忘记密码, docs/api.md "Public"): an
// enterprise user created through the admin API resets the password from the login page with an
// SMS code read from the outbox, then signs in with the new one; and the login CAPTCHA that three
// wrong passwords bring. Registered by run.mjs.
import { call } from './filing.mjs'
import { creditCode, randomChars, randomPhone } from './util.mjs'

/**
 * @param test  run.mjs's scenario registrar
 * @param h     helpers of run.mjs: fill, expectVisible, expectMessage, uiLogin, apiLogin, smsCodeFor, ADMIN
 */
export function registerPasswordResetScenarios(test, h) {
  const { fill, expectVisible, expectMessage, uiLogin, apiLogin, smsCodeFor, ADMIN, OUT } = h

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

  test('after three wrong passwords the login asks for a CAPTCHA picture', async ({ page, base }) => {
    const suffix = randomChars(4).toLowerCase()
    const admin = await apiLogin(base, ADMIN.username, ADMIN.password)
    const org = await call(base, admin, 'POST', '/admin/orgs', {
      kind: 'enterprise',
      name: `E2E验证码充电有限公司${suffix}`,
      region_code: '420103',
      credit_code: creditCode(`91420103${randomChars(9)}`),
    })
    const username = `e2e_captcha_${suffix}`
    await call(base, admin, 'POST', '/admin/users', {
      username,
      password: 'Right!Passw0rd#1',
      role: 'enterprise',
      org_id: org.id,
      phone: randomPhone(),
    })
    await page.goto('/login')
    await fill(page, 'login-username', username)
    for (let i = 0; i < 3; i++) {
      await fill(page, 'login-password', 'Wrong!Passw0rd#9')
      await page.locator('[data-testid="login-submit"]').click()
      await page.locator('[data-testid="login-error"]:has-text("用户名或密码错误")').waitFor()
      if (await page.locator('[data-testid="login-captcha"]').count()) throw new Error(`CAPTCHA shown after ${i + 1} failures`)
    }
    // The fourth try is not checked without the CAPTCHA: the form shows the picture.
    await fill(page, 'login-password', 'Right!Passw0rd#1')
    await page.locator('[data-testid="login-submit"]').click()
    await page.locator('[data-testid="login-error"]:has-text("请输入图形验证码")').waitFor()
    const image = page.locator('[data-testid="login-captcha-image"]')
    await image.waitFor({ state: 'visible' })
    const size = await image.evaluate((img) => [img.naturalWidth, img.naturalHeight])
    if (size[0] !== 132 || size[1] !== 44) throw new Error(`CAPTCHA picture is ${size.join('×')}, expected 132×44`)
    await expectVisible(page, '[data-testid="login-captcha"]', 'CAPTCHA input')
    // A click on the picture brings another one.
    const first = await image.getAttribute('src')
    await image.click()
    await page.waitForFunction((src) => document.querySelector('[data-testid="login-captcha-image"]')?.getAttribute('src') !== src, first)
    // Submitting without typing the characters is stopped by the form.
    await page.locator('[data-testid="login-submit"]').click()
    await page.locator('.el-form-item__error:has-text("请填写图形验证码")').waitFor()
    await page.screenshot({ path: `${OUT}/login-captcha.png` })
  })
}
