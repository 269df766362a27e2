#!/usr/bin/env node
// Checks a pass label's QR token offline, with nothing but the published public keys
// (GET /api/v1/public/keys saved to a file) and Node's built-in Ed25519 support.
//
//   node scripts/verify-label.mjs keys.json 'https://host/v/<token>'
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

const [keysFile, input] = process.argv.slice(2)
if (!keysFile || !input) fail('usage: verify-label.mjs KEYS.json URL_OR_TOKEN')
const token = input.includes('/v/') ? input.slice(input.lastIndexOf('/v/') + 3) : input
const parts = token.split('.')
if (parts.length !== 2 || !/^[A-Za-z0-9_-]+$/.test(parts[0] + parts[1])) fail('malformed token')
const payload = Buffer.from(parts[0], 'base64url')
const signature = Buffer.from(parts[1], 'base64url')
const fields = payload.toString('utf8').split('|')
if (fields.length !== 4 || fields[0] !== 'v1') fail('malformed payload')
const [, number, validUntil, kid] = fields

const keys = JSON.parse(readFileSync(keysFile, 'utf8')).keys ?? []
const key = keys.find((k) => k.kid === kid)
if (!key) fail(`unknown key ${kid}`)
if (key.alg !== 'Ed25519') fail(`unsupported algorithm ${key.alg}`)
if (Date.parse(key.not_after) < Date.now()) fail(`key ${kid} expired at ${key.not_after}`)
const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: key.public_key }, format: 'jwk' })
if (!verify(null, payload, publicKey, signature)) fail('bad signature')
console.log(`VALID: certificate ${number}, valid until ${validUntil}, key ${kid}`)
