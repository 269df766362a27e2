// Fails the build when a first screen needs too much JavaScript (`npm run build` runs it after
// `vite build`): prints, per first screen of first-screen.mjs, the initial JS and CSS raw, gzip -9
// and brotli, and exits 1 when the JS exceeds BUDGET_JS_GZIP gzip-compressed.
//
//   node scripts/checkBudget.mjs [DIST]      (default: dist)
import { resolve } from 'node:path'
import { BUDGET_JS_GZIP, measureFirstScreens } from './first-screen.mjs'

const dist = resolve(process.argv[2] ?? 'dist')
const kB = (n) => `${(n / 1000).toFixed(1)} kB`
const line = (s) => `${kB(s.raw)} (gzip ${kB(s.gzip)}, brotli ${kB(s.brotli)})`

let over = 0
for (const s of await measureFirstScreens(dist)) {
  const ok = s.jsSize.gzip <= BUDGET_JS_GZIP
  if (!ok) over++
  console.log(`${ok ? '✓' : '✗'} ${s.name}: JS ${line(s.jsSize)} in ${s.js.length} files; CSS ${line(s.cssSize)} in ${s.css.length} files`)
}
console.log(`first-screen budget: ${kB(BUDGET_JS_GZIP)} of JavaScript, gzip-compressed — ${over ? `${over} screen(s) over` : 'kept'}`)
process.exit(over ? 1 : 0)
