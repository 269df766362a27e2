// Writes `X.gz` and `X.br` beside every compressible file of the built web UI (`npm run build`
// runs it after `vite build`), then prints the totals.
//
//   node scripts/precompress.mjs [DIST]      (default: dist)
import { resolve } from 'node:path'
import { precompressDir } from './compression.mjs'

const dist = resolve(process.argv[2] ?? 'dist')
const rows = await precompressDir(dist)
// What the server sends in all: the file itself where a variant was not worth writing.
const sum = (key) => rows.reduce((n, r) => n + (r[key] || r.size), 0)
const kB = (n) => `${(n / 1000).toFixed(1)} kB`
console.log(
  `precompress: ${rows.length} files in ${dist}, ${kB(sum('size'))} → gzip ${kB(sum('gzip'))}, brotli ${kB(sum('brotli'))}` +
    ` (${rows.filter((r) => !r.gzip).length} left without .gz, ${rows.filter((r) => !r.brotli).length} without .br: no gain)`,
)
