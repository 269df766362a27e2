#!/usr/bin/env node
// Checks a pass label's QR token offline, with nothing but the published public keys
// (GET /api/v1/public/keys saved to a file) and Node's built-in Ed25519 support.
//
//   node scripts/verify-label.mjs keys.json 'HTTPS://HOST/V/<token>'   (or a long /v/ token)
//
// Prints the certificate number, valid-until date and key id, and exits 0 when the signature is
// genuine and the key still valid; exits 1 with the reason otherwise. The live status (revoked,
// superseded) needs the online page; this proves only that the label was issued by the platform.
import { createPublicKey, verify } from 'node:crypto'
import { readFileSync } from 'node:fs'

function fail(reason) {
  console.log(`INVALID: ${reason}`)
  process.exit(1)
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

function base32Decode(text) {
  const bytes = []
  let buffer = 0
  let bits = 0
  for (const ch of text.toUpperCase()) {
    const v = BASE32.indexOf(ch)
    if (v < 0) fail('malformed token')
    buffer = ((buffer << 5) | v) & 0xffff
    bits += 5
    if (bits >= 8) {
      bytes.push((buffer >> (bits - 8)) & 0xff)
      bits -= 8
    }
  }
  if (bits >= 5 || (buffer & ((1 << bits) - 1)) !== 0) fail('malformed token')
  return Buffer.from(bytes)
}

// A long token "base64url(payload).base64url(signature)", payload "v1|number|valid until|kid".
function parseLong(token) {
  const parts = token.split('.')
  if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0] + parts[1])) fail('malformed token')
  const payload = Buffer.from(parts[0], 'base64url')
  const fields = payload.toString('utf8').split('|')
  if (fields.length !== 4 || fields[0] !== 'v1') fail('malformed payload')
  const [, number, validUntil, kid] = fields
  return { payload, signature: Buffer.from(parts[1], 'base64url'), number, validUntil, names: (k) => k.kid === kid }
}

// A compact token: base32 of 0x02 | key tag (2) | valid until (uint16 days since 2000-01-01) |
// year − 2000 | sequence (uint24) | institute code | Ed25519 signature (64).
function parseCompact(token) {
  const bytes = base32Decode(token)
  if (bytes.length < 9 + 1 + 64 || bytes[0] !== 0x02) fail('malformed token')
  const payload = bytes.subarray(0, bytes.length - 64)
  const tag = base32Encode(payload.subarray(1, 3))
  const validUntil = new Date(Date.UTC(2000, 0, 1) + payload.readUInt16BE(3) * 86400000).toISOString().slice(0, 10)
  const sequence = (payload[6] << 16) | (payload[7] << 8) | payload[8]
  const code = payload.subarray(9).toString('latin1')
  const number = `${code}-${2000 + payload[5]}-${String(sequence).padStart(6, '0')}`
  return { payload, signature: bytes.subarray(bytes.length - 64), number, validUntil, names: (k) => k.key_tag === tag }
}

function base32Encode(bytes) {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const b of bytes) {
    buffer = ((buffer << 8) | b) & 0xffff
    bits += 8
    while (bits >= 5) {
      out += BASE32[(buffer >> (bits - 5)) & 31]
      bits -= 5
    }
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31]
  return out
}

const [keysFile, input] = process.argv.slice(2)
if (!keysFile || !input) fail('usage: verify-label.mjs KEYS.json URL_OR_TOKEN')
const compact = input.includes('/V/')
const token = input.slice(Math.max(input.lastIndexOf('/v/'), input.lastIndexOf('/V/')) + 3)
const label = compact || !token.includes('.') ? parseCompact(token) : parseLong(token)

const keys = JSON.parse(readFileSync(keysFile, 'utf8')).keys ?? []
const candidates = keys.filter(label.names)
if (candidates.length === 0) fail('unknown key')
// Two keys may share a compact tag: the one whose signature matches is the signer.
const key = candidates.find((k) => {
  if (k.alg !== 'Ed25519') return false
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: k.public_key }, format: 'jwk' })
  return verify(null, label.payload, publicKey, label.signature)
})
if (!key) fail('bad signature')
if (Date.parse(key.not_after) < Date.now()) fail(`key ${key.kid} expired at ${key.not_after}`)
console.log(`VALID: certificate ${label.number}, valid until ${label.validUntil}, key ${key.kid}`)
