// @vitest-environment node
// The first-screen measure follows what the browser loads: index.html's scripts, modulepreloads
// and stylesheets, the static imports and CSS of those chunks and of the first routes — not the
// chunks they import dynamically.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closure, htmlAssets, measureFirstScreens } from './first-screen.mjs'

const manifest = {
  'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_vendor-2.js'], dynamicImports: ['src/views/Home.vue', 'src/views/Big.vue'], css: ['assets/index-1.css'] },
  '_vendor-2.js': { file: 'assets/vendor-2.js' },
  '_table-3.js': { file: 'assets/table-3.js', imports: ['_vendor-2.js'], css: ['assets/table-3.css'] },
  'src/views/Home.vue': { file: 'assets/Home-4.js', isDynamicEntry: true, imports: ['_table-3.js', '_vendor-2.js'], dynamicImports: ['src/views/Big.vue'] },
  'src/views/Big.vue': { file: 'assets/Big-5.js', isDynamicEntry: true, imports: ['_vendor-2.js'] },
}

describe('htmlAssets', () => {
  it('reads module scripts, modulepreloads and stylesheets, in any attribute order', () => {
    const html = `<head>
      <script type="module" crossorigin src="/assets/index-1.js"></script>
      <link rel="modulepreload" crossorigin href="/assets/vendor-2.js">
      <link crossorigin href="/assets/index-1.css" rel="stylesheet">
      <link rel="icon" href="data:," />
      <script>var inline = 1</script>
    </head>`
    expect(htmlAssets(html)).toEqual({ scripts: ['assets/index-1.js', 'assets/vendor-2.js'], styles: ['assets/index-1.css'] })
  })
})

describe('closure', () => {
  it('follows static imports of the entry and the routes, not dynamic ones', () => {
    expect(closure(manifest, { files: ['assets/index-1.js'], keys: ['src/views/Home.vue'] })).toEqual({
      js: ['assets/Home-4.js', 'assets/index-1.js', 'assets/table-3.js', 'assets/vendor-2.js'],
      css: ['assets/index-1.css', 'assets/table-3.css'],
    })
  })

  it('refuses names the manifest lacks (a renamed route must be renamed in FIRST_SCREENS)', () => {
    expect(() => closure(manifest, { keys: ['src/views/Gone.vue'] })).toThrow(/Gone\.vue is not in the build manifest/)
    expect(() => closure(manifest, { files: ['assets/other.js'] })).toThrow(/other\.js/)
  })
})

describe('measureFirstScreens', () => {
  let dist
  const files = {
    'assets/index-1.js': 'console.log("entry");\n'.repeat(100),
    'assets/vendor-2.js': 'export const vendor = [1, 2, 3];\n'.repeat(50),
    'assets/table-3.js': 'export const table = 1;\n',
    'assets/Home-4.js': 'export default {};\n',
    'assets/Big-5.js': 'x'.repeat(100000),
    'assets/index-1.css': 'body{margin:0}\n'.repeat(30),
    'assets/table-3.css': '.t{color:red}\n',
  }
  beforeAll(() => {
    dist = mkdtempSync(join(tmpdir(), 'mvis-first-screen-'))
    mkdirSync(join(dist, 'assets'))
    mkdirSync(join(dist, '.vite'))
    for (const [f, text] of Object.entries(files)) writeFileSync(join(dist, f), text)
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest))
    writeFileSync(join(dist, 'index.html'), '<script type="module" src="/assets/index-1.js"></script><link rel="stylesheet" href="/assets/index-1.css">')
  })
  afterAll(() => rmSync(dist, { recursive: true, force: true }))

  it('sums raw and gzip -9 sizes of each file of a screen', async () => {
    const [home] = await measureFirstScreens(dist, [{ name: 'home', routes: ['src/views/Home.vue'] }])
    const sum = (names) => names.reduce((n, f) => n + gzipSync(files[f], { level: 9 }).length, 0)
    expect(home.js).toEqual(['assets/Home-4.js', 'assets/index-1.js', 'assets/table-3.js', 'assets/vendor-2.js'])
    expect(home.jsSize.raw).toBe(home.js.reduce((n, f) => n + files[f].length, 0))
    expect(home.jsSize.gzip).toBe(sum(home.js))
    expect(home.jsSize.brotli).toBeGreaterThan(0)
    expect(home.css).toEqual(['assets/index-1.css', 'assets/table-3.css'])
    expect(home.cssSize.gzip).toBe(sum(home.css))
  })
})
