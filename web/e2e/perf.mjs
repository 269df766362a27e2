// Time to the first data row of the busiest first screens (issue 10, docs/performance.md "First
// screen"): 我的器具 as the demo enterprise `charger`, 备案审核 as the 江岸区 regulator `jiangan`
// (pending filings in the `mvis demo` data). After a warm-up navigation, RUNS navigations with a
// cold browser cache (each in a fresh context holding the signed-in session) and RUNS with a warm
// one (the same page again); prints the median and the maximum, in ms from the start of the
// navigation to the first `.el-table__body tr` with a layout box, and for the cold runs the
// median CPU time of the renderer's main thread. Asserts only that the row appears: timings on a shared
// machine are too noisy to assert. Registered by run.mjs.
import { DEMO_PASSWORD } from './verification.mjs'

const RUNS = Number(process.env.E2E_PERF_RUNS ?? 5)
const ROW = '.el-table__body tr'

/**
 * Init script: window.__firstRowAt becomes the page time (ms since the navigation started) at
 * which an element matching `selector` first has a layout box.
 */
function watchFirstRow(selector) {
  const shown = () => [...document.querySelectorAll(selector)].some((e) => e.getClientRects().length > 0)
  const observer = new MutationObserver(() => {
    if (window.__firstRowAt === undefined && shown()) {
      window.__firstRowAt = performance.now()
      observer.disconnect()
    }
  })
  observer.observe(document, { childList: true, subtree: true })
}

/** Milliseconds from the start of navigating `page` to `path` until its first data row shows. */
async function timeToFirstRow(page, path) {
  await page.goto(path)
  const where = () => new URL(page.url()).pathname
  try {
    await page.locator(ROW).first().waitFor({ state: 'visible' })
  } catch {
    throw new Error(`no data row on ${path} (at ${where()})`)
  }
  if (where() !== path) throw new Error(`${path} ended at ${where()}`)
  return page.evaluate(() => window.__firstRowAt)
}

/**
 * Starts Chromium's performance metrics on a fresh `page`, before its first navigation; the
 * returned function reads the CPU time (ms) of the main thread of the renderer showing it since
 * then: that document's cost, less swayed by other work on the machine than the elapsed time.
 * (Later navigations may or may not move to another renderer, so they are not measured so.)
 */
async function cpuMeter(page) {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable')
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics')
    return metrics.find((m) => m.name === 'ThreadTime').value * 1000
  }
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const summary = (ms) => `median ${Math.round(median(ms))} ms, max ${Math.round(Math.max(...ms))} ms (${ms.map(Math.round).join(', ')})`

/**
 * @param test  run.mjs's scenario registrar
 * @param h     page helpers of run.mjs: uiLogin, STEP_TIMEOUT_MS
 */
export function registerPerfScenarios(test, h) {
  const pages = [
    { title: '我的器具', path: '/instruments', user: 'charger' },
    { title: '备案审核', path: '/review', user: 'jiangan' },
  ]
  for (const p of pages) {
    test(`perf: ${p.title} (${p.path}) shows its first data row`, async ({ page, base, browser }) => {
      await h.uiLogin(page, p.user, DEMO_PASSWORD)
      await page.context().addInitScript(watchFirstRow, ROW)
      await timeToFirstRow(page, p.path) // warm-up: server caches, Chromium's code cache

      const cold = []
      const cpu = []
      const session = await page.context().storageState()
      for (let i = 0; i < RUNS; i++) {
        const context = await browser.newContext({ baseURL: base, locale: 'zh-CN', viewport: page.viewportSize(), storageState: session })
        context.setDefaultTimeout(h.STEP_TIMEOUT_MS)
        await context.addInitScript(watchFirstRow, ROW)
        try {
          const fresh = await context.newPage()
          const cpuSoFar = await cpuMeter(fresh)
          cold.push(await timeToFirstRow(fresh, p.path))
          cpu.push(await cpuSoFar())
        } finally {
          await context.close()
        }
      }
      const warm = []
      for (let i = 0; i < RUNS; i++) warm.push(await timeToFirstRow(page, p.path))
      console.log(`  ${p.title} first data row, cold cache: ${summary(cold)}; renderer main thread CPU median ${Math.round(median(cpu))} ms`)
      console.log(`  ${p.title} first data row, warm cache: ${summary(warm)}`)
    })
  }
}
