// Validates responses recorded by the integration suite against the API contract.
//
//   node scripts/validate-responses.mjs [--spec ../src/http/openapi.json] FILE.jsonl...
//
// Each FILE holds one JSON line per response ({method, path, query, status, content_type, body?};
// tests/integration/http_client.cpp writes them when MVIS_RECORD_RESPONSES names the file).
// Prints every mismatch (method, path, status, schema path, an excerpt of the body), then a summary:
// responses checked per file, per operation, and the documented operations never exercised.
// Exits 1 when a response does not match the contract (or a response object schema is left open to
// undocumented fields), 2 on bad usage or unreadable input.
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createContract } from './response-contract.mjs'

const DEFAULT_SPEC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/http/openapi.json')
const SHOWN_PER_KIND = 3 // occurrences printed of the same failure at the same place

function usage(message) {
  console.error(`validate-responses: ${message}`)
  console.error('usage: node scripts/validate-responses.mjs [--spec openapi.json] FILE.jsonl...')
  process.exit(2)
}

function parseArgs(argv) {
  let spec = DEFAULT_SPEC
  const files = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--spec') spec = argv[++i] ?? usage('--spec needs a file')
    else files.push(argv[i])
  }
  if (files.length === 0) usage('no recorded responses given')
  return { spec, files }
}

function readRecords(file) {
  let text
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    usage(`cannot read ${file}: ${e.message}`)
  }
  const records = []
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return
    try {
      records.push({ record: JSON.parse(line), where: `${file}:${i + 1}` })
    } catch (e) {
      usage(`${file}:${i + 1} is not JSON: ${e.message}`)
    }
  })
  return records
}

/** Groups failures that repeat at the same place (ids and row numbers made generic). */
function failureKey(operation, status, message) {
  return `${operation} ${status} ${message.split('\n')[0].replace(/\/\d+/g, '/*')}`
}

function main() {
  const { spec: specFile, files } = parseArgs(process.argv.slice(2))
  const contract = createContract(JSON.parse(readFileSync(specFile, 'utf8')))
  const perOperation = new Map()
  const groups = new Map()
  let total = 0
  let withBody = 0
  let failed = 0
  const perFile = []
  for (const file of files) {
    const records = readRecords(file)
    const failedBefore = failed
    for (const { record, where } of records) {
      total++
      if (record.body !== undefined) withBody++
      const { operation, failures } = contract.check(record)
      const counts = perOperation.get(operation) ?? new Map()
      counts.set(record.status, (counts.get(record.status) ?? 0) + 1)
      perOperation.set(operation, counts)
      if (failures.length === 0) continue
      failed++
      const request = `${record.method} ${record.path}${record.query ? `?${record.query}` : ''} → ${record.status}`
      for (const message of failures) {
        const key = failureKey(operation, record.status, message)
        const group = groups.get(key) ?? { count: 0, shown: [] }
        group.count++
        if (group.shown.length < SHOWN_PER_KIND) group.shown.push(`${request} [${operation}; ${where}]\n    ${message}`)
        groups.set(key, group)
      }
    }
    perFile.push(`${file}: ${records.length} (${failed - failedBefore} not matching)`)
  }

  for (const group of groups.values()) {
    for (const text of group.shown) console.log(`FAIL ${text}`)
    if (group.count > group.shown.length) console.log(`  … and ${group.count - group.shown.length} more like it`)
  }
  console.log('\nresponses per operation (status×count):')
  for (const [operation, counts] of [...perOperation].sort(([a], [b]) => a.localeCompare(b))) {
    const statuses = [...counts].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`)
    console.log(`  ${operation}: ${statuses.join(' ')}`)
  }
  const unexercised = contract.operations.filter((op) => !perOperation.has(op))
  if (unexercised.length > 0) {
    console.log(`\nnot exercised (${unexercised.length} of ${contract.operations.length} documented operations):`)
    for (const op of unexercised) console.log(`  ${op}`)
  }
  for (const place of contract.openSchemas) {
    console.log(`FAIL ${place}: a response object without additionalProperties would let undocumented fields pass`)
  }
  console.log(`\nrecorded: ${perFile.join(', ')}`)
  console.log(
    `contract: ${total} responses checked (${withBody} JSON bodies), ` +
      `${contract.operations.length - unexercised.length} of ${contract.operations.length} operations exercised, ` +
      `${failed} not matching openapi.json`,
  )
  if (total === 0) usage('the recorded files hold no responses')
  process.exit(failed === 0 && contract.openSchemas.length === 0 ? 0 : 1)
}

main()
