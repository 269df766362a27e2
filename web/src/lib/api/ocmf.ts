// API method of 计量数据验签 (OCMF signed meter values, no sign-in). Like acceptance.ts it is not
// merged into `api`: only the lazily loaded page imports it, so the first screen does not carry it.
import { post } from './http'
import type { OcmfVerdict, OcmfVerifyRequest } from './types.ocmf'

export const ocmfApi = {
  /**
   * Checks the signature over the exact payload with the meter's public key, then the readings
   * as one transaction: 200 with `valid` and, when not valid, a `reason`; 400 `ocmf_invalid` /
   * `public_key_invalid` (details.field names the field), 429 `rate_limited`. Sent as given
   * (lib/ocmf.ts ocmfRequest tidies what was pasted).
   */
  verify: (req: OcmfVerifyRequest) => post<OcmfVerdict>('/public/ocmf/verify', req, true),
}
