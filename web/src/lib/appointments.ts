// Rules of appointments (预约检定) as the UI needs them: status colours, which actions a role is
// offered, and picking the institute query for the chosen instruments. Pure: the server decides.
import type { Appointment, AppointmentStatus, Institute, Role, UnverifiableMark, VerificationSummary } from './api/types'
import type { TagType } from './filing'

export const APPOINTMENT_TAGS: Record<AppointmentStatus, TagType> = {
  draft: 'info',
  submitted: 'warning',
  accepted: 'primary',
  scheduled: 'primary',
  completed: 'success',
  rejected: 'danger',
  cancelled: 'info',
}
export const MODE_TAGS: Record<string, TagType> = { send_in: 'primary', on_site: 'success' }

/** Row and detail actions, in display order. */
export type AppointmentAction = 'edit' | 'submit' | 'cancel' | 'accept' | 'reject' | 'schedule'

/**
 * The enterprise edits and submits drafts and cancels before acceptance; the institute accepts or
 * rejects submitted appointments and schedules (or reschedules) accepted ones.
 */
export function appointmentActions(a: Pick<Appointment, 'status'>, role: Role | null): AppointmentAction[] {
  const out: AppointmentAction[] = []
  if (role === 'enterprise') {
    if (a.status === 'draft') out.push('edit', 'submit')
    if (a.status === 'draft' || a.status === 'submitted') out.push('cancel')
  } else if (role === 'institute') {
    if (a.status === 'submitted') out.push('accept', 'reject')
    if (a.status === 'accepted' || a.status === 'scheduled') out.push('schedule')
  }
  return out
}

/** The institute records verifications of an accepted or scheduled appointment. */
export function canRecord(a: Pick<Appointment, 'status'>, role: Role | null): boolean {
  return role === 'institute' && (a.status === 'accepted' || a.status === 'scheduled')
}

/** The latest record of an instrument in the appointment, if any. */
export function recordOf<V extends Pick<VerificationSummary, 'id' | 'instrument_id'>>(a: { verifications: V[] }, instrumentId: number): V | undefined {
  return a.verifications.filter((v) => v.instrument_id === instrumentId).sort((x, y) => y.id - x.id)[0]
}

/** A 抽样检定 task (free, on site, in-service) dispatched from a sampling plan. */
export function isSamplingTask(a: Pick<Appointment, 'sampling_plan_id'>): boolean {
  return a.sampling_plan_id !== null && a.sampling_plan_id !== undefined
}

/** The 不具备检定条件 mark of an instrument in the appointment, if any. */
export function unverifiableOf(a: { unverifiable: UnverifiableMark[] }, instrumentId: number): UnverifiableMark | undefined {
  return a.unverifiable.find((m) => m.instrument_id === instrumentId)
}

/** The maximum length of a 不具备检定条件 reason (the server's). */
export const UNVERIFIABLE_REASON_MAX = 500

/**
 * The assigned institute marks an instrument 不具备检定条件 while the appointment is accepted or
 * scheduled, when it is not marked yet and has no record in the appointment.
 */
export function canMarkUnverifiable(
  a: Pick<Appointment, 'status'> & { unverifiable: UnverifiableMark[]; verifications: Pick<VerificationSummary, 'id' | 'instrument_id'>[] },
  role: Role | null,
  instrumentId: number,
): boolean {
  return canRecord(a, role) && !unverifiableOf(a, instrumentId) && !recordOf(a, instrumentId)
}

/** The certificate number of a listed record; '' before one is issued. */
export function certificateNoOf(v: Pick<VerificationSummary, 'certificate'>): string {
  return v.certificate?.number ?? ''
}

/** The most frequent value (the first seen on a tie); '' for none. */
export function mostFrequent(values: string[]): string {
  const counts = new Map<string, number>()
  let best = ''
  let bestN = 0
  for (const v of values) {
    if (!v) continue
    const n = (counts.get(v) ?? 0) + 1
    counts.set(v, n)
    if (n > bestN) {
      best = v
      bestN = n
    }
  }
  return best
}

/** Suggested institutes first, otherwise in the server's order. */
export function suggestedFirst(list: Institute[]): Institute[] {
  return [...list.filter((i) => i.suggested), ...list.filter((i) => !i.suggested)]
}
