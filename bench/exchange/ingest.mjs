// T/CEC 102 ingest benchmark (issue 13): plays the charging platform against a running `mvis
// serve` with the demo data — rotates the demo operator's secrets (the only time they are shown),
// takes a token, reports the enterprise's filed chargers, then sends `--orders` charge orders, one
// per notification_charge_order_info, each in its own encrypted and signed envelope (Node's
// crypto: independent of the server's codec), over `--connections` kept-alive connections. The
// envelopes of each 50 000 orders are sealed before they are sent (untimed: the platform is not
// on mvis's cores in real life) and go out over raw sockets; every reply is checked.
// Prints notifications/s, latency percentiles and the generator's own CPU seconds while sending
// as JSON on the last line. With --bulk-file, also
// writes --bulk-orders more orders (other StartChargeSeqs, a year later) to that file as JSON Lines
// for `mvis exchange import-orders` (the bulk path); the last line then names the OperatorID.
//
//   node bench/exchange/ingest.mjs --server http://127.0.0.1:8080 --orders 100000 --connections 16
//        [--bulk-file /tmp/orders.jsonl --bulk-orders 1000000]
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import http from 'node:http'
import net from 'node:net'

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
)
const SERVER = new URL(args.server ?? 'http://127.0.0.1:8080')
const ORDERS = Number(args.orders ?? 10000)
const CONNECTIONS = Number(args.connections ?? 16)
const PASSWORD = args.password ?? 'Mvis@Demo2026'
const BULK_FILE = args['bulk-file']
const BULK_ORDERS = Number(args['bulk-orders'] ?? 0)
const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })

function request(method, path, body, headers = {}) {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
    const req = http.request(
      { host: SERVER.hostname, port: SERVER.port, path, method, agent,
        headers: { 'Content-Type': 'application/json', ...(data ? { 'Content-Length': Buffer.byteLength(data) } : {}), ...headers } },
      (res) => {
        const chunks = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      },
    )
    req.on('error', reject)
    if (data) req.write(data)
    req.end()
  })
}

async function login(username) {
  const r = await request('POST', '/api/v1/auth/login', { username, password: PASSWORD })
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body.slice(0, 200)}`)
  const cookie = String(r.headers['set-cookie']).split(';')[0]
  const me = JSON.parse((await request('GET', '/api/v1/me', undefined, { Cookie: cookie })).body)
  return { Cookie: cookie, 'X-CSRF-Token': me.csrf_token, me }
}

/** yyyyMMddHHmmss in Asia/Shanghai. */
function timestamp(ms = Date.now()) {
  const d = new Date(ms + 8 * 3600_000)
  const p = (n) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}`
}
function orderTime(unix) {
  const t = timestamp(unix * 1000)
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12, 14)}`
}

function client(v) {
  let seq = 0
  const seal = (data) => {
    const c = createCipheriv('aes-128-cbc', Buffer.from(v.data_secret), Buffer.from(v.data_secret_iv))
    const Data = Buffer.concat([c.update(JSON.stringify(data), 'utf8'), c.final()]).toString('base64')
    const TimeStamp = timestamp()
    const Seq = String((seq = (seq % 9999) + 1)).padStart(4, '0')
    const Sig = createHmac('md5', v.sig_secret).update(v.operator_id + Data + TimeStamp + Seq).digest('hex').toUpperCase()
    return { OperatorID: v.operator_id, Data, TimeStamp, Seq, Sig }
  }
  const open = (data) => {
    const d = createDecipheriv('aes-128-cbc', Buffer.from(v.data_secret), Buffer.from(v.data_secret_iv))
    return JSON.parse(Buffer.concat([d.update(Buffer.from(data, 'base64')), d.final()]).toString('utf8'))
  }
  const send = async (endpoint, data, token) => {
    const r = await request('POST', `/tcec/v1/${endpoint}`, seal(data), token ? { Authorization: `Bearer ${token}` } : {})
    const res = JSON.parse(r.body)
    return { ret: res.Ret, msg: res.Msg, data: res.Data ? open(res.Data) : null }
  }
  return { send, seal, open }
}

// One order of `energy` kWh in one flat-band period at 0.8 + 0.6 yuan/kWh.
function order(seq, connector, start, minutes, energy) {
  const end = start + minutes * 60
  const e = Math.round(energy * 1000) / 1000
  const elec = Math.round(e * 0.8 * 100) / 100
  const service = Math.round(e * 0.6 * 100) / 100
  return {
    StartChargeSeq: seq, ConnectorID: connector, StartTime: orderTime(start), EndTime: orderTime(end),
    TotalPower: e, TotalElecMoney: elec, TotalSeviceMoney: service, TotalMoney: Math.round((elec + service) * 100) / 100,
    SumPeriod: 1,
    ChargeDetails: [{ DetailStartTime: orderTime(start), DetailEndTime: orderTime(end), ElecPrice: 0.8, SevicePrice: 0.6,
      DetailPower: e, DetailElecMoney: elec, DetailSeviceMoney: service }],
  }
}

const admin = await login('admin')
const charger = await login('charger')
const ops = JSON.parse((await request('GET', '/api/v1/admin/tcec-operators', undefined, admin)).body).items
const op = ops.find((o) => o.org_id === charger.me.org.id)
if (!op) throw new Error('the demo operator account is missing: run `mvis demo` first')
const rotated = await request('POST', `/api/v1/admin/tcec-operators/${op.id}/rotate`, '', admin)
if (rotated.status !== 200) throw new Error(`rotate: ${rotated.status} ${rotated.body}`)
const peer = client(JSON.parse(rotated.body))
const send = peer.send
const sealFor = peer.seal
const openReply = (data) => (data ? peer.open(data) : null)
const tok = await send('query_token', { OperatorID: op.operator_id, OperatorSecret: JSON.parse(rotated.body).operator_secret })
if (tok.ret !== 0 || !tok.data.AccessToken) throw new Error(`query_token: ${JSON.stringify(tok)}`)
const token = tok.data.AccessToken

// The enterprise's verified chargers (their clean orders raise nothing), reported in one station.
const list = JSON.parse((await request('GET', '/api/v1/instruments?status=approved&verification=valid&page_size=200', undefined, charger)).body)
const chargers = list.items.filter((i) => i.charger?.equipment_id && i.install_region_code === '420102')
  .map((i) => ({ id: i.charger.equipment_id, power: i.charger.rated_power_kw ?? 7, current: i.charger.current_type }))
if (chargers.length === 0) throw new Error('no verified demo chargers in 江岸区')
const station = await send('notification_stationInfo', { StationInfo: { StationID: 'ST-BENCH-1', StationName: '基准测试站', AreaCode: '420102', Address: '武汉市江岸区',
  EquipmentInfos: chargers.map((c) => ({ EquipmentID: c.id, ManufacturerName: '基准', EquipmentModel: 'B-1', EquipmentType: c.current === 'DC' ? 1 : 2, Power: c.power,
    ConnectorInfos: [{ ConnectorID: `${c.id}-1` }] })) } }, token)
if (station.ret !== 0) throw new Error(`stationInfo: ${JSON.stringify(station)}`)

// Orders: charger i % n, its connectors in turn, one per hour slot between 08:00 and 23:00 (the
// demo tariff's flat band), 40 minutes at 60 % of rated power, energies all slightly different.
const base = Math.floor(Date.UTC(2020, 0, 1) / 1000) - 8 * 3600  // midnight in China
const n = chargers.length
// The demo has few verified chargers: each gets CONNECTORS_PER_CHARGER connectors (ConnectorID =
// EquipmentID + "-k", all found as that charger), so that a million orders span months, as a
// city's do, rather than decades of one connector.
const CONNECTORS_PER_CHARGER = 100
/** Order i's charger, connector and start: one order per connector per hour from 08:00 to 23:00. */
function place(i, from) {
  const c = chargers[i % n]
  const k = Math.floor(i / n) % CONNECTORS_PER_CHARGER
  const slot = Math.floor(i / (n * CONNECTORS_PER_CHARGER))
  return { c, connector: `${c.id}-${k + 1}`, start: from + Math.floor(slot / 15) * 86400 + (8 + (slot % 15)) * 3600 }
}
const stamp = Date.now().toString(36).slice(-4).toUpperCase()

// The platform's side of the timed run costs as little as it can, since it shares the two cores
// with mvis and the database: the envelopes of each CHUNK orders are sealed (encrypted, signed,
// written as complete HTTP requests) before that chunk is sent, and the requests go out over raw
// kept-alive sockets. Only the sending is timed: the replies are kept as they arrive and each is
// checked (status 200, Ret 0, its Data decrypted, ConfirmResult 0) after its chunk, untimed.
const CHUNK = 50000
function sealOrders(from, to) {
  const out = []
  for (let i = from; i < to; i++) {
    const { c, connector, start } = place(i, base)
    const energy = c.power * 0.6 * 40 / 60 + (i % 997) * 0.001
    const body = JSON.stringify(sealFor(order(`${op.operator_id}${stamp}${String(i).padStart(9, '0')}`, connector, start, 40, energy)))
    out.push(Buffer.from(`POST /tcec/v1/notification_charge_order_info HTTP/1.1\r\nHost: ${SERVER.host}\r\n` +
      `Content-Type: application/json\r\nAuthorization: Bearer ${token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`))
  }
  return out
}
/** One kept-alive connection: send(request) resolves with the response's status and body. */
function connection() {
  const socket = net.connect({ host: SERVER.hostname, port: Number(SERVER.port) })
  socket.setNoDelay(true)
  let buf = Buffer.alloc(0)
  let pending = null
  socket.on('data', (chunk) => {
    buf = buf.length ? Buffer.concat([buf, chunk]) : chunk
    const head = buf.indexOf('\r\n\r\n')
    if (head < 0 || !pending) return
    const headers = buf.subarray(0, head).toString('latin1')
    const length = Number(/content-length:\s*(\d+)/i.exec(headers)?.[1] ?? 0)
    if (buf.length < head + 4 + length) return
    const reply = { status: Number(headers.slice(9, 12)), body: buf.subarray(head + 4, head + 4 + length).toString('utf8') }
    buf = buf.subarray(head + 4 + length)
    const p = pending
    pending = null
    p.resolve(reply)
  })
  socket.on('error', (e) => pending?.reject(e))
  return {
    send: (request) => new Promise((resolve, reject) => { pending = { resolve, reject }; socket.write(request) }),
    close: () => socket.destroy(),
  }
}
const latencies = new Float64Array(ORDERS)
let failed = 0, firstError = '', seconds = 0, sealSeconds = 0
const cpu0 = process.cpuUsage()
let untimedCpu = 0
const connections = Array.from({ length: CONNECTIONS }, connection)
for (let from = 0; from < ORDERS; from += CHUNK) {
  const to = Math.min(ORDERS, from + CHUNK)
  const s0 = performance.now(), c0 = process.cpuUsage()
  const requests = sealOrders(from, to)
  sealSeconds += (performance.now() - s0) / 1000
  const sc = process.cpuUsage(c0)
  untimedCpu += sc.user + sc.system
  const replies = new Array(to - from)
  let next = from
  const t0 = performance.now()
  await Promise.all(connections.map(async (conn) => {
    for (;;) {
      const i = next++
      if (i >= to) return
      const r0 = performance.now()
      replies[i - from] = await conn.send(requests[i - from])
      latencies[i] = performance.now() - r0
    }
  }))
  seconds += (performance.now() - t0) / 1000
  const k0 = process.cpuUsage()
  for (const r of replies) {
    let ok = r.status === 200
    if (ok) {
      const res = JSON.parse(r.body)
      ok = res.Ret === 0 && openReply(res.Data)?.ConfirmResult === 0
    }
    if (!ok) {
      failed++
      if (!firstError) firstError = `${r.status} ${r.body}`.slice(0, 200)
    }
  }
  const kc = process.cpuUsage(k0)
  untimedCpu += kc.user + kc.system
}
connections.forEach((c) => c.close())
const cpuAll = process.cpuUsage(cpu0)
const sorted = Array.from(latencies).sort((a, b) => a - b)
const pct = (p) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] * 100) / 100
const result = { orders: ORDERS, connections: CONNECTIONS, chargers: n, seconds: Math.round(seconds * 10) / 10,
  per_second: Math.round(ORDERS / seconds), p50_ms: pct(0.5), p95_ms: pct(0.95), p99_ms: pct(0.99), failed, first_error: firstError,
  node_cpu_s: Math.round((cpuAll.user + cpuAll.system - untimedCpu) / 1e5) / 10, sealing_s: Math.round(sealSeconds * 10) / 10 }
if (BULK_FILE && BULK_ORDERS > 0) {
  // The same generator a year on (no overlap with the orders sent above), written as the platform
  // would deliver a file: one ChargeOrderInfo per line.
  const out = createWriteStream(BULK_FILE)
  const later = base + 366 * 86400
  for (let i = 0; i < BULK_ORDERS; i++) {
    const { c, connector, start } = place(i, later)
    const energy = c.power * 0.6 * 40 / 60 + (i % 997) * 0.001
    const line = JSON.stringify(order(`${op.operator_id}${stamp}B${String(i).padStart(9, '0')}`, connector, start, 40, energy)) + '\n'
    if (!out.write(line)) await new Promise((r) => out.once('drain', r))
  }
  await new Promise((r) => out.end(r))
  result.bulk_file = BULK_FILE
  result.bulk_orders = BULK_ORDERS
  result.operator_id = op.operator_id
}
console.log(JSON.stringify(result))
agent.destroy()
