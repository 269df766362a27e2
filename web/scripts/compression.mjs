// Build-time compression of the web UI: `X.gz` (gzip -9) and `X.br` (brotli, quality 11) beside
// each compressible file of dist/, for a server that sends them to clients that accept them.
// Also the gzip and brotli sizes the first-screen budget (first-screen.mjs) counts.
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip as gzipCb } from 'node:zlib'

const gzipAsync = promisify(gzipCb)
const brotliAsync = promisify(brotliCompress)

/** Files worth compressing: text formats (images and fonts other than SVG are compressed already). */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|map|txt|xml|webmanifest|wasm|ico)$/i

/** gzip at level 9 (what `gzip -9` writes). */
export function gzip(buf) {
  return gzipAsync(buf, { level: constants.Z_BEST_COMPRESSION })
}

/** brotli at its highest quality, in text mode. */
export function brotli(buf) {
  return brotliAsync(buf, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
    },
  })
}

/** Relative paths of the compressible files under `dir`, dot folders (.vite/) left out. */
export async function compressibleFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
    .map((e) => join(e.parentPath ?? e.path, e.name).slice(dir.length + 1))
    .filter((rel) => !rel.split(/[\\/]/).some((part) => part.startsWith('.')))
    .sort()
}

/**
 * Writes `X.gz` and `X.br` beside every compressible file X under `dir`. A variant that is not
 * smaller than X is not written (the server then sends X as it is). Returns one row per file:
 * { file, size, gzip, brotli } with the sizes in bytes (0 for a variant not written).
 */
export async function precompressDir(dir) {
  const files = await compressibleFiles(dir)
  return Promise.all(
    files.map(async (file) => {
      const path = join(dir, file)
      const data = await readFile(path)
      const row = { file, size: data.length, gzip: 0, brotli: 0 }
      const [gz, br] = await Promise.all([gzip(data), brotli(data)])
      if (gz.length < data.length) {
        await writeFile(`${path}.gz`, gz)
        row.gzip = gz.length
      }
      if (br.length < data.length) {
        await writeFile(`${path}.br`, br)
        row.brotli = br.length
      }
      return row
    }),
  )
}
