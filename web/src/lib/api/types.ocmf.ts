// Shapes of the public check of OCMF signed meter values (计量数据验签,
// `POST /public/ocmf/verify`). Generated from src/http/openapi.json like types.ts; the list of
// reasons is checked against the document by types.test.ts. Not re-exported by types.ts: only the
// lazily loaded 计量数据验签 page imports them.
import type { components } from './schema'

type Schemas = components['schemas']

/** `POST /public/ocmf/verify`: the OCMF string and the meter's public key (hex of DER SubjectPublicKeyInfo). */
export type OcmfVerifyRequest = Schemas['OcmfVerifyRequest']
/** The verdict with what was read from the payload (also when not valid). */
export type OcmfVerdict = Schemas['OcmfVerdict']
/** One reading of the payload (RD). */
export type OcmfReading = Schemas['OcmfReading']
/** Why a record is not valid. */
export type OcmfReason = NonNullable<OcmfVerdict['reason']>
/** Every reason, in the order the server checks: format, key, signature, then the transaction. */
export const OCMF_REASONS = [
  'format_invalid',
  'payload_invalid',
  'key_invalid',
  'key_unsupported',
  'signature_invalid',
  'readings_empty',
  'begin_missing',
  'end_invalid',
  'status_not_good',
  'readings_decreasing',
] as const satisfies readonly OcmfReason[]

/** A meter public key registered for a charger (电能表公钥): the server finds it by the record's meter serial. */
export type MeterKey = Schemas['MeterKey']
export type MeterKeyList = Schemas['MeterKeyList']
/** `POST /instruments/{id}/meter-keys`: the meter serial (OCMF MS or GS) and the key (hex of DER). */
export type MeterKeyInput = Schemas['MeterKeyInput']
export type MeterKeyStatus = MeterKey['status']
export const METER_KEY_STATUSES = ['active', 'revoked'] as const satisfies readonly MeterKeyStatus[]
