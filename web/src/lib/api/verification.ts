// API methods of the verification business (docs/verification.md), merged into `api` by
// client.ts: institutes and standards, appointments, verification records, certificates and
// labels, supervision. Files the browser opens itself (PDFs) are given as URLs.
import { buildUrl, get, post, put } from './http'
import type { Duty, Page } from './types'
import type {
  Appointment,
  AppointmentData,
  AppointmentDetail,
  AppointmentQuery,
  Certificate,
  CertificateDetail,
  CertificateQuery,
  Institute,
  InstituteProfile,
  LabelOptions,
  ScheduleRequest,
  StaffMember,
  Standard,
  StandardData,
  Verification,
  VerificationInput,
  VerificationQuery,
  VerificationRules,
  VerificationSummaryReport,
} from './types.verification'

const enc = encodeURIComponent
const withSubmit = <T extends object>(data: T, submit: boolean) => (submit ? { ...data, submit: true } : data)

export const verificationApi = {
  // --- institutes and standards ---
  /** `suggested` marks institutes whose capability covers the type and region. */
  institutes: (q: { type_code?: string; region_code?: string } = {}) => get<{ items: Institute[] }>('/institutes', q),
  /** sysadmin, or that institute itself. */
  updateInstituteProfile: (orgId: number, req: InstituteProfile) => put<Institute>(`/institutes/${orgId}/profile`, req),
  /** The caller's own institute profile; 404 before the first save. */
  instituteProfile: (orgId: number) => get<Institute>(`/institutes/${orgId}/profile`),
  /** Users of the caller's institute with their duties. */
  instituteStaff: () => get<{ items: StaffMember[] }>('/institute/staff'),
  /** The institute's standards; `active` only the ones in use. */
  standards: (active?: boolean) => get<{ items: Standard[] }>('/standards', { active: active || undefined }),
  /** 201 Standard. */
  createStandard: (req: StandardData) => post<Standard>('/standards', req),
  updateStandard: (id: number, req: StandardData) => put<Standard>(`/standards/${id}`, req),
  /** Checklist and limits of the type's regulation. */
  verificationRules: (typeCode: string) => get<VerificationRules>(`/verification-rules/${enc(typeCode)}`),

  // --- appointments (预约检定) ---
  /** Scope by role: the enterprise's own, those addressed to the institute (no drafts), the regulator's region. */
  appointments: (q: AppointmentQuery) => get<Page<Appointment>>('/appointments', q),
  /** With `instruments`, `events` and `verifications`. */
  appointment: (id: number) => get<AppointmentDetail>(`/appointments/${id}`),
  /** 201 Appointment; `submit`: save and submit to the institute. */
  createAppointment: (data: AppointmentData, submit = false) => post<Appointment>('/appointments', withSubmit(data, submit)),
  /** Drafts only. */
  updateAppointment: (id: number, data: AppointmentData, submit = false) =>
    put<Appointment>(`/appointments/${id}`, withSubmit(data, submit)),
  submitAppointment: (id: number) => post<Appointment>(`/appointments/${id}/submit`),
  /** Before acceptance; the reason is optional. */
  cancelAppointment: (id: number, reason = '') =>
    post<Appointment>(`/appointments/${id}/cancel`, reason ? { reason } : {}),
  /** The enterprise gets an SMS and a message naming the institute's contact. */
  acceptAppointment: (id: number) => post<Appointment>(`/appointments/${id}/accept`),
  rejectAppointment: (id: number, reason: string) => post<Appointment>(`/appointments/${id}/reject`, { reason }),
  /** After acceptance: the date and the verifiers who go. */
  scheduleAppointment: (id: number, req: ScheduleRequest) => post<Appointment>(`/appointments/${id}/schedule`, req),
  /**
   * The assigned institute marks an instrument of an accepted or scheduled appointment 不具备检定条件
   * (reason required, at most 500): a rectification order goes to the enterprise and its district
   * bureau. 409 `appointment_not_accepted`, `already_unverifiable`, `verification_exists`.
   */
  markUnverifiable: (id: number, instrumentId: number, reason: string) =>
    post<AppointmentDetail>(`/appointments/${id}/instruments/${instrumentId}/unverifiable`, { reason }),

  // --- verification records (检定记录) ---
  verifications: (q: VerificationQuery) => get<Page<Verification>>('/verifications', q),
  verification: (id: number) => get<Verification>(`/verifications/${id}`),
  /** 201 Verification with the server's conclusion; 400 insulation_precondition_failed / standard_expired. */
  createVerification: (input: VerificationInput) => post<Verification>('/verifications', input),
  /** Drafts only. */
  updateVerification: (id: number, input: VerificationInput) => put<Verification>(`/verifications/${id}`, input),
  /** Sign as one duty; the third signature issues the certificate or result notice. */
  signVerification: (id: number, duty: Duty, password: string) => post<Verification>(`/verifications/${id}/sign`, { duty, password }),
  /** Back to draft with a reason; the signatures are cleared. */
  sendBackVerification: (id: number, reason: string) => post<Verification>(`/verifications/${id}/send-back`, { reason }),

  // --- certificates and labels ---
  /** Latest revisions. */
  certificates: (q: CertificateQuery) => get<Page<Certificate>>('/certificates', q),
  /** With `revisions`. */
  certificate: (number: string) => get<CertificateDetail>(`/certificates/${enc(number)}`),
  /** Institute approvers: a new revision (the old one stays). */
  reviseCertificate: (number: string, reason: string, password: string) => post<Certificate>(`/certificates/${enc(number)}/revise`, { reason, password }),
  revokeCertificate: (number: string, reason: string, password: string) => post<Certificate>(`/certificates/${enc(number)}/revoke`, { reason, password }),

  // --- supervision ---
  verificationSummary: () => get<VerificationSummaryReport>('/supervision/verification-summary'),
}

/** URL of a certificate's (or result notice's) PDF; the latest revision unless `revision`. */
export function certificatePdfUrl(number: string, revision?: number): string {
  return buildUrl(`/certificates/${enc(number)}/pdf`, { revision })
}

/** URL of one certificate's pass label PDF. */
export function labelPdfUrl(number: string, o: LabelOptions): string {
  return buildUrl(`/certificates/${enc(number)}/label.pdf`, o)
}

/** URL of the pass labels of several certificates in one PDF. */
export function labelsPdfUrl(numbers: string[], o: LabelOptions): string {
  return buildUrl('/certificates/labels.pdf', { numbers: numbers.join(','), ...o })
}
