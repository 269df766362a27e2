// API methods of the reporting pages (年度工作报告, 重大问题上报, 通报, 检定统计分析, 工作节点;
// openapi.json tag `reporting`). Like inspection.ts it is not merged into `api`: only the lazily loaded reporting
// pages import it, so the first screen does not carry it. The server decides the scope (a district
// bureau its own reports, the city bureau all; bulletins for the city bureau and the DRC).
import { buildUrl, download, get, post, put, upload } from './http'
import type {
  AnnualReport,
  AnnualReportCity,
  AnnualReportCreateRequest,
  AnnualReportPage,
  AnnualReportQuery,
  AnnualReportUpdateRequest,
  Bulletin,
  BulletinPage,
  BulletinQuery,
  BulletinRequest,
  InstituteReport,
  InstituteReportQuery,
  Milestone,
  MilestonePage,
  MilestoneProgressList,
  MilestoneQuery,
  MilestoneRequest,
  ProblemReport,
  ProblemReportAttachment,
  ProblemReportPage,
  ProblemReportQuery,
  ProblemReportRequest,
} from './types.reporting'

export const reportingApi = {
  // ---------------------------------------------------------------- 年度工作报告
  /** Newest year first, without figures and events. */
  annualReports: (q: AnnualReportQuery = {}) => get<AnnualReportPage>('/annual-reports', q),
  /** With its figures (live while draft or returned, else frozen) and timeline. */
  annualReport: (id: number) => get<AnnualReport>(`/annual-reports/${id}`),
  /** 新建 (district bureau): 409 `annual_report_exists` with `details.id` when the year has one. Empty optional fields are left out. */
  createAnnualReport: (req: AnnualReportCreateRequest) => {
    const body: AnnualReportCreateRequest = { year: req.year }
    if (req.region_code) body.region_code = req.region_code
    if (req.cut_off) body.cut_off = req.cut_off
    return post<AnnualReport>('/annual-reports', body)
  },
  /** 保存 a draft or returned report (cut-off and narratives). */
  updateAnnualReport: (id: number, req: AnnualReportUpdateRequest) => put<AnnualReport>(`/annual-reports/${id}`, req),
  /** 报送: the figures are frozen. 400 `narrative_required` (details.field) when a narrative is empty. */
  submitAnnualReport: (id: number) => post<AnnualReport>(`/annual-reports/${id}/submit`),
  /** 通过 (city bureau). */
  acceptAnnualReport: (id: number) => post<AnnualReport>(`/annual-reports/${id}/accept`),
  /** 退回 with a reason (city bureau). */
  returnAnnualReport: (id: number, reason: string) => post<AnnualReport>(`/annual-reports/${id}/return`, { reason }),
  annualReportPdf: (id: number) => download(`/annual-reports/${id}/report.pdf`, undefined, `年度工作报告-${id}.pdf`),
  annualReportXlsx: (id: number) => download(`/annual-reports/${id}/report.xlsx`, undefined, `年度工作报告-${id}.xlsx`),
  /** 全市汇总 of a year (city bureau). */
  annualReportCity: (year: number) => get<AnnualReportCity>('/annual-reports/city', { year }),
  annualReportCityPdf: (year: number) => download('/annual-reports/city/report.pdf', { year }, `${year}年度全市工作报告.pdf`),
  annualReportCityXlsx: (year: number) => download('/annual-reports/city/report.xlsx', { year }, `${year}年度全市工作报告.xlsx`),

  // ---------------------------------------------------------------- 重大问题上报
  /** Newest first, without attachments and events. */
  problemReports: (q: ProblemReportQuery = {}) => get<ProblemReportPage>('/problem-reports', q),
  problemReport: (id: number) => get<ProblemReport>(`/problem-reports/${id}`),
  /** 上报 (district bureau): title and body trimmed. */
  createProblemReport: (req: ProblemReportRequest) => {
    const body: ProblemReportRequest = { title: req.title.trim(), body: req.body.trim() }
    if (req.region_code) body.region_code = req.region_code
    return post<ProblemReport>('/problem-reports', body)
  },
  /** An attachment (multipart field `file`) while the report is not acknowledged. */
  uploadProblemAttachment: (id: number, file: Blob, filename: string) => {
    const form = new FormData()
    form.append('file', file, filename)
    return upload<ProblemReportAttachment>(`/problem-reports/${id}/attachments`, form)
  },
  /** The address of an attachment (the link a user may copy). */
  problemAttachmentUrl: (id: number, attachmentId: number) => buildUrl(`/problem-reports/${id}/attachments/${attachmentId}`),
  problemAttachment: (id: number, attachmentId: number, filename: string) => download(`/problem-reports/${id}/attachments/${attachmentId}`, undefined, filename),
  /** 签收 (city bureau) with an optional note. */
  acknowledgeProblemReport: (id: number, note: string) => post<ProblemReport>(`/problem-reports/${id}/acknowledge`, note.trim() ? { note: note.trim() } : {}),

  // ---------------------------------------------------------------- 通报
  bulletins: (q: BulletinQuery = {}) => get<BulletinPage>('/bulletins', q),
  bulletin: (id: number) => get<Bulletin>(`/bulletins/${id}`),
  /** 发布 (city bureau): the statistics are frozen now. */
  publishBulletin: (req: BulletinRequest) => post<Bulletin>('/bulletins', { title: req.title.trim(), note: (req.note ?? '').trim(), period: req.period }),
  bulletinPdf: (id: number) => download(`/bulletins/${id}/bulletin.pdf`, undefined, `通报-${id}.pdf`),

  // ---------------------------------------------------------------- 检定统计分析
  /** An institute's results of the period (institute users: their own; the city bureau names one). */
  instituteReport: (q: InstituteReportQuery = {}) => get<InstituteReport>('/institute-report', q),
  instituteReportPdf: (q: InstituteReportQuery = {}) => download('/institute-report/report.pdf', q, '检定统计分析报告.pdf'),
  instituteReportXlsx: (q: InstituteReportQuery = {}) => download('/institute-report/report.xlsx', q, '检定统计分析报告.xlsx'),

  // ---------------------------------------------------------------- 工作节点
  /** By deadline. */
  milestones: (q: MilestoneQuery = {}) => get<MilestonePage>('/milestones', q),
  /** 新建 (city bureau). */
  createMilestone: (req: MilestoneRequest) => post<Milestone>('/milestones', milestoneBody(req)),
  /** 修改 an active milestone (city bureau): 409 `milestone_withdrawn` once withdrawn. */
  updateMilestone: (id: number, req: MilestoneRequest) => put<Milestone>(`/milestones/${id}`, milestoneBody(req)),
  /** 撤销 (city bureau). */
  withdrawMilestone: (id: number) => post<Milestone>(`/milestones/${id}/withdraw`),
  /** The active milestones with each district's progress (the caller's scope, or one district of it). */
  milestoneProgress: (regionCode = '') => get<MilestoneProgressList>('/milestones/progress', { region_code: regionCode || undefined }),
}

/** A milestone as the server takes it: texts trimmed, `since` only for first_verification, an empty note left out. */
export function milestoneBody(req: MilestoneRequest): MilestoneRequest {
  const body: MilestoneRequest = { title: req.title.trim(), kind: req.kind, deadline: req.deadline, target_pct: req.target_pct }
  if (req.kind === 'first_verification' && req.since) body.since = req.since
  const note = (req.note ?? '').trim()
  if (note) body.note = note
  return body
}
