// API methods of the DRC acceptance checks (发改委验收核查) and the public lookup (公众查询).
// Like inspection.ts it is not merged into `api`: only the lazily loaded acceptance and lookup
// pages import it, so the first screen does not carry it. The server decides the scope (a DRC its
// own checks, the city bureau all, an enterprise those of its projects).
import { download, get, post, upload } from './http'
import type {
  AcceptanceCheck,
  AcceptanceCheckPage,
  AcceptanceCheckQuery,
  AcceptanceCheckRequest,
  AcceptanceParseResult,
  AcceptanceStation,
  PublicLookup,
  PublicLookupQuery,
} from './types.acceptance'

export const acceptanceApi = {
  /** Newest first; 403 for roles without checks. */
  acceptanceChecks: (q: AcceptanceCheckQuery = {}) => get<AcceptanceCheckPage>('/acceptance-checks', q),
  /** With every charger; 404 outside the caller's scope. */
  acceptanceCheck: (id: number) => get<AcceptanceCheck>(`/acceptance-checks/${id}`),
  /** 核查 (role `drc`): 201 the check. Empty optional fields are left out. */
  createAcceptanceCheck: (req: AcceptanceCheckRequest) => {
    const body: AcceptanceCheckRequest = { project_name: req.project_name.trim(), equipment_ids: req.equipment_ids }
    const owner = req.owner_name?.trim()
    if (owner) body.owner_name = owner
    if (req.station_names?.length) body.station_names = req.station_names
    if (req.identifiers?.length) body.identifiers = req.identifiers
    return post<AcceptanceCheck>('/acceptance-checks', body)
  },
  /** The chargers of an .xlsx (EquipmentID / 设备编码, or 生产厂家 + 出厂编号); nothing is stored. */
  parseAcceptanceFile: (file: Blob, filename: string) => {
    const form = new FormData()
    form.append('file', file, filename)
    return upload<AcceptanceParseResult>('/acceptance-checks/parse', form)
  },
  /** Up to 20 stations whose name or operator contains `q`, with their chargers' EquipmentIDs. */
  acceptanceStations: (q: string) => get<{ items: AcceptanceStation[] }>('/acceptance-checks/stations', { q: q.trim() }),
  /** 证明材料 (PDF). */
  acceptanceEvidencePdf: (id: number) => download(`/acceptance-checks/${id}/evidence.pdf`, undefined, `验收核查证明材料-${id}.pdf`),
  /**
   * 公众查询 (no sign-in): 404 `not_found` for an unknown charger, 400 `identifier_required` when
   * the identifier is incomplete, 429 `rate_limited`.
   */
  publicLookup: (q: PublicLookupQuery) => get<PublicLookup>('/public/lookup', q, true),
}
