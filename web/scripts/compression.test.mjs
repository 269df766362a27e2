// @vitest-environment node
// Precompression writes variants that decompress to the original, only where they are smaller,
// only for text formats, and never inside dot folders (.vite/manifest.json).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { compressibleFiles, precompressDir } from './compression.mjs'

let dir
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mvis-precompress-'))
  mkdirSync(join(dir, 'assets'))
  mkdirSync(join(dir, '.vite'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><html><body>' + '<div>强检</div>'.repeat(200) + '</body></html>')
  writeFileSync(join(dir, 'assets', 'index-abc.js'), 'export const x = 1;\n'.repeat(500))
  writeFileSync(join(dir, 'assets', 'tiny.css'), 'a{}')
  writeFileSync(join(dir, 'assets', 'logo.png'), Buffer.alloc(4000))
  writeFileSync(join(dir, '.vite', 'manifest.json'), JSON.stringify({ a: 'b'.repeat(2000) }))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('precompressDir', () => {
  it('lists text files only, outside dot folders', async () => {
    expect(await compressibleFiles(dir)).toEqual(['assets/index-abc.js', 'assets/tiny.css', 'index.html'])
  })

  it('writes .gz and .br that decompress to the file', async () => {
    const rows = await precompressDir(dir)
    for (const f of ['index.html', 'assets/index-abc.js']) {
      const original = readFileSync(join(dir, f))
      expect(gunzipSync(readFileSync(join(dir, `${f}.gz`)))).toEqual(original)
      expect(brotliDecompressSync(readFileSync(join(dir, `${f}.br`)))).toEqual(original)
      const row = rows.find((r) => r.file === f)
      expect(row.size).toBe(original.length)
      expect(row.brotli).toBeGreaterThan(0)
      expect(row.brotli).toBeLessThan(row.gzip)
    }
  })

  it('leaves out variants that would not be smaller, binary files and dot folders', async () => {
    const rows = await precompressDir(dir)
    expect(rows.find((r) => r.file === 'assets/tiny.css')).toMatchObject({ gzip: 0, brotli: 0 })
    for (const f of ['assets/tiny.css.gz', 'assets/tiny.css.br', 'assets/logo.png.gz', '.vite/manifest.json.gz']) {
      expect(existsSync(join(dir, f)), f).toBe(false)
    }
  })
})
