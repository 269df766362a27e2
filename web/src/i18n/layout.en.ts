// English text of the page frame (spread into en.ts).
import type layoutZh from './layout.zh-CN'
import type { DeepStringRecord } from './types'

const layout: DeepStringRecord<typeof layoutZh> = {
  menuGroup: {
    filing: 'Filing',
    verification: 'Verification',
    supervision: 'Supervision',
    system: 'System',
  },
  breadcrumb: { label: 'You are here' },
  tagsView: {
    label: 'Open pages',
    actions: 'Tab actions',
    refresh: 'Reload page',
    close: 'Close',
    closeOthers: 'Close others',
    closeAll: 'Close all',
  },
  footer: {
    organiser: 'Organiser: {value}',
    support: 'Technical support: {value}',
    icp: 'ICP licence: {value}',
    complaintPhone: 'Complaints: {value}',
  },
  emptyList: {
    noMatch: 'Nothing matches these filters',
    instruments: 'No instruments yet: click New instrument to enter one, or Batch import to load the Excel template',
    pending: 'Nothing to apply for: saved instruments (entered or imported) wait here for the filing application',
    pendingReturned: 'No returned filings',
    review: 'No filings awaiting review',
    archive: 'No enterprises yet: an enterprise appears once it applies for a filing in this district',
    catalogue: 'No instrument types yet: the city bureau adds them here',
    appointments: 'No appointments yet: click New appointment, or pick filed instruments in My instruments and book them',
    instituteAppointments: 'No appointments: those enterprises submit are listed under To accept',
    verifications: 'No verification records: open a scheduled appointment in Appointments to accept and record each instrument',
    standards: 'No standards yet: click New standard to register the institute’s measurement standards',
    certificates: 'No certificates yet: once a record is approved, its certificate or result notice is listed here',
    supervision: 'No district statistics',
    samplingPlans: 'No sampling plans yet: click New plan to plan a sampling verification and draw its sample',
    samplingPlansReader: 'No sampling plans yet: the plans the city bureau makes are listed here',
    rectifications: 'No rectification orders: orders issued on a failed sampling verification, an instrument that cannot be verified, a sampling follow-up or a random inspection are listed here',
    rectificationsEnterprise: 'No rectification orders',
    orgs: 'No organisations yet: click New organisation',
    users: 'No users yet: click New user',
    notifications: 'No messages sent',
    audit: 'No audit entries',
    inbox: 'No messages',
    announcements: 'No announcements',
    announcementsManager: 'No announcements yet: click New announcement to publish one',
    picker: 'No filed instruments: an instrument can be booked once its filing is approved',
  },
}

export default layout
