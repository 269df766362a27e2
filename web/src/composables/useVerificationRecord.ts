// State of the verification record page: the record (or, for a new one, its appointment and
// instrument), the regulation's rules, the form being edited and whether it has unsaved changes.
// On a 抽样检定 task (the appointment has a sampling plan) the kind is 使用中检查 and cannot change.
import { computed, reactive, ref } from 'vue'
import {
  api,
  type Instrument,
  type Verification,
  type VerificationInstrument,
  type VerificationRules,
} from '@/lib/api'
import { notifyError } from '@/lib/errors'
import { todayIso } from '@/lib/dates'
import {
  blankVerificationForm,
  checklistFrom,
  CLOCK_ERROR_ITEM,
  findLimit,
  initialKind,
  SAMPLING_KIND,
  formFromVerification,
  toVerificationInput,
  WORKING_ERROR_ITEM,
  type VerificationForm,
} from '@/lib/verification'

/** Why the page cannot show a form (an i18n key), or ''. */
export type RecordProblem = '' | 'verificationForm.missingParams' | 'verificationForm.instrumentNotInAppointment' | 'errors.unknown'

function summaryOf(i: Instrument): VerificationInstrument {
  return {
    id: i.id,
    type_code: i.type_code,
    type_name: i.type_name,
    name: i.name,
    model: i.model,
    serial_no: i.serial_no,
    manufacturer: i.manufacturer,
    accuracy_class: i.accuracy_class,
    tou_billing: i.charger?.tou_billing === true,
  }
}

export function useVerificationRecord() {
  const record = ref<Verification | null>(null)
  const instrument = ref<VerificationInstrument | null>(null)
  const orgName = ref('')
  const appointmentId = ref(0)
  /** The sampling plan of the record's appointment (null: an ordinary appointment, or not known). */
  const samplingPlanId = ref<number | null>(null)
  /** The kind is fixed to 使用中检查 on a sampling task. */
  const kindLocked = computed(() => samplingPlanId.value !== null)
  const rules = ref<VerificationRules | null>(null)
  const form = reactive<VerificationForm>(blankVerificationForm('first', todayIso()))
  const snapshot = ref('')
  const loading = ref(false)
  const problem = ref<RecordProblem>('')

  const dirty = computed(() => JSON.stringify(form) !== snapshot.value)
  const touBilling = computed(() => !!instrument.value?.tou_billing)
  const accuracyClass = computed(() => record.value?.accuracy_class || instrument.value?.accuracy_class || '')
  const workingLimit = computed(() => findLimit(rules.value?.limits ?? [], WORKING_ERROR_ITEM, form.kind, accuracyClass.value))
  const clockLimit = computed(() => findLimit(rules.value?.limits ?? [], CLOCK_ERROR_ITEM, form.kind, accuracyClass.value))

  function setForm(f: VerificationForm) {
    Object.assign(form, f)
    snapshot.value = JSON.stringify(form)
  }

  /** The rules of the type; a failure leaves the checklist as saved and the limits at their defaults. */
  async function loadRules(typeCode: string) {
    try {
      rules.value = await api.verificationRules(typeCode)
    } catch (e) {
      rules.value = null
      notifyError(e)
    }
  }

  /** A record saved or signed: show the server's state. Drafts keep the rules' checklist items. */
  function setRecord(v: Verification) {
    record.value = v
    instrument.value = v.instrument
    orgName.value = v.org_name
    appointmentId.value = v.appointment_id
    const f = formFromVerification(v)
    if (v.status === 'draft' && rules.value) f.checklist = checklistFrom(rules.value.checklist, v.checklist)
    setForm(f)
  }

  /**
   * A draft's appointment, to know whether it is a sampling task (the record does not say): then
   * the kind is set to 使用中检查 (left unsaved if it differed). Without it the choice stays free.
   */
  async function loadSampling(v: Verification) {
    samplingPlanId.value = null
    if (v.status !== 'draft') return
    try {
      const appt = await api.appointment(v.appointment_id)
      samplingPlanId.value = appt.sampling_plan_id ?? null
    } catch {
      return
    }
    if (kindLocked.value && record.value?.id === v.id) form.kind = SAMPLING_KIND
  }

  async function loadNew(aid: number, iid: number) {
    record.value = null
    instrument.value = null
    samplingPlanId.value = null
    problem.value = ''
    if (!aid || !iid) {
      problem.value = 'verificationForm.missingParams'
      return
    }
    loading.value = true
    try {
      const appt = await api.appointment(aid)
      const inst = (appt.instruments ?? []).find((i) => i.id === iid)
      if (!inst) {
        problem.value = 'verificationForm.instrumentNotInAppointment'
        return
      }
      appointmentId.value = aid
      samplingPlanId.value = appt.sampling_plan_id ?? null
      orgName.value = appt.org_name
      instrument.value = summaryOf(inst)
      await loadRules(inst.type_code)
      const f = blankVerificationForm(initialKind(inst, samplingPlanId.value), todayIso())
      f.checklist = checklistFrom(rules.value?.checklist ?? [])
      setForm(f)
    } catch (e) {
      problem.value = 'errors.unknown'
      notifyError(e)
    } finally {
      loading.value = false
    }
  }

  async function loadExisting(id: number) {
    problem.value = ''
    loading.value = true
    try {
      const v = await api.verification(id)
      await loadRules(v.instrument.type_code)
      setRecord(v)
      await loadSampling(v)
    } catch (e) {
      problem.value = 'errors.unknown'
      notifyError(e)
    } finally {
      loading.value = false
    }
  }

  /** POST (new) or PUT (draft); the saved record on success, errors thrown to the caller. */
  async function save(): Promise<Verification> {
    if (!instrument.value) throw new Error('no instrument')
    const input = toVerificationInput(form, appointmentId.value, instrument.value.id, touBilling.value)
    const v = record.value ? await api.updateVerification(record.value.id, input) : await api.createVerification(input)
    setRecord(v)
    return v
  }

  return {
    record,
    instrument,
    orgName,
    appointmentId,
    samplingPlanId,
    kindLocked,
    rules,
    form,
    loading,
    problem,
    dirty,
    touBilling,
    accuracyClass,
    workingLimit,
    clockLimit,
    loadNew,
    loadExisting,
    setRecord,
    save,
  }
}
