// API methods of the exchange with the charging supervision platform (T/CEC 102): 在用未备案核查
// (and the notice to an enterprise to file its chargers) for the bureaus and the operator accounts
// (平台对接: open, rotate the secrets, disable, enable) and mvis's own access to the city's
// platform (监管平台数据同步: its address and secrets, the pulls) for the sysadmin. Like acceptance.ts it is
// not merged into `api`: only the lazily loaded exchange pages import it, so the first screen does
// not carry it.
import { del, get, post, put } from './http'
import type {
  PullRequest,
  PullRun,
  PullRunList,
  ReconciliationPage,
  ReconciliationQuery,
  TcecOperator,
  TcecOperatorInput,
  TcecOperatorIssued,
  TcecPlatform,
  TcecPlatformInput,
  TouTariff,
  TouTariffInput,
  UnfiledNotice,
  UnfiledNoticeSent,
} from './types.exchange'

/** The optional fields of an account request, left out when blank. */
const OPTIONAL = ['operator_id', 'operator_secret', 'data_secret', 'data_secret_iv', 'sig_secret'] as const
/** The secrets the city's platform issued to mvis: write-only, blank ones kept as saved. */
const PLATFORM_SECRETS = ['operator_secret', 'data_secret', 'data_secret_iv', 'sig_secret'] as const

export const exchangeApi = {
  /**
   * One page of one kind of finding in the caller's districts (a district bureau its own, the city
   * bureau all; `region_code` narrows to one). 403 `permission_denied` for other roles or a
   * district outside the caller's, 400 `kind_invalid`.
   */
  reconciliation: (q: ReconciliationQuery) => get<ReconciliationPage>('/reconciliation', q),
  /**
   * 通知企业: a notice to the enterprise listing its chargers in use but not filed in the caller's
   * districts (or the one district given; a blank one is left out), asking it to file them.
   */
  notifyUnfiled: (req: UnfiledNotice) => post<UnfiledNoticeSent>('/reconciliation/notify', req.region_code ? req : { org_id: req.org_id }),
  /** Every operator account, oldest first (sysadmin). */
  tcecOperators: () => get<{ items: TcecOperator[] }>('/admin/tcec-operators'),
  /**
   * 开通对接 (sysadmin): 201 with the five values, the only time the secrets are shown. Blank
   * optional fields are left out (the server derives the OperatorID from the credit code and
   * generates the secrets); every value is sent trimmed (a secret holds no spaces), the OperatorID upper-case.
   * 400 `org_invalid` / `operator_id_invalid` / `secret_invalid` (details.field), 409 `operator_exists`.
   */
  createTcecOperator: (req: TcecOperatorInput) => {
    const body: TcecOperatorInput = { org_id: req.org_id }
    for (const k of OPTIONAL) {
      const v = req[k]?.trim()
      if (v) body[k] = k === 'operator_id' ? v.toUpperCase() : v
    }
    return post<TcecOperatorIssued>('/admin/tcec-operators', body)
  },
  /** 轮换密钥: new secrets (and the same OperatorID), shown this once; the old ones stop working at once. */
  rotateTcecOperator: (id: number) => post<TcecOperatorIssued>(`/admin/tcec-operators/${id}/rotate`),
  /** 停用: the operator's platform can no longer take a token or report. */
  disableTcecOperator: (id: number) => post<TcecOperator>(`/admin/tcec-operators/${id}/disable`),
  /** 启用 again. */
  enableTcecOperator: (id: number) => post<TcecOperator>(`/admin/tcec-operators/${id}/enable`),
  /** 分时电价表 (sysadmin): every tariff. */
  touTariffs: () => get<{ items: TouTariff[] }>('/tou-tariffs'),
  /**
   * 新增: 201 with the tariff. The operator, station, end date and note are left out when blank
   * (the station only goes with an operator). 400 `bands_invalid` / `date_invalid` /
   * `operator_required` (details.field).
   */
  createTouTariff: (req: TouTariffInput) => {
    const body: TouTariffInput = { effective_from: req.effective_from, bands: req.bands }
    if (req.operator_ref) {
      body.operator_ref = req.operator_ref
      const station = req.station_id?.trim()
      if (station) body.station_id = station
    }
    const to = req.effective_to?.trim()
    if (to) body.effective_to = to
    const note = req.note?.trim()
    if (note) body.note = note
    return post<TouTariff>('/tou-tariffs', body)
  },
  /** 删除: 204 (the alerts it raised stay). */
  deleteTouTariff: (id: number) => del<void>(`/tou-tariffs/${id}`),
  /** 监管平台数据同步 (sysadmin): where mvis pulls from and as whom, without the secrets. */
  tcecPlatform: () => get<TcecPlatform>('/admin/tcec-platform'),
  /**
   * 保存: the address and OperatorID trimmed (the OperatorID upper-case), the secrets trimmed and
   * left out when blank (kept as saved; all four are needed the first time). 400
   * `base_url_invalid` / `operator_id_invalid` / `secret_invalid` / `secret_required` /
   * `page_size_invalid` (details.field).
   */
  saveTcecPlatform: (req: TcecPlatformInput) => {
    const body: TcecPlatformInput = { base_url: req.base_url.trim(), operator_id: req.operator_id.trim().toUpperCase(), enabled: req.enabled, page_size: req.page_size }
    for (const k of PLATFORM_SECRETS) {
      const v = req[k]?.trim()
      if (v) body[k] = v
    }
    return put<TcecPlatform>('/admin/tcec-platform', body)
  },
  /** 同步记录: the latest 50 pulls, newest first. */
  platformPulls: () => get<PullRunList>('/admin/tcec-platform/pulls'),
  /**
   * 立即同步: 202 with the run (running), in the background. `stats_day` '' pulls no station
   * statistics; left out, yesterday's. 400 `date_invalid`, 409 `run_in_progress`, 412
   * `not_configured`.
   */
  startPlatformPull: (req: PullRequest = {}) => post<PullRun>('/admin/tcec-platform/pulls', req.stats_day === undefined ? {} : { stats_day: req.stats_day.trim() }),
}
