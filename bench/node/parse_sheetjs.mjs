// Reference: parse-only with SheetJS (npm "xlsx"), reading every row of the first sheet.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const XLSX = require('xlsx');

const bytes = readFileSync(process.argv[2]);
const start = process.hrtime.bigint();
const wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellDates: true });
const ws = wb.Sheets[wb.SheetNames[0]];
const rows = XLSX.utils.sheet_to_json(ws, { header: 1, raw: true });
let cells = 0;
for (const r of rows) for (const v of r) if (v !== undefined && v !== null) cells++;
const seconds = Number(process.hrtime.bigint() - start) / 1e9;
const peak = process.resourceUsage().maxRSS / 1024;
console.log(`sheetjs-parse rows=${rows.length} seconds=${seconds.toFixed(4)} peak_rss_mb=${peak.toFixed(1)} cells=${cells}`);
