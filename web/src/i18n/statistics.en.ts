// English text of the statistics dashboards. Same keys as statistics.zh-CN.ts (checked by
// statistics.test.ts); loaded with the dashboard and the home overview (statistics.ts).
import type zhCN from './statistics.zh-CN'
import type { DeepStringRecord } from './types'

const en: DeepStringRecord<typeof zhCN> = {
  dashPage: {
    heading: 'Statistics of mandatory measuring instruments',
    asOf: 'As of {date}',
    yearOption: '{year}',
    allRegions: 'All districts',
    allTypes: 'All instrument types',
    allOperators: 'All operators',
    yearHint: 'The year applies to the monthly trends, failure items and supervision figures; the rest is as of today. Click a card or chart to open the instruments behind it.',
    print: 'Print',
    kpis: 'Key figures',
    supervision: 'Supervision in {year}',
    loadFailed: 'The statistics could not be loaded',
  },
  dashHome: {
    title: 'Mandatory instruments at a glance',
    open: 'Open the statistics',
  },
  dashFilter: {
    year: 'Year',
    region: 'District',
    type: 'Instrument type',
    operator: 'Operator',
  },
  dashKpi: {
    filed: 'Filed instruments',
    approved: 'Approved',
    valid: 'Verification valid',
    due_30d: 'Due within 30 days',
    overdue: 'Overdue',
    never_verified: 'Never verified',
    failed: 'Failed, stop use',
    enterprises: 'Operators',
    connectors: 'Connectors',
    first_use_unverified: 'In use, never verified',
    first_pass_rate: 'First-attempt pass rate',
    sampling_coverage: 'Sampling coverage',
    inspection_completion: 'Random inspections done',
    inspection_publication: 'Inspection results published',
    rectifications_open: 'Rectifications open',
    rectifications_overdue: 'Rectifications overdue',
  },
  dashKpiHint: {
    first_use_unverified: 'In use since {date}',
    first_pass_rate: '{year}: {passed}/{first} units',
    sampling_coverage: '{year}: {covered}/{strata} strata',
    inspection_completion: '{year}: {done}/{objects} enterprises',
    inspection_publication: '{year}: {published}/{objects} enterprises',
  },
  dashChart: {
    byDistrict: 'Verification state per district',
    byType: 'By instrument type',
    byUse: 'By use',
    byBrand: 'Brands and models (top 20)',
    byOperator: 'Operators with the most overdue instruments (top 10)',
    trends: 'Monthly trends, {year}',
    failureItems: 'Failure items, {year}',
    month: 'M{m}',
    noBrand: 'No brand or model',
    operator: 'Operator',
    filedSeries: 'Filed instruments',
    failureSeries: 'Failures',
  },
  dashCount: {
    filed: 'Filed',
    approved: 'Approved',
    valid: 'Valid',
    valid_later: 'Valid (not due in 30 days)',
    due_30d: 'Due within 30 days',
    overdue: 'Overdue',
    never_verified: 'Never verified',
    failed: 'Failed',
  },
  dashTrend: {
    filed: 'Approved filings',
    verified: 'Verified',
    failed: 'Failed',
    expired: 'Expired, not verified',
  },
}

export default en
