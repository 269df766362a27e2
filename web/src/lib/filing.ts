// Rules of the filing workflow (强检备案) as the UI needs them: which actions an instrument
// offers, status colours, the mandatory check, form <-> request mapping and change diffs.
// Pure: the server decides for real; these only keep the UI from offering what it would refuse.
import type {
  ChargerData,
  ChargerDraft,
  CurrentType,
  FilingStatus,
  ImportRowData,
  Instrument,
  InstrumentData,
  InstrumentDraft,
  InstrumentType,
  InstrumentUse,
  Role,
} from './api/types'

export type TagType = 'primary' | 'success' | 'info' | 'warning' | 'danger'
export type TagEffect = 'light' | 'plain' | 'dark'

/** Colour of each status tag; 已注销 is the grey outline (info, plain) so it differs from 待申报. */
export const STATUS_TAGS: Record<FilingStatus, { type: TagType; effect: TagEffect }> = {
  draft: { type: 'info', effect: 'light' },
  submitted: { type: 'warning', effect: 'light' },
  approved: { type: 'success', effect: 'light' },
  returned: { type: 'danger', effect: 'light' },
  deregistered: { type: 'info', effect: 'plain' },
}

export function statusTag(status: string): { type: TagType; effect: TagEffect } {
  return STATUS_TAGS[status as FilingStatus] ?? { type: 'info', effect: 'plain' }
}

type FilingState = Pick<Instrument, 'status' | 'change_pending'>

/** Row actions of the enterprise's lists, in display order. */
export type RowAction = 'view' | 'edit' | 'delete' | 'change' | 'deregister'

/**
 * What the owner may do with an instrument: edit while draft or returned, delete drafts,
 * change or deregister approved ones (not while a change request is under review).
 */
export function rowActions(inst: FilingState): RowAction[] {
  const out: RowAction[] = ['view']
  if (inst.status === 'draft' || inst.status === 'returned') out.push('edit')
  if (inst.status === 'draft') out.push('delete')
  if (inst.status === 'approved' && !inst.change_pending) out.push('change', 'deregister')
  return out
}

/** May be applied for filing (申请备案): a mandatory draft or returned instrument. */
export function canApply(inst: FilingState & Pick<Instrument, 'mandatory'>): boolean {
  return inst.mandatory && (inst.status === 'draft' || inst.status === 'returned')
}

/** Waits for a decision: a submitted filing or a change request. */
export function awaitsReview(inst: FilingState): boolean {
  return inst.status === 'submitted' || (inst.status === 'approved' && inst.change_pending)
}

/** Only a district regulator decides (the server also checks the district). */
export function canReview(inst: FilingState, role: Role | null): boolean {
  return role === 'district_regulator' && awaitsReview(inst)
}

/**
 * Whether `use` makes instruments of `type` mandatory (强检); null while either is unknown.
 * An inactive or missing type is never mandatory.
 */
export function isMandatoryUse(type: InstrumentType | null | undefined, use: InstrumentUse | '' | null | undefined): boolean | null {
  if (!type || !use) return null
  return type.mandatory_uses.some((u) => u === use)
}

/** What the instrument form does for an instrument in this state (null = new). */
export type FormMode = 'create' | 'edit' | 'change' | 'readonly'

export function formMode(inst: FilingState | null): FormMode {
  if (!inst) return 'create'
  if (inst.status === 'draft' || inst.status === 'returned') return 'edit'
  if (inst.status === 'approved' && !inst.change_pending) return 'change'
  return 'readonly'
}

export const CHARGER_FIELDS = [
  'current_type',
  'rated_power_kw',
  'rated_voltage_v',
  'max_current_a',
  'min_current_a',
  'connector_count',
  'station_name',
  'equipment_id',
  'tou_billing',
  'longitude',
  'latitude',
] as const satisfies readonly (keyof ChargerData)[]

export const COMMON_FIELDS = [
  'type_code',
  'name',
  'model',
  'serial_no',
  'manufacturer',
  'brand',
  'accuracy_class',
  'measuring_range',
  'install_address',
  'install_region_code',
  'use',
  'in_use_date',
  'asset_no',
  'notes',
] as const satisfies readonly Exclude<keyof InstrumentData, 'charger'>[]

/** Form item props of the instrument form; charger items are `charger.<field>` as the server names them. */
export const INSTRUMENT_FORM_FIELDS = [...COMMON_FIELDS, ...CHARGER_FIELDS.map((f) => `charger.${f}` as const)]
export type InstrumentFormField = (typeof INSTRUMENT_FORM_FIELDS)[number]

/**
 * The form item a server field error belongs on. The server names charger fields
 * `charger.<field>` like the form does; a missing charger group (`charger`) goes on its first item.
 */
export function formFieldOf(serverField: string): string {
  return serverField === 'charger' ? 'charger.current_type' : serverField
}

/** The value at a dotted form path (`serial_no`, `charger.rated_power_kw`); undefined when absent. */
export function valueAt(obj: object, path: string): unknown {
  let v: unknown = obj
  for (const p of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[p]
  }
  return v
}

export function blankCharger(current: CurrentType | null = null): ChargerDraft {
  return {
    current_type: current,
    rated_power_kw: null,
    rated_voltage_v: null,
    max_current_a: null,
    min_current_a: null,
    connector_count: null,
    station_name: '',
    equipment_id: '',
    tou_billing: null,
    longitude: null,
    latitude: null,
  }
}

/** The form model: the request with the charger group always present (sent only for chargers). */
export type InstrumentForm = Omit<InstrumentDraft, 'charger'> & { charger: ChargerDraft }

export function blankForm(): InstrumentForm {
  return {
    type_code: '',
    name: '',
    model: '',
    serial_no: '',
    manufacturer: '',
    brand: '',
    accuracy_class: '',
    measuring_range: '',
    install_address: '',
    install_region_code: '',
    use: 'trade_settlement',
    in_use_date: '',
    asset_no: '',
    notes: '',
    charger: blankCharger(),
  }
}

const isCurrentType = (v: unknown): v is CurrentType => v === 'AC' || v === 'DC'

/**
 * The form for editing `data` (an instrument, its pending change, or an import row as read,
 * whose values are copied unchecked: see importFormFrom).
 */
export function formFrom(data: InstrumentDraft | ImportRowData): InstrumentForm {
  const form = blankForm()
  for (const f of COMMON_FIELDS) (form as Record<string, unknown>)[f] = data[f] ?? (form as Record<string, unknown>)[f]
  const c = data.charger
  form.charger = c ? { ...blankCharger(), ...c, current_type: isCurrentType(c.current_type) ? c.current_type : null } : blankCharger()
  return form
}

const trim = (v: string) => v.trim()

/**
 * The request body for the form: strings trimmed; the charger group only for charger types,
 * with the current type fixed by the type (交流桩 AC, 非车载充电机 DC).
 */
export function toRequest(form: InstrumentForm, type: InstrumentType | null | undefined): InstrumentDraft {
  const out: InstrumentDraft = {
    type_code: form.type_code,
    name: trim(form.name),
    model: trim(form.model),
    serial_no: trim(form.serial_no),
    manufacturer: trim(form.manufacturer),
    brand: trim(form.brand),
    accuracy_class: trim(form.accuracy_class),
    measuring_range: trim(form.measuring_range),
    install_address: trim(form.install_address),
    install_region_code: form.install_region_code,
    use: form.use,
    in_use_date: form.in_use_date ?? '',
    asset_no: trim(form.asset_no),
    notes: trim(form.notes),
    charger: null,
  }
  if (type?.is_charger) {
    const c = form.charger
    out.charger = {
      ...c,
      current_type: type.charger_current ?? c.current_type,
      station_name: trim(c.station_name),
      equipment_id: trim(c.equipment_id),
    }
  }
  return out
}

/** One changed field of a change request: dotted field name, current and proposed values. */
export interface ChangeRow {
  field: string
  current: unknown
  proposed: unknown
}

const same = (a: unknown, b: unknown) => (a ?? '') === (b ?? '')

/** The fields a change request alters, common fields first, then charger fields. */
export function diffChange(current: InstrumentDraft, proposed: InstrumentDraft): ChangeRow[] {
  const rows: ChangeRow[] = []
  for (const f of COMMON_FIELDS) {
    if (!same(current[f], proposed[f])) rows.push({ field: f, current: current[f], proposed: proposed[f] })
  }
  const a = current.charger
  const b = proposed.charger
  if (a || b) {
    for (const f of CHARGER_FIELDS) {
      const x = a?.[f] ?? null
      const y = b?.[f] ?? null
      if (!same(x, y)) rows.push({ field: `charger.${f}`, current: x, proposed: y })
    }
  }
  return rows
}

/** Accuracy classes typed as one text: split on commas (ASCII or Chinese) and spaces, no blanks or repeats. */
export function parseClasses(text: string): string[] {
  const out: string[] = []
  for (const c of text.split(/[,，、;；\s]+/)) {
    const v = c.trim()
    if (v && !out.includes(v)) out.push(v)
  }
  return out
}

/** Timeline actions of an instrument whose text is a reason (shown as 原因：…). */
export const FILING_REASON_ACTIONS = [
  'edit',
  'submit',
  'approve',
  'return',
  'request_change',
  'approve_change',
  'reject_change',
  'deregister',
  'certificate_revise',
  'certificate_revoke',
]
/** Timeline actions of an instrument shown in red. */
export const FILING_BAD_ACTIONS = ['return', 'reject_change', 'verification_fail', 'certificate_revoke']
