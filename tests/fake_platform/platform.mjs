// A stand-in for the city's EV charging supervision platform, serving T/CEC 102 to mvis as its
// client (query_token, query_stations_info, query_station_stats) — written against the standard
// with Node's own crypto, independent of mvis's codec. Used by the C++ integration tests.
//
//   node tests/fake_platform/platform.mjs CONFIG.json
//
// Prints "PORT PID" on its first line, then serves 127.0.0.1:PORT until killed. CONFIG is read
// again on every request (a test may change it between pulls):
//   { "operator_id", "operator_secret", "data_secret", "data_secret_iv", "sig_secret",
//     "stations": [StationInfo + "_updated": "yyyy-MM-dd HH:mm:ss"],   // sent when newer than
//                                                                      // LastQueryTime
//     "stats": { StationID: StationElectricity },
//     "fail_first": n,          // the first n requests answer HTTP 503
//     "log": "path" }           // one JSON line per request: endpoint, decrypted Data, Ret
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'
import { appendFileSync, readFileSync } from 'node:fs'
import http from 'node:http'

const configPath = process.argv[2]
let served = 0
const tokens = new Set()

const sign = (key, text) => createHmac('md5', key).update(text, 'utf8').digest('hex').toUpperCase()
const encrypt = (c, text) => {
  const cipher = createCipheriv('aes-128-cbc', Buffer.from(c.data_secret), Buffer.from(c.data_secret_iv))
  return Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]).toString('base64')
}
const decrypt = (c, data) => {
  const d = createDecipheriv('aes-128-cbc', Buffer.from(c.data_secret), Buffer.from(c.data_secret_iv))
  return Buffer.concat([d.update(Buffer.from(data, 'base64')), d.final()]).toString('utf8')
}
const reply = (c, ret, msg, data) => {
  const Data = data === undefined ? '' : encrypt(c, JSON.stringify(data))
  return { Ret: ret, Msg: msg, Data, Sig: sign(c.sig_secret, `${ret}${msg}${Data}`) }
}

function handle(c, endpoint, headers, body) {
  let env
  try {
    env = JSON.parse(body)
  } catch {
    return [reply(c, 4003, 'POST参数错误'), null]
  }
  if (env.OperatorID !== c.operator_id) return [reply(c, 4003, 'OperatorID错误'), null]
  if (sign(c.sig_secret, env.OperatorID + env.Data + env.TimeStamp + env.Seq) !== String(env.Sig).toUpperCase())
    return [reply(c, 4001, '签名错误'), null]
  const data = JSON.parse(decrypt(c, env.Data))
  if (endpoint === 'query_token') {
    if (data.OperatorSecret !== c.operator_secret)
      return [reply(c, 0, '', { OperatorID: c.operator_id, SuccStat: 1, AccessToken: '', TokenAvailableTime: 0, FailReason: 2 }), data]
    const token = randomBytes(16).toString('hex')
    tokens.add(token)
    return [reply(c, 0, '', { OperatorID: c.operator_id, SuccStat: 0, AccessToken: token, TokenAvailableTime: 7200, FailReason: 0 }), data]
  }
  const auth = headers.authorization || ''
  if (!auth.startsWith('Bearer ') || !tokens.has(auth.slice(7))) return [reply(c, 4002, 'Token错误'), data]
  if (endpoint === 'query_stations_info') {
    const since = data.LastQueryTime || ''
    const all = (c.stations || []).filter((s) => !since || (s._updated || '') > since)
    const size = data.PageSize || 10
    const pageCount = Math.max(1, Math.ceil(all.length / size))
    const items = all.slice((data.PageNo - 1) * size, data.PageNo * size).map(({ _updated, ...s }) => s)
    return [reply(c, 0, '', { PageNo: data.PageNo, PageCount: pageCount, ItemSize: all.length, StationInfos: items }), data]
  }
  if (endpoint === 'query_station_stats') {
    const energy = (c.stats || {})[data.StationID]
    if (energy === undefined) return [reply(c, 4004, '无该充电站统计'), data]
    return [reply(c, 0, '', {
      StationStats: { StationID: data.StationID, StartTime: data.StartTime, EndTime: data.EndTime, StationElectricity: energy, EquipmentStatsInfos: [] },
    }), data]
  }
  return [reply(c, 4003, '不支持的接口'), data]
}

const server = http.createServer((req, res) => {
  const chunks = []
  req.on('data', (d) => chunks.push(d))
  req.on('end', () => {
    const c = JSON.parse(readFileSync(configPath, 'utf8'))
    const endpoint = req.url.split('/').pop()
    served += 1
    if (served <= (c.fail_first || 0)) {
      if (c.log) appendFileSync(c.log, JSON.stringify({ endpoint, http: 503 }) + '\n')
      res.writeHead(503).end('busy')
      return
    }
    const [out, data] = handle(c, endpoint, req.headers, Buffer.concat(chunks).toString('utf8'))
    if (c.log) appendFileSync(c.log, JSON.stringify({ endpoint, data, ret: out.Ret }) + '\n')
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(out))
  })
})
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port} ${process.pid}\n`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
