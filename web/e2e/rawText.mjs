// The zh-CN UI shows no raw i18n keys, untranslated codes or English state words: every role
// opens its main pages (the demo data fills them) and the visible text is checked.
import { join } from 'node:path'
import { DEMO_PASSWORD } from './verification.mjs'

// What a raw key or code looks like on screen.
const KEY_LIKE = /\b[a-z][a-zA-Z]*\.[a-z][a-zA-Z_]*(?:\.[a-zA-Z_]+)*\b/g // verificationForm.periodic
const SNAKE = /\b[a-z]+_[a-z_]+\b/g // appointment_submitted, ev_ac_charger
const ENGLISH_STATES = /\b(?:submitted|approved|returned|deregistered|draft|pending|accepted|scheduled|completed|awaiting_\w+|signed in|wrong password|valid|revoked|superseded|periodic|first_only|trade_settlement)\b/g
// Text users type or read as it is: file names, web addresses, e-mail addresses.
const ALLOWED = /\.(?:xlsx|xls|csv|pdf|png|jpg|cn|com)\b/

/** The offending fragments of a page's visible text. */
export function rawFragments(text) {
  const out = []
  for (const re of [KEY_LIKE, SNAKE, ENGLISH_STATES]) {
    for (const m of text.matchAll(re)) {
      const around = text.slice(Math.max(0, m.index - 2), m.index + m[0].length + 6)
      if (!ALLOWED.test(around)) out.push(m[0])
    }
  }
  return [...new Set(out)]
}

// The `mvis demo` data these pages show: sampling plan 1 (dispatched, tasks done), its
// rectification orders 1 (洪山区, 湖北快充's failure, answered) and 2 (江岸区, 不具备检定条件), and
// appointment 9 (the task whose unit was marked 不具备检定条件).
const PAGES = {
  admin: ['/', '/admin/orgs', '/admin/users', '/admin/notifications', '/admin/audit', '/inbox'],
  city: ['/', '/catalogue', '/archive', '/supervision/verification', '/supervision/sampling', '/supervision/sampling/1', '/supervision/rectifications', '/supervision/rectifications/1', '/instruments', '/announcements'],
  jiangan: ['/', '/review', '/archive', '/supervision/verification', '/supervision/sampling', '/supervision/rectifications', '/supervision/rectifications/2'],
  charger: ['/', '/instruments', '/instruments/pending', '/appointments', '/certificates', '/catalogue', '/announcements', '/inbox', '/supervision/rectifications'],
  kuaichong: ['/supervision/rectifications', '/supervision/rectifications/1'],
  approver: ['/', '/institute/appointments', '/verifications', '/institute/standards', '/certificates', '/supervision/sampling', '/appointments/9'],
}

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: uiLogin, OUT, SCREENSHOTS
 */
export function registerRawTextScenarios(test, h) {
  const { uiLogin, OUT, SCREENSHOTS } = h
  for (const [user, paths] of Object.entries(PAGES)) {
    test(`zh-CN: ${user}'s pages show no raw keys, codes or English states`, async ({ page }) => {
      await uiLogin(page, user, user === 'admin' ? h.ADMIN.password : DEMO_PASSWORD)
      // Sign-in names are typed by people, not codes: 用户管理 and 审计日志 show the demo's officers
      // (jianghan_wang, wuchang_chen, …), so the administrator's pages are checked without them.
      const usernames =
        user === 'admin'
          ? await page.evaluate(async () => ((await (await fetch('/api/v1/admin/users?page_size=100')).json()).items ?? []).map((u) => u.username).filter((u) => u.includes('_')))
          : []
      const problems = []
      for (const path of paths) {
        await page.goto(path)
        await page.waitForLoadState('networkidle')
        await page.waitForTimeout(300)
        const text = await page.evaluate(() => document.body.innerText)
        const bad = rawFragments(usernames.reduce((t, u) => t.split(u).join(''), text))
        if (bad.length) problems.push(`${path}: ${bad.join(', ')}`)
        if (SCREENSHOTS) await page.screenshot({ path: join(OUT, `zh-${user}${path.replace(/\//g, '-')}.png`), fullPage: true })
      }
      if (problems.length) throw new Error(problems.join(' | '))
    })
  }
}
