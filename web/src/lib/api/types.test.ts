// @vitest-environment node
// The constant lists the UI offers in selects hold exactly the values openapi.json allows (the
// compiler only checks that each listed value is allowed, not that none is missing).
/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  ANNOUNCEMENT_STATUSES,
  APPOINTMENT_MODES,
  ASSIGNMENT_KINDS,
  APPOINTMENT_STATUSES,
  CASE_STATUSES,
  CERTIFICATE_LIVE_STATUSES,
  CREDIT_CLASSES,
  DUTIES,
  FILING_STATUSES,
  IMPORT_ROW_STATES,
  INSPECTION_FOLLOW_UPS,
  INSPECTION_OBJECT_STATUSES,
  INSPECTION_PLAN_STATUSES,
  INSPECTION_RESULTS,
  INSPECTION_TASK_STATUSES,
  INSTRUMENT_USES,
  MANDATORY_USES,
  ORG_KINDS,
  PHOTO_TYPES,
  PUBLIC_ANNOUNCEMENT_KINDS,
  RECTIFICATION_SOURCES,
  RECTIFICATION_STATUSES,
  ROLES,
  SAMPLING_PLAN_STATUSES,
  VERIFICATION_FILTERS,
  VERIFICATION_KINDS,
  VERIFICATION_STATUSES,
  WORK_CALENDAR_KINDS,
} from './types'
import { ACCEPTANCE_ITEM_STATUSES, ACCEPTANCE_VERDICTS, PUBLIC_CHECK_STATUSES } from './types.acceptance'
import { METER_KEY_STATUSES, OCMF_REASONS } from './types.ocmf'
import { ALERT_RUN_STATUSES, ALERT_RUN_TRIGGERS } from './types.alerts'
import { RECONCILIATION_DIFFERENCES, RECONCILIATION_KINDS, TCEC_OPERATOR_STATUSES } from './types.exchange'
import { ANNUAL_REPORT_STATUSES, INSTITUTE_REPORT_KINDS, MILESTONE_KINDS, MILESTONE_STATUSES, PROBLEM_REPORT_STATUSES, TURNAROUND_STEPS } from './types.reporting'

interface Schema {
  enum?: string[]
  items?: Schema
  properties?: Record<string, Schema>
}
const specFile = new URL('../../../../src/http/openapi.json', import.meta.url)
const spec = JSON.parse(readFileSync(specFile, 'utf8')) as {
  components: { schemas: Record<string, Schema>; parameters: Record<string, { schema: Schema }> }
}
const schemas = spec.components.schemas
const sorted = (values: readonly string[] | undefined) => [...(values ?? [])].sort()

describe('constant lists match openapi.json', () => {
  it.each([
    ['ROLES', ROLES, schemas.Role.enum],
    ['ORG_KINDS', ORG_KINDS, schemas.OrgKind.enum],
    ['DUTIES', DUTIES, schemas.Duty.enum],
    ['INSTRUMENT_USES', INSTRUMENT_USES, schemas.InstrumentUse.enum],
    ['MANDATORY_USES', MANDATORY_USES, schemas.InstrumentType.properties?.mandatory_uses.items?.enum],
    ['FILING_STATUSES', FILING_STATUSES, schemas.FilingStatus.enum],
    ['IMPORT_ROW_STATES', IMPORT_ROW_STATES, schemas.ImportRow.properties?.state.enum],
    ['APPOINTMENT_STATUSES', APPOINTMENT_STATUSES, schemas.AppointmentStatus.enum],
    ['APPOINTMENT_MODES', APPOINTMENT_MODES, schemas.AppointmentMode.enum],
    ['VERIFICATION_KINDS', VERIFICATION_KINDS, schemas.VerificationKind.enum],
    ['VERIFICATION_STATUSES', VERIFICATION_STATUSES, schemas.RecordStatus.enum],
    ['CERTIFICATE_LIVE_STATUSES', CERTIFICATE_LIVE_STATUSES, schemas.Certificate.properties?.live_status.enum],
    ['ANNOUNCEMENT_STATUSES', ANNOUNCEMENT_STATUSES, schemas.AnnouncementStatus.enum],
    ['VERIFICATION_FILTERS', VERIFICATION_FILTERS, spec.components.parameters.instrument_verification.schema.enum],
    ['SAMPLING_PLAN_STATUSES', SAMPLING_PLAN_STATUSES, schemas.SamplingPlan.properties?.status.enum],
    ['CREDIT_CLASSES', CREDIT_CLASSES, schemas.EnterpriseCredit.properties?.class.enum],
    ['CREDIT_CLASSES (computed)', CREDIT_CLASSES, schemas.EnterpriseCredit.properties?.computed_class.enum],
    ['RECTIFICATION_STATUSES', RECTIFICATION_STATUSES, schemas.RectificationStatus.enum],
    ['RECTIFICATION_SOURCES', RECTIFICATION_SOURCES, schemas.RectificationSource.enum],
    ['CASE_STATUSES', CASE_STATUSES, schemas.EnforcementCase.properties?.status.enum],
    ['CREDIT_CLASSES (inspections)', CREDIT_CLASSES, schemas.CreditClass.enum],
    ['INSPECTION_PLAN_STATUSES', INSPECTION_PLAN_STATUSES, schemas.InspectionPlanStatus.enum],
    ['INSPECTION_TASK_STATUSES', INSPECTION_TASK_STATUSES, schemas.InspectionTaskStatus.enum],
    ['INSPECTION_OBJECT_STATUSES', INSPECTION_OBJECT_STATUSES, schemas.InspectionObjectStatus.enum],
    ['INSPECTION_RESULTS', INSPECTION_RESULTS, schemas.InspectionResult.enum],
    ['INSPECTION_RESULTS (of an object, or "")', ['', ...INSPECTION_RESULTS], schemas.InspectionObject.properties?.result.enum],
    ['INSPECTION_FOLLOW_UPS', INSPECTION_FOLLOW_UPS, schemas.InspectionFollowUp.enum],
    ['INSPECTION_FOLLOW_UPS (of an object, or "")', ['', ...INSPECTION_FOLLOW_UPS], schemas.InspectionObject.properties?.follow_up.enum],
    ['ASSIGNMENT_KINDS', ASSIGNMENT_KINDS, schemas.InspectionAssignment.properties?.kind.enum],
    ['WORK_CALENDAR_KINDS', WORK_CALENDAR_KINDS, schemas.WorkCalendarKind.enum],
    ['PUBLIC_ANNOUNCEMENT_KINDS', PUBLIC_ANNOUNCEMENT_KINDS, schemas.PublicAnnouncementKind.enum],
    ['PHOTO_TYPES', PHOTO_TYPES, schemas.InspectionPhoto.properties?.mime.enum],
    ['ACCEPTANCE_VERDICTS', ACCEPTANCE_VERDICTS, schemas.AcceptanceVerdict.enum],
    ['ACCEPTANCE_ITEM_STATUSES', ACCEPTANCE_ITEM_STATUSES, schemas.AcceptanceItemStatus.enum],
    ['PUBLIC_CHECK_STATUSES', PUBLIC_CHECK_STATUSES, schemas.PublicCheck.properties?.status.enum],
    ['ANNUAL_REPORT_STATUSES', ANNUAL_REPORT_STATUSES, schemas.AnnualReportStatus.enum],
    ['PROBLEM_REPORT_STATUSES', PROBLEM_REPORT_STATUSES, schemas.ProblemReportStatus.enum],
    ['INSTITUTE_REPORT_KINDS', INSTITUTE_REPORT_KINDS, schemas.InstituteReportKind.enum],
    ['TURNAROUND_STEPS', TURNAROUND_STEPS, schemas.InstituteTurnaroundStep.enum],
    ['MILESTONE_KINDS', MILESTONE_KINDS, schemas.MilestoneKind.enum],
    ['MILESTONE_STATUSES', MILESTONE_STATUSES, schemas.MilestoneStatus.enum],
    ['OCMF_REASONS', OCMF_REASONS, schemas.OcmfVerdict.properties?.reason.enum],
    ['ALERT_RUN_TRIGGERS', ALERT_RUN_TRIGGERS, schemas.AlertRun.properties?.trigger.enum],
    ['ALERT_RUN_STATUSES', ALERT_RUN_STATUSES, schemas.AlertRun.properties?.status.enum],
    ['METER_KEY_STATUSES', METER_KEY_STATUSES, schemas.MeterKey.properties?.status.enum],
    ['RECONCILIATION_KINDS', RECONCILIATION_KINDS, schemas.ReconciliationItem.properties?.kind.enum],
    ['RECONCILIATION_DIFFERENCES', RECONCILIATION_DIFFERENCES, schemas.ReconciliationItem.properties?.differences.items?.enum],
    // 'platform' (made by the pull) is hand-written until openapi.json documents it
    ['TCEC_OPERATOR_STATUSES', TCEC_OPERATOR_STATUSES, [...new Set([...(schemas.TcecOperator.properties?.status.enum ?? []), 'platform'])]],
  ] as const)('%s', (_name, list, documented) => {
    expect(documented).toBeDefined()
    expect(sorted(list)).toEqual(sorted(documented))
  })
})
