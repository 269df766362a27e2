// Shapes of the reporting API (openapi.json tag `reporting`): the district bureaus' annual work
// reports (年度工作报告) and problem reports (重大问题上报) to the city bureau, the city
// bureau's bulletins (通报) to the development and reform departments, the institutes' verification
// statistics (检定统计分析) and the city bureau's campaign milestones (工作节点). Generated from
// src/http/openapi.json like types.ts; the constant lists and the list filters are UI-only (the
// lists are checked against the document by types.test.ts). Not re-exported by types.ts: only the
// lazily loaded reporting pages import them. Times are ISO-8601 strings, dates `YYYY-MM-DD`.
import type { components } from './schema'
import type { PageQuery } from './types'

type Schemas = components['schemas']

/** 草稿 → 已报送 → 已通过 | 已退回 → (edited) → 已报送 … */
export const ANNUAL_REPORT_STATUSES = ['draft', 'submitted', 'accepted', 'returned'] as const satisfies readonly Schemas['AnnualReportStatus'][]
export type AnnualReportStatus = Schemas['AnnualReportStatus']
/** A report (`figures` and `events` in the detail answers only). */
export type AnnualReport = Schemas['AnnualReport']
export type AnnualReportPage = Schemas['AnnualReportPage']
export type AnnualReportFigures = Schemas['AnnualReportFigures']
export type AnnualReportTotals = Schemas['AnnualReportTotals']
export type AnnualReportTypeRow = Schemas['AnnualReportTypeRow']
export type AnnualReportBrandRow = Schemas['AnnualReportBrandRow']
export type AnnualReportOperatorRow = Schemas['AnnualReportOperatorRow']
export type AnnualReportMonth = Schemas['AnnualReportMonth']
export type AnnualReportCreateRequest = Schemas['AnnualReportCreateRequest']
export type AnnualReportUpdateRequest = Schemas['AnnualReportUpdateRequest']
/** `GET /annual-reports/city`: every district, the counts, the summed figures and the annex. */
export type AnnualReportCity = Schemas['AnnualReportCity']
export type AnnualReportCityDistrict = Schemas['AnnualReportCityDistrict']
export type AnnualReportAnnexItem = Schemas['AnnualReportAnnexItem']

/** Filters of `GET /annual-reports`. */
export interface AnnualReportQuery extends PageQuery {
  year?: number | null
  /** '' = every status */
  status?: AnnualReportStatus | ''
  /** a district (city bureau); '' = all */
  region_code?: string
}

/** 已上报 → 已签收. */
export const PROBLEM_REPORT_STATUSES = ['submitted', 'acknowledged'] as const satisfies readonly Schemas['ProblemReportStatus'][]
export type ProblemReportStatus = Schemas['ProblemReportStatus']
/** A report (`attachments` and `events` in the detail answer only). */
export type ProblemReport = Schemas['ProblemReport']
export type ProblemReportPage = Schemas['ProblemReportPage']
export type ProblemReportAttachment = Schemas['ProblemReportAttachment']
export type ProblemReportRequest = Schemas['ProblemReportRequest']

/** Filters of `GET /problem-reports`. */
export interface ProblemReportQuery extends PageQuery {
  status?: ProblemReportStatus | ''
  /** title or body */
  q?: string
  region_code?: string
}

/** A bulletin (`figures` in the detail answer and the POST's, `events` in the detail answer). */
export type Bulletin = Schemas['Bulletin']
export type BulletinPage = Schemas['BulletinPage']
export type BulletinFigures = Schemas['BulletinFigures']
export type BulletinOverview = Schemas['BulletinOverview']
export type BulletinDistrictRow = Schemas['BulletinDistrictRow']
export type BulletinSupervision = Schemas['BulletinSupervision']
export type BulletinRequest = Schemas['BulletinRequest']

/** Filters of `GET /bulletins`. */
export interface BulletinQuery extends PageQuery {
  year?: number | null
}

/** 检定统计分析: an institute's results of a period (`GET /institute-report`). */
export type InstituteReport = Schemas['InstituteReport']
export type InstituteReportTotals = Schemas['InstituteReportTotals']
/** 首次检定, 后续检定, 使用中检查, 抽样检定: `by_kind` always has the four, in this order. */
export const INSTITUTE_REPORT_KINDS = ['first', 'subsequent', 'in_service', 'sampling'] as const satisfies readonly Schemas['InstituteReportKind'][]
export type InstituteReportKind = Schemas['InstituteReportKind']
export type InstituteReportKindRow = Schemas['InstituteReportKindRow']
/** A row of `by_type`, `by_brand`, `by_operator`, `by_district`. */
export type InstituteReportRow = Schemas['InstituteReportRow']
export type InstituteReportMonth = Schemas['InstituteReportMonth']
export type InstituteErrorDistribution = Schemas['InstituteErrorDistribution']
export type InstituteErrorModel = Schemas['InstituteErrorModel']
export type InstituteClock = Schemas['InstituteClock']
export type InstituteReportFailureItem = Schemas['InstituteReportFailureItem']
/** 预约提交→受理, 受理→检定记录, 检定记录→出具证书, 预约提交→出具证书. */
export const TURNAROUND_STEPS = ['accept', 'record', 'certificate', 'total'] as const satisfies readonly Schemas['InstituteTurnaroundStep'][]
export type InstituteTurnaroundStep = Schemas['InstituteTurnaroundStep']
export type InstituteTurnaround = Schemas['InstituteTurnaround']
export type InstituteRefusal = Schemas['InstituteRefusal']

/** The period and institute of `GET /institute-report` (and its files); empty values are left out. */
export interface InstituteReportQuery {
  /** YYYY-MM-DD; server default 1 January of this year */
  from?: string
  /** YYYY-MM-DD; server default today */
  to?: string
  /** the city bureau names the institute; an institute's own users get theirs whatever they pass */
  institute_org_id?: number
}

/** What a milestone measures per district. */
export const MILESTONE_KINDS = ['filing_review', 'periodic_verification', 'first_verification', 'sampling', 'inspection'] as const satisfies readonly Schemas['MilestoneKind'][]
export type MilestoneKind = Schemas['MilestoneKind']
/** 进行中 → 已撤销. */
export const MILESTONE_STATUSES = ['active', 'withdrawn'] as const satisfies readonly Schemas['MilestoneStatus'][]
export type MilestoneStatus = Schemas['MilestoneStatus']
export type Milestone = Schemas['Milestone']
export type MilestonePage = Schemas['MilestonePage']
export type MilestoneRequest = Schemas['MilestoneRequest']
/** An active milestone with each district's progress (`GET /milestones/progress`). */
export type MilestoneProgress = Schemas['MilestoneProgress']
export type MilestoneProgressRow = Schemas['MilestoneProgressRow']
export type MilestoneProgressList = Schemas['MilestoneProgressList']

/** Filters of `GET /milestones`. */
export interface MilestoneQuery extends PageQuery {
  /** '' = both */
  status?: MilestoneStatus | ''
}
