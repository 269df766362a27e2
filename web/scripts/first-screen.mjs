// What the browser loads for the first screen, read from a built dist/: the scripts and
// stylesheets index.html names, every chunk they import (Vite modulepreloads them), and the chunks
// of the first routes with their imports and CSS (dist/.vite/manifest.json); with their sizes
// raw, gzip -9 and brotli. checkBudget.mjs holds the build to BUDGET_JS_GZIP with it.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { brotli, gzip } from './compression.mjs'

/** The most initial JavaScript, gzip-compressed, that any first screen may load (bytes). */
export const BUDGET_JS_GZIP = 300_000

const LAYOUT = 'src/components/layout/AppLayout.vue'

/** The first screens: index.html, then these route components (keys of the manifest). */
export const FIRST_SCREENS = [
  { name: 'sign in, then 首页', routes: ['src/views/LoginView.vue', LAYOUT, 'src/views/HomeView.vue'] },
  { name: '我的器具, signed in', routes: [LAYOUT, 'src/views/instruments/MyInstrumentsView.vue'] },
  { name: '备案审核, signed in', routes: [LAYOUT, 'src/views/instruments/ReviewView.vue'] },
]

/** The asset paths (without the leading /) of index.html's module scripts, modulepreloads and stylesheets. */
export function htmlAssets(html) {
  const attr = (tag, name) => tag.match(new RegExp(`\\s${name}=["']?([^"'\\s>]+)`, 'i'))?.[1]
  const scripts = []
  const styles = []
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const rel = attr(tag, 'rel')
    if (/^<script/i.test(tag) && attr(tag, 'type') === 'module' && attr(tag, 'src')) scripts.push(attr(tag, 'src'))
    else if (rel === 'modulepreload') scripts.push(attr(tag, 'href'))
    else if (rel === 'stylesheet') styles.push(attr(tag, 'href'))
  }
  const local = (p) => p.replace(/^\//, '')
  return { scripts: scripts.map(local), styles: styles.map(local) }
}

/**
 * The JS and CSS files that loading `files` (chunk file names) and `keys` (manifest keys, e.g.
 * route components) brings along through static imports. Throws on a name the manifest lacks.
 */
export function closure(manifest, { files = [], keys = [] }) {
  const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]))
  const js = new Set()
  const css = new Set()
  const visit = (key) => {
    const chunk = manifest[key]
    if (!chunk) throw new Error(`${key} is not in the build manifest`)
    if (js.has(chunk.file)) return
    js.add(chunk.file)
    for (const c of chunk.css ?? []) css.add(c)
    for (const k of chunk.imports ?? []) visit(k)
  }
  for (const f of files) {
    if (!byFile.has(f)) throw new Error(`${f} (named by index.html) is not in the build manifest`)
    visit(byFile.get(f))
  }
  for (const k of keys) visit(k)
  return { js: [...js].sort(), css: [...css].sort() }
}

/** Raw, gzip and brotli bytes of the files in `dist`. */
async function sizes(dist, files) {
  const total = { raw: 0, gzip: 0, brotli: 0 }
  for (const f of files) {
    const data = await readFile(join(dist, f))
    const [gz, br] = await Promise.all([gzip(data), brotli(data)])
    total.raw += data.length
    total.gzip += gz.length
    total.brotli += br.length
  }
  return total
}

/**
 * Each first screen of a built `dist` with its files and sizes:
 * [{ name, js: [file], css: [file], jsSize: {raw, gzip, brotli}, cssSize: {raw, gzip, brotli} }].
 */
export async function measureFirstScreens(dist, screens = FIRST_SCREENS) {
  const manifest = JSON.parse(await readFile(join(dist, '.vite', 'manifest.json'), 'utf8'))
  const html = htmlAssets(await readFile(join(dist, 'index.html'), 'utf8'))
  const out = []
  for (const screen of screens) {
    const { js, css } = closure(manifest, { files: html.scripts, keys: screen.routes })
    const allCss = [...new Set([...html.styles, ...css])].sort()
    out.push({ name: screen.name, js, css: allCss, jsSize: await sizes(dist, js), cssSize: await sizes(dist, allCss) })
  }
  return out
}
