import type { RouteRecordRaw } from 'vue-router'
import { loadInspectionTexts } from '@/i18n/inspection'
import { loadStatisticsTexts } from '@/i18n/statistics'
import { loadAcceptanceTexts } from '@/i18n/acceptance'
import { loadReportingTexts } from '@/i18n/reporting'
import { loadOcmfTexts } from '@/i18n/ocmf'
import { loadExchangeTexts } from '@/i18n/exchange'
import './meta'

const ADMIN = ['sysadmin'] as const
const ENTERPRISE = ['enterprise'] as const
const REGULATORS = ['district_regulator', 'city_regulator'] as const
const INSTITUTE = ['institute'] as const
/** Roles that see appointments, verification records and certificates (each within its scope). */
const VERIFICATION_READERS = ['enterprise', 'institute', ...REGULATORS] as const
/** Roles that read sampling verification plans (the city bureau also plans and draws them). */
const SAMPLING_READERS = ['city_regulator', 'district_regulator', 'institute'] as const
/** Roles with rectification orders: the enterprise answers its own, the regulators accept or return. */
const RECTIFICATION_ROLES = ['enterprise', ...REGULATORS] as const
/** Roles of 双随机一公开: the district bureaus inspect, the city bureau keeps the item list and accepts plans. */
const INSPECTION_ROLES = REGULATORS
/** Roles with the statistics dashboards: the city and district bureaus and the DRC (the server scopes each). */
const STATISTICS_ROLES = [...REGULATORS, 'drc'] as const
/** Roles that read DRC acceptance checks: the DRC its own (and starts them), the city bureau all, an enterprise those of its projects. */
const ACCEPTANCE_READERS = ['drc', 'city_regulator', 'enterprise'] as const
/** Roles of 年度工作报告 and 重大问题上报: the district bureaus write them, the city bureau reads and decides (the server scopes each). */
const REPORT_ROLES = REGULATORS
/** Roles that read 通报: the city bureau publishes them to the development and reform departments. */
const BULLETIN_READERS = ['city_regulator', 'drc'] as const
/** Roles of 检定统计分析: an institute's users read their own, the city bureau every institute's. */
const INSTITUTE_REPORT_ROLES = ['institute', 'city_regulator'] as const
/** Roles that work with instruments and so may read the catalogue. */
const BUSINESS = ['enterprise', 'district_regulator', 'city_regulator', 'drc', 'institute'] as const

/** A lazy page of a feature whose texts are loaded on demand: its chunk and the texts load together. */
function withTexts<T>(loadTexts: () => Promise<void>, view: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([view(), loadTexts()]).then(([page]) => page)
}

/** A lazy inspection page, with the inspection texts (i18n/inspection.ts). */
function inspectionPage<T>(view: () => Promise<T>): () => Promise<T> {
  return withTexts(loadInspectionTexts, view)
}

/** A lazy acceptance check or public lookup page: its chunk and the texts (i18n/acceptance.ts) load together. */
function acceptancePage<T>(view: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([view(), loadAcceptanceTexts()]).then(([page]) => page)
}

/** A lazy exchange page (在用未备案核查, 计量作弊线索, 平台对接): its chunk and the texts (i18n/exchange.ts) load together. */
function exchangePage<T>(view: () => Promise<T>): () => Promise<T> {
  return withTexts(loadExchangeTexts, view)
}

/** A lazy reporting page: its chunk and the texts (i18n/reporting.ts) load together. */
function reportingPage<T>(view: () => Promise<T>): () => Promise<T> {
  return withTexts(loadReportingTexts, view)
}

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/LoginView.vue'),
    meta: { public: true, titleKey: 'menu.login' },
  },
  {
    path: '/register',
    name: 'register',
    component: () => import('@/views/RegisterView.vue'),
    meta: { public: true, titleKey: 'menu.register' },
  },
  {
    path: '/forgot-password',
    name: 'forgot-password',
    component: () => import('@/views/ForgotPasswordView.vue'),
    meta: { public: true, titleKey: 'menu.forgotPassword' },
  },
  {
    path: '/public/inspections',
    name: 'public-inspections',
    component: inspectionPage(() => import('@/views/PublicInspectionsView.vue')),
    meta: { public: true, titleKey: 'menu.publicInspections' },
  },
  {
    path: '/public/lookup',
    name: 'public-lookup',
    component: acceptancePage(() => import('@/views/PublicLookupView.vue')),
    meta: { public: true, titleKey: 'menu.publicLookup' },
  },
  {
    // 计量数据验签: OCMF signed meter values of a charging receipt (linked from 公众查询)
    path: '/public/ocmf',
    name: 'public-ocmf',
    component: withTexts(loadOcmfTexts, () => import('@/views/PublicOcmfView.vue')),
    meta: { public: true, titleKey: 'menu.publicOcmf' },
  },
  {
    path: '/',
    component: () => import('@/components/layout/AppLayout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { titleKey: 'menu.home' } },
      {
        path: 'statistics',
        name: 'statistics',
        component: withTexts(loadStatisticsTexts, () => import('@/views/statistics/StatisticsView.vue')),
        meta: { roles: [...STATISTICS_ROLES], titleKey: 'menu.statistics' },
      },
      {
        path: 'annual-reports',
        name: 'annual-reports',
        component: reportingPage(() => import('@/views/reporting/AnnualReportsView.vue')),
        meta: { roles: [...REPORT_ROLES], titleKey: 'menu.annualReports', emptyKey: 'rptEmpty.annual' },
      },
      {
        path: 'annual-reports/:id(\\d+)',
        name: 'annual-report-detail',
        component: reportingPage(() => import('@/views/reporting/AnnualReportDetailView.vue')),
        meta: { roles: [...REPORT_ROLES], titleKey: 'menu.annualReportDetail', parent: ['annual-reports'] },
      },
      {
        path: 'problem-reports',
        name: 'problem-reports',
        component: reportingPage(() => import('@/views/reporting/ProblemReportsView.vue')),
        meta: { roles: [...REPORT_ROLES], titleKey: 'menu.problemReports', emptyKey: 'rptEmpty.problems' },
      },
      {
        path: 'problem-reports/:id(\\d+)',
        name: 'problem-report-detail',
        component: reportingPage(() => import('@/views/reporting/ProblemReportDetailView.vue')),
        meta: { roles: [...REPORT_ROLES], titleKey: 'menu.problemReportDetail', parent: ['problem-reports'] },
      },
      {
        path: 'bulletins',
        name: 'bulletins',
        component: reportingPage(() => import('@/views/reporting/BulletinsView.vue')),
        meta: { roles: [...BULLETIN_READERS], titleKey: 'menu.bulletins', emptyKey: 'rptEmpty.bulletins' },
      },
      {
        path: 'bulletins/:id(\\d+)',
        name: 'bulletin-detail',
        component: reportingPage(() => import('@/views/reporting/BulletinDetailView.vue')),
        meta: { roles: [...BULLETIN_READERS], titleKey: 'menu.bulletinDetail', parent: ['bulletins'] },
      },
      {
        path: 'institute-report',
        name: 'institute-report',
        component: reportingPage(() => import('@/views/reporting/InstituteReportView.vue')),
        meta: { roles: [...INSTITUTE_REPORT_ROLES], titleKey: 'menu.instituteReport' },
      },
      {
        path: 'milestones',
        name: 'milestones',
        component: reportingPage(() => import('@/views/reporting/MilestonesView.vue')),
        meta: { roles: ['city_regulator'], titleKey: 'menu.milestones', emptyKey: 'rptEmpty.milestones' },
      },
      {
        path: 'announcements',
        name: 'announcements',
        component: () => import('@/views/AnnouncementsView.vue'),
        meta: { titleKey: 'menu.announcements', emptyKey: 'emptyList.announcements' },
      },
      { path: 'inbox', name: 'inbox', component: () => import('@/views/InboxView.vue'), meta: { titleKey: 'menu.inbox', emptyKey: 'emptyList.inbox' } },
      {
        path: 'instruments',
        name: 'instruments',
        component: () => import('@/views/instruments/MyInstrumentsView.vue'),
        meta: { roles: [...ENTERPRISE], titleKey: 'menu.instruments', emptyKey: 'emptyList.instruments' },
      },
      {
        path: 'instruments/new',
        name: 'instrument-new',
        component: () => import('@/views/instruments/InstrumentEditView.vue'),
        meta: { roles: [...ENTERPRISE], titleKey: 'menu.instrumentNew' },
      },
      {
        path: 'instruments/import',
        name: 'instrument-import',
        component: () => import('@/views/instruments/ImportView.vue'),
        meta: { roles: [...ENTERPRISE], titleKey: 'menu.instrumentImport' },
      },
      {
        path: 'instruments/pending',
        name: 'instruments-pending',
        component: () => import('@/views/instruments/PendingView.vue'),
        meta: { roles: [...ENTERPRISE], titleKey: 'menu.instrumentsPending', emptyKey: 'emptyList.pending' },
      },
      {
        path: 'instruments/:id(\\d+)',
        name: 'instrument-detail',
        component: () => import('@/views/instruments/InstrumentDetailView.vue'),
        meta: { roles: ['enterprise', ...REGULATORS], titleKey: 'menu.instrumentDetail', parent: ['instruments', 'review'] },
      },
      {
        path: 'instruments/:id(\\d+)/edit',
        name: 'instrument-edit',
        component: () => import('@/views/instruments/InstrumentEditView.vue'),
        meta: { roles: [...ENTERPRISE], titleKey: 'menu.instrumentEdit', parent: ['instruments'] },
      },
      {
        path: 'review',
        name: 'review',
        component: () => import('@/views/instruments/ReviewView.vue'),
        meta: { roles: [...REGULATORS], titleKey: 'menu.review', emptyKey: 'emptyList.review' },
      },
      {
        path: 'archive',
        name: 'archive',
        component: () => import('@/views/instruments/ArchiveView.vue'),
        meta: { roles: [...REGULATORS], titleKey: 'menu.archive', emptyKey: 'emptyList.archive' },
      },
      {
        path: 'catalogue',
        name: 'catalogue',
        component: () => import('@/views/instruments/CatalogueView.vue'),
        meta: { roles: [...BUSINESS], titleKey: 'menu.catalogue', emptyKey: 'emptyList.catalogue' },
      },
      {
        path: 'appointments',
        name: 'appointments',
        component: () => import('@/views/appointments/AppointmentsView.vue'),
        meta: { roles: [...ENTERPRISE], titleKey: 'menu.appointments', emptyKey: 'emptyList.appointments' },
      },
      {
        path: 'appointments/new',
        name: 'appointment-new',
        component: () => import('@/views/appointments/AppointmentEditView.vue'),
        meta: { roles: [...ENTERPRISE], titleKey: 'menu.appointmentNew', parent: ['appointments'] },
      },
      {
        path: 'appointments/:id(\\d+)/edit',
        name: 'appointment-edit',
        component: () => import('@/views/appointments/AppointmentEditView.vue'),
        meta: { roles: [...ENTERPRISE], titleKey: 'menu.appointmentEdit', parent: ['appointments'] },
      },
      {
        path: 'appointments/:id(\\d+)',
        name: 'appointment-detail',
        component: () => import('@/views/appointments/AppointmentDetailView.vue'),
        meta: { roles: [...VERIFICATION_READERS], titleKey: 'menu.appointmentDetail', parent: ['appointments', 'institute-appointments'] },
      },
      {
        path: 'institute/appointments',
        name: 'institute-appointments',
        component: () => import('@/views/appointments/InstituteAppointmentsView.vue'),
        meta: { roles: [...INSTITUTE], titleKey: 'menu.instituteAppointments', emptyKey: 'emptyList.instituteAppointments' },
      },
      {
        path: 'verifications',
        name: 'verifications',
        component: () => import('@/views/verifications/VerificationsView.vue'),
        meta: { roles: [...INSTITUTE], titleKey: 'menu.verifications', emptyKey: 'emptyList.verifications' },
      },
      {
        path: 'verifications/new',
        name: 'verification-new',
        component: () => import('@/views/verifications/VerificationEditView.vue'),
        meta: { roles: [...INSTITUTE], titleKey: 'menu.verificationNew', parent: ['verifications'] },
      },
      {
        path: 'verifications/:id(\\d+)',
        name: 'verification-detail',
        component: () => import('@/views/verifications/VerificationEditView.vue'),
        meta: { roles: [...VERIFICATION_READERS], titleKey: 'menu.verificationDetail', parent: ['verifications', 'appointments'] },
      },
      {
        path: 'institute/profile',
        name: 'institute-profile',
        component: () => import('@/views/verifications/InstituteProfileView.vue'),
        meta: { roles: [...INSTITUTE], titleKey: 'menu.instituteProfile' },
      },
      {
        path: 'institute/standards',
        name: 'standards',
        component: () => import('@/views/verifications/StandardsView.vue'),
        meta: { roles: [...INSTITUTE], titleKey: 'menu.standards', emptyKey: 'emptyList.standards' },
      },
      {
        path: 'certificates',
        name: 'certificates',
        component: () => import('@/views/certificates/CertificatesView.vue'),
        meta: { roles: [...VERIFICATION_READERS], titleKey: 'menu.certificates', emptyKey: 'emptyList.certificates' },
      },
      {
        path: 'certificates/:number',
        name: 'certificate-detail',
        component: () => import('@/views/certificates/CertificateDetailView.vue'),
        meta: { roles: [...VERIFICATION_READERS], titleKey: 'menu.certificateDetail', parent: ['certificates'] },
      },
      {
        path: 'supervision/verification',
        name: 'supervision-verification',
        component: () => import('@/views/supervision/VerificationSummaryView.vue'),
        meta: { roles: [...REGULATORS], titleKey: 'menu.supervision', emptyKey: 'emptyList.supervision' },
      },
      {
        path: 'supervision/sampling',
        name: 'sampling-plans',
        component: () => import('@/views/supervision/SamplingPlansView.vue'),
        meta: { roles: [...SAMPLING_READERS], titleKey: 'menu.samplingPlans', emptyKey: 'emptyList.samplingPlans' },
      },
      {
        path: 'supervision/sampling/:id(\\d+)',
        name: 'sampling-plan-detail',
        component: () => import('@/views/supervision/SamplingPlanDetailView.vue'),
        meta: { roles: [...SAMPLING_READERS], titleKey: 'menu.samplingPlanDetail', parent: ['sampling-plans'] },
      },
      {
        path: 'supervision/rectifications',
        name: 'rectifications',
        component: () => import('@/views/supervision/RectificationsView.vue'),
        meta: { roles: [...RECTIFICATION_ROLES], titleKey: 'menu.rectifications', emptyKey: 'emptyList.rectifications' },
      },
      {
        path: 'supervision/rectifications/:id(\\d+)',
        name: 'rectification-detail',
        component: () => import('@/views/supervision/RectificationDetailView.vue'),
        meta: { roles: [...RECTIFICATION_ROLES], titleKey: 'menu.rectificationDetail', parent: ['rectifications'] },
      },
      {
        // 在用未备案核查: the charging platform's inventory against the filed chargers (T/CEC 102)
        path: 'supervision/reconciliation',
        name: 'supervision-reconciliation',
        component: exchangePage(() => import('@/views/supervision/ReconciliationView.vue')),
        meta: { roles: [...REGULATORS], titleKey: 'menu.reconciliation' },
      },
      {
        // 计量作弊线索: the charge-order rules' alerts, triaged by the bureaus
        path: 'supervision/alerts',
        name: 'supervision-alerts',
        component: exchangePage(() => import('@/views/supervision/AlertsView.vue')),
        meta: { roles: [...REGULATORS], titleKey: 'menu.alerts' },
      },
      {
        path: 'supervision/alerts/:id(\\d+)',
        name: 'supervision-alert-detail',
        component: exchangePage(() => import('@/views/supervision/AlertDetailView.vue')),
        meta: { roles: [...REGULATORS], titleKey: 'menu.alertDetail', parent: ['supervision-alerts'] },
      },
      {
        path: 'supervision/inspection/items',
        name: 'inspection-items',
        component: inspectionPage(() => import('@/views/supervision/inspection/InspectionItemsView.vue')),
        meta: { roles: [...INSPECTION_ROLES], titleKey: 'menu.inspectionItems', emptyKey: 'inspEmpty.items' },
      },
      {
        path: 'supervision/inspection/library',
        name: 'inspection-library',
        component: inspectionPage(() => import('@/views/supervision/inspection/InspectionLibraryView.vue')),
        meta: { roles: [...INSPECTION_ROLES], titleKey: 'menu.inspectionLibrary' },
      },
      {
        path: 'supervision/inspection/plans',
        name: 'inspection-plans',
        component: inspectionPage(() => import('@/views/supervision/inspection/InspectionPlansView.vue')),
        meta: { roles: [...INSPECTION_ROLES], titleKey: 'menu.inspectionPlans', emptyKey: 'inspEmpty.plans' },
      },
      {
        path: 'supervision/inspection/tasks',
        name: 'inspection-tasks',
        component: inspectionPage(() => import('@/views/supervision/inspection/InspectionTasksView.vue')),
        meta: { roles: [...INSPECTION_ROLES], titleKey: 'menu.inspectionTasks', emptyKey: 'inspEmpty.tasks' },
      },
      {
        path: 'supervision/inspection/tasks/new',
        name: 'inspection-task-new',
        component: inspectionPage(() => import('@/views/supervision/inspection/InspectionTaskNewView.vue')),
        meta: { roles: [...INSPECTION_ROLES], titleKey: 'menu.inspectionTaskNew', parent: ['inspection-tasks'] },
      },
      {
        path: 'supervision/inspection/tasks/:id(\\d+)',
        name: 'inspection-task-detail',
        component: inspectionPage(() => import('@/views/supervision/inspection/InspectionTaskDetailView.vue')),
        meta: { roles: [...INSPECTION_ROLES], titleKey: 'menu.inspectionTaskDetail', parent: ['inspection-tasks'] },
      },
      {
        path: 'supervision/inspection/tasks/:id(\\d+)/objects/:oid(\\d+)',
        name: 'inspection-record',
        component: inspectionPage(() => import('@/views/supervision/inspection/InspectionRecordView.vue')),
        meta: { roles: [...INSPECTION_ROLES], titleKey: 'menu.inspectionRecord', parent: ['my-inspections', 'inspection-tasks'] },
      },
      {
        path: 'supervision/inspection/mine',
        name: 'my-inspections',
        component: inspectionPage(() => import('@/views/supervision/inspection/MyInspectionsView.vue')),
        meta: { roles: [...INSPECTION_ROLES], titleKey: 'menu.myInspections', emptyKey: 'inspEmpty.mine' },
      },
      {
        path: 'supervision/inspection/statistics',
        name: 'inspection-statistics',
        component: inspectionPage(() => import('@/views/supervision/inspection/InspectionStatisticsView.vue')),
        meta: { roles: [...INSPECTION_ROLES], titleKey: 'menu.inspectionStatistics' },
      },
      {
        path: 'supervision/work-calendar',
        name: 'work-calendar',
        component: inspectionPage(() => import('@/views/supervision/inspection/WorkCalendarView.vue')),
        meta: { roles: ['city_regulator'], titleKey: 'menu.workCalendar', emptyKey: 'inspEmpty.calendar' },
      },
      {
        path: 'acceptance-checks',
        name: 'acceptance-checks',
        component: acceptancePage(() => import('@/views/acceptance/AcceptanceChecksView.vue')),
        meta: { roles: [...ACCEPTANCE_READERS], titleKey: 'menu.acceptanceChecks', emptyKey: 'accEmpty.checks' },
      },
      {
        path: 'acceptance-checks/new',
        name: 'acceptance-check-new',
        component: acceptancePage(() => import('@/views/acceptance/AcceptanceCheckNewView.vue')),
        meta: { roles: ['drc'], titleKey: 'menu.acceptanceCheckNew', parent: ['acceptance-checks'] },
      },
      {
        path: 'acceptance-checks/:id(\\d+)',
        name: 'acceptance-check-detail',
        component: acceptancePage(() => import('@/views/acceptance/AcceptanceCheckDetailView.vue')),
        meta: { roles: [...ACCEPTANCE_READERS], titleKey: 'menu.acceptanceCheckDetail', parent: ['acceptance-checks'] },
      },
      {
        path: 'password',
        name: 'password',
        component: () => import('@/views/PasswordView.vue'),
        meta: { titleKey: 'menu.password' },
      },
      {
        path: 'admin/orgs',
        name: 'admin-orgs',
        component: () => import('@/views/admin/OrgsView.vue'),
        meta: { roles: [...ADMIN], titleKey: 'menu.adminOrgs', emptyKey: 'emptyList.orgs' },
      },
      {
        path: 'admin/users',
        name: 'admin-users',
        component: () => import('@/views/admin/UsersView.vue'),
        meta: { roles: [...ADMIN], titleKey: 'menu.adminUsers', emptyKey: 'emptyList.users' },
      },
      {
        // 平台对接: the T/CEC 102 operator accounts and their secrets, shown once
        path: 'admin/tcec-operators',
        name: 'admin-tcec-operators',
        component: exchangePage(() => import('@/views/admin/TcecOperatorsView.vue')),
        meta: { roles: [...ADMIN], titleKey: 'menu.adminTcecOperators' },
      },
      {
        // 分时电价表: the time-of-use tariffs the charge-order rules compare prices with
        path: 'admin/tou-tariffs',
        name: 'admin-tou-tariffs',
        component: exchangePage(() => import('@/views/admin/TouTariffsView.vue')),
        meta: { roles: [...ADMIN], titleKey: 'menu.adminTouTariffs' },
      },
      {
        path: 'admin/notifications',
        name: 'admin-notifications',
        component: () => import('@/views/admin/NotificationsView.vue'),
        meta: { roles: [...ADMIN], titleKey: 'menu.adminNotifications', emptyKey: 'emptyList.notifications' },
      },
      {
        path: 'admin/audit',
        name: 'admin-audit',
        component: () => import('@/views/admin/AuditView.vue'),
        meta: { roles: [...ADMIN], titleKey: 'menu.adminAudit', emptyKey: 'emptyList.audit' },
      },
      {
        path: '403',
        name: 'forbidden',
        component: () => import('@/views/ForbiddenView.vue'),
        meta: { titleKey: 'menu.forbidden', noTag: true },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { public: true, titleKey: 'menu.notFound' },
  },
]
