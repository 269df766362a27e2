// API methods of a charger's meter public keys (电能表公钥（OCMF）on the instrument detail page).
// Like ocmf.ts it is not merged into `api`: only the lazily loaded card imports it.
import { del, get, post } from './http'
import type { MeterKey, MeterKeyInput, MeterKeyList } from './types.ocmf'

export const meterKeysApi = {
  /** The charger's keys, active and revoked. */
  list: (instrumentId: number) => get<MeterKeyList>(`/instruments/${instrumentId}/meter-keys`),
  /**
   * 登记公钥 (the owning enterprise): 201 with the key. The serial is sent trimmed, the key's hex
   * without blanks. 400 `meter_serial_invalid` / `key_invalid` / `key_unsupported`, 409
   * `meter_serial_taken` (details.field).
   */
  register: (instrumentId: number, req: MeterKeyInput) =>
    post<MeterKey>(`/instruments/${instrumentId}/meter-keys`, { meter_serial: req.meter_serial.trim(), public_key: req.public_key.replace(/\s+/g, '') }),
  /** 注销: 204; the key is kept but no longer used. */
  revoke: (instrumentId: number, keyId: number) => del<void>(`/instruments/${instrumentId}/meter-keys/${keyId}`),
}
