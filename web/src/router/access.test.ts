import { describe, expect, it } from 'vitest'
import { createRouter, createMemoryHistory } from 'vue-router'
import { ROLES } from '@/lib/api/types'
import { canOpen, decideAccess } from './access'
import { menuFor } from './menu'
import { breadcrumbFor } from './breadcrumb'
import { routes } from './routes'

describe('decideAccess', () => {
  it('lets anyone open public routes', () => {
    expect(decideAccess({ public: true }, null)).toBe('allow')
    expect(decideAccess({ public: true, roles: ['sysadmin'] }, 'enterprise')).toBe('allow')
  })

  it('sends signed-out users to login', () => {
    expect(decideAccess({}, null)).toBe('login')
    expect(decideAccess({ roles: ['sysadmin'] }, null)).toBe('login')
  })

  it('forbids roles outside the list', () => {
    expect(decideAccess({ roles: ['sysadmin'] }, 'enterprise')).toBe('forbidden')
    expect(decideAccess({ roles: ['sysadmin'] }, 'city_regulator')).toBe('forbidden')
    expect(decideAccess({ roles: ['sysadmin'] }, 'sysadmin')).toBe('allow')
  })

  it('allows any signed-in role when no roles are given', () => {
    for (const r of ROLES) expect(decideAccess({}, r)).toBe('allow')
  })
})

describe('routes and menu', () => {
  const router = createRouter({ history: createMemoryHistory(), routes })

  it('guards every admin route for sysadmin only', () => {
    const admin = router.getRoutes().filter((r) => r.path.startsWith('/admin'))
    expect(admin.length).toBeGreaterThanOrEqual(4)
    for (const r of admin) {
      expect(decideAccess(r.meta, 'enterprise')).toBe('forbidden')
      expect(decideAccess(r.meta, 'sysadmin')).toBe('allow')
    }
  })

  it('shows the enterprise its instrument pages', () => {
    expect(menuFor('enterprise', router.getRoutes()).map((m) => m.route)).toEqual([
      'home',
      'instruments',
      'instrument-new',
      'instrument-import',
      'instruments-pending',
      'appointments',
      'certificates',
      'rectifications',
      'acceptance-checks',
      'catalogue',
      'announcements',
      'inbox',
    ])
    const certs = menuFor('enterprise', router.getRoutes()).find((m) => m.route === 'certificates')
    expect(certs?.titleKey).toBe('menu.myCertificates')
  })

  it('shows regulators statistics, the reports, review, archive, certificates, supervision, sampling, rectifications, random inspections and catalogue', () => {
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      expect(menuFor(role, router.getRoutes()).map((m) => m.path)).toEqual([
        '/',
        '/statistics',
        '/annual-reports',
        '/problem-reports',
        ...(role === 'city_regulator' ? ['/bulletins', '/institute-report', '/milestones'] : []),
        '/review',
        '/archive',
        '/certificates',
        '/supervision/verification',
        '/supervision/sampling',
        '/supervision/rectifications',
        '/supervision/reconciliation',
        '/supervision/alerts',
        '/supervision/inspection/items',
        '/supervision/inspection/library',
        '/supervision/inspection/plans',
        '/supervision/inspection/tasks',
        '/supervision/inspection/mine',
        '/supervision/inspection/statistics',
        ...(role === 'city_regulator' ? ['/supervision/work-calendar', '/acceptance-checks'] : []),
        '/catalogue',
        '/announcements',
        '/inbox',
      ])
      expect(menuFor(role, router.getRoutes()).find((m) => m.route === 'certificates')?.titleKey).toBe('menu.certificates')
    }
  })

  it('shows the institute its statistics, appointments, records, standards, profile and certificates', () => {
    expect(menuFor('institute', router.getRoutes()).map((m) => m.path)).toEqual([
      '/',
      '/institute-report',
      '/institute/appointments',
      '/verifications',
      '/institute/standards',
      '/institute/profile',
      '/certificates',
      '/supervision/sampling',
      '/catalogue',
      '/announcements',
      '/inbox',
    ])
  })

  it('shows the DRC its statistics and bulletins beside the catalogue', () => {
    expect(menuFor('drc', router.getRoutes()).map((m) => m.path)).toEqual(['/', '/statistics', '/bulletins', '/acceptance-checks', '/catalogue', '/announcements', '/inbox'])
  })

  it('lets the city and district bureaus and the DRC open 统计分析, lazily with its texts, outside the menu sections', () => {
    const page = router.resolve('/statistics')
    expect(page.name).toBe('statistics')
    for (const role of ['city_regulator', 'district_regulator', 'drc'] as const) expect(decideAccess(page.meta, role), role).toBe('allow')
    for (const role of ['enterprise', 'institute', 'sysadmin'] as const) expect(decideAccess(page.meta, role), role).toBe('forbidden')
    expect(decideAccess(page.meta, null)).toBe('login')
    expect(typeof router.getRoutes().find((r) => r.name === 'statistics')?.components?.default).toBe('function')
    const item = menuFor('city_regulator', router.getRoutes()).find((m) => m.route === 'statistics')
    expect(item).toMatchObject({ titleKey: 'menu.statistics', path: '/statistics' })
    expect(item?.group).toBeUndefined()
    for (const role of ['enterprise', 'institute', 'sysadmin'] as const) expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'statistics')).toBe(false)
  })

  it('lets the drill-downs of 统计分析 open the registry list for the bureaus only', () => {
    const review = router.resolve({ path: '/review', query: { status: 'approved', verification: 'overdue', region_code: '420103', type_code: 'ev_dc_charger' } })
    expect(review.name).toBe('review')
    expect(canOpen(review, 'city_regulator')).toBe(true)
    expect(canOpen(review, 'district_regulator')).toBe(true)
    expect(canOpen(review, 'drc')).toBe(false)
  })

  it('gives every item of a role\'s menu its own icon', () => {
    for (const role of ROLES) {
      const items = menuFor(role, router.getRoutes())
      expect(new Set(items.map((m) => m.icon)).size, `${role}: ${items.map((m) => m.route).join(',')}`).toBe(items.length)
    }
  })

  it('keeps the items of each menu group together for every role', () => {
    for (const role of ROLES) {
      const groups = menuFor(role, router.getRoutes()).map((m) => m.group ?? '')
      const runs = groups.filter((g, i) => g !== '' && g !== groups[i - 1])
      expect(new Set(runs).size, `${role}: ${groups.join(',')}`).toBe(runs.length)
    }
  })

  it('lets the city bureau, district bureaus and the institute read sampling plans', () => {
    const meta = (name: string) => router.getRoutes().find((r) => r.name === name)!.meta
    for (const name of ['sampling-plans', 'sampling-plan-detail']) {
      for (const role of ['city_regulator', 'district_regulator', 'institute'] as const) expect(decideAccess(meta(name), role)).toBe('allow')
      for (const role of ['enterprise', 'drc', 'sysadmin'] as const) expect(decideAccess(meta(name), role)).toBe('forbidden')
    }
    expect(router.resolve('/supervision/sampling').name).toBe('sampling-plans')
    expect(router.resolve('/supervision/sampling/12').name).toBe('sampling-plan-detail')
    expect(menuFor('city_regulator', router.getRoutes()).find((m) => m.route === 'sampling-plans')?.group).toBe('supervision')
  })

  it('lets the enterprise and the regulators open rectification orders, under their own menu titles', () => {
    const meta = (name: string) => router.getRoutes().find((r) => r.name === name)!.meta
    for (const name of ['rectifications', 'rectification-detail']) {
      for (const role of ['enterprise', 'district_regulator', 'city_regulator'] as const) expect(decideAccess(meta(name), role)).toBe('allow')
      for (const role of ['institute', 'drc', 'sysadmin'] as const) expect(decideAccess(meta(name), role)).toBe('forbidden')
    }
    expect(router.resolve('/supervision/rectifications').name).toBe('rectifications')
    expect(router.resolve('/supervision/rectifications/5').name).toBe('rectification-detail')
    const item = (role: 'enterprise' | 'district_regulator' | 'city_regulator') => menuFor(role, router.getRoutes()).find((m) => m.route === 'rectifications')
    expect(item('enterprise')?.titleKey).toBe('menu.myRectifications')
    for (const role of ['district_regulator', 'city_regulator'] as const) expect(item(role)).toMatchObject({ titleKey: 'menu.rectifications', group: 'supervision' })
  })

  it('lets district and city regulators open the random inspection pages, under 监督管理', () => {
    const meta = (name: string) => router.getRoutes().find((r) => r.name === name)!.meta
    const pages = [
      'inspection-items',
      'inspection-library',
      'inspection-plans',
      'inspection-tasks',
      'inspection-task-new',
      'inspection-task-detail',
      'inspection-record',
      'my-inspections',
      'inspection-statistics',
    ]
    for (const name of pages) {
      for (const role of ['district_regulator', 'city_regulator'] as const) expect(decideAccess(meta(name), role), `${name} ${role}`).toBe('allow')
      for (const role of ['enterprise', 'institute', 'drc', 'sysadmin'] as const) expect(decideAccess(meta(name), role), `${name} ${role}`).toBe('forbidden')
      expect(decideAccess(meta(name), null)).toBe('login')
    }
    expect(decideAccess(meta('work-calendar'), 'city_regulator')).toBe('allow')
    for (const role of ['district_regulator', 'enterprise', 'institute', 'drc', 'sysadmin'] as const) expect(decideAccess(meta('work-calendar'), role)).toBe('forbidden')
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      const items = menuFor(role, router.getRoutes()).filter((m) => m.route.startsWith('inspection') || m.route === 'my-inspections' || m.route === 'work-calendar')
      expect(items.length).toBe(role === 'city_regulator' ? 7 : 6)
      for (const m of items) expect(m.group).toBe('supervision')
    }
    for (const role of ['enterprise', 'institute', 'drc', 'sysadmin'] as const) {
      expect(menuFor(role, router.getRoutes()).some((m) => m.route.includes('inspection') || m.route === 'work-calendar')).toBe(false)
    }
  })

  it('resolves random inspection paths to the right pages', () => {
    expect(router.resolve('/supervision/inspection/items').name).toBe('inspection-items')
    expect(router.resolve('/supervision/inspection/library').name).toBe('inspection-library')
    expect(router.resolve('/supervision/inspection/plans').name).toBe('inspection-plans')
    expect(router.resolve('/supervision/inspection/tasks').name).toBe('inspection-tasks')
    expect(router.resolve('/supervision/inspection/tasks/new').name).toBe('inspection-task-new')
    expect(router.resolve('/supervision/inspection/tasks/12').name).toBe('inspection-task-detail')
    expect(router.resolve('/supervision/inspection/tasks/12/objects/40').name).toBe('inspection-record')
    expect(router.resolve('/supervision/inspection/tasks/x/objects/40').name).toBe('not-found')
    expect(router.resolve('/supervision/inspection/mine').name).toBe('my-inspections')
    expect(router.resolve('/supervision/inspection/statistics').name).toBe('inspection-statistics')
    expect(router.resolve('/supervision/work-calendar').name).toBe('work-calendar')
    expect(canOpen(router.resolve('/supervision/inspection/tasks/12/objects/40'), 'district_regulator')).toBe(true)
    expect(canOpen(router.resolve('/supervision/inspection/tasks/12/objects/40'), 'enterprise')).toBe(false)
  })

  it('opens 信息公示 to everyone, signed in or not, outside the menu', () => {
    const page = router.resolve('/public/inspections')
    expect(page.name).toBe('public-inspections')
    for (const role of [...ROLES, null]) expect(decideAccess(page.meta, role)).toBe('allow')
    for (const role of ROLES) expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'public-inspections')).toBe(false)
  })

  it('lets the DRC start acceptance checks and the city bureau and enterprises read them, under 监督管理', () => {
    const meta = (name: string) => router.getRoutes().find((r) => r.name === name)!.meta
    for (const name of ['acceptance-checks', 'acceptance-check-detail']) {
      for (const role of ['drc', 'city_regulator', 'enterprise'] as const) expect(decideAccess(meta(name), role), `${name} ${role}`).toBe('allow')
      for (const role of ['district_regulator', 'institute', 'sysadmin'] as const) expect(decideAccess(meta(name), role), `${name} ${role}`).toBe('forbidden')
      expect(decideAccess(meta(name), null)).toBe('login')
    }
    expect(decideAccess(meta('acceptance-check-new'), 'drc')).toBe('allow')
    for (const role of ['city_regulator', 'enterprise', 'district_regulator', 'institute', 'sysadmin'] as const) {
      expect(decideAccess(meta('acceptance-check-new'), role), role).toBe('forbidden')
    }
    expect(router.resolve('/acceptance-checks').name).toBe('acceptance-checks')
    expect(router.resolve('/acceptance-checks/new').name).toBe('acceptance-check-new')
    expect(router.resolve('/acceptance-checks/7').name).toBe('acceptance-check-detail')
    expect(router.resolve('/acceptance-checks/x').name).toBe('not-found')
    expect(menuFor('drc', router.getRoutes()).map((m) => m.path)).toEqual(['/', '/statistics', '/bulletins', '/acceptance-checks', '/catalogue', '/announcements', '/inbox'])
    for (const role of ['drc', 'city_regulator', 'enterprise'] as const) {
      expect(menuFor(role, router.getRoutes()).find((m) => m.route === 'acceptance-checks')).toMatchObject({ titleKey: 'menu.acceptanceChecks', group: 'supervision' })
    }
    for (const role of ['district_regulator', 'institute', 'sysadmin'] as const) {
      expect(menuFor(role, router.getRoutes()).some((m) => m.route.startsWith('acceptance'))).toBe(false)
    }
  })

  it('lets the district and city bureaus open 年度工作报告 and 重大问题上报, beside 统计分析', () => {
    const meta = (name: string) => router.getRoutes().find((r) => r.name === name)!.meta
    for (const name of ['annual-reports', 'annual-report-detail', 'problem-reports', 'problem-report-detail']) {
      for (const role of ['district_regulator', 'city_regulator'] as const) expect(decideAccess(meta(name), role), `${name} ${role}`).toBe('allow')
      for (const role of ['enterprise', 'institute', 'drc', 'sysadmin'] as const) expect(decideAccess(meta(name), role), `${name} ${role}`).toBe('forbidden')
      expect(decideAccess(meta(name), null)).toBe('login')
    }
    expect(router.resolve('/annual-reports').name).toBe('annual-reports')
    expect(router.resolve('/annual-reports/3').name).toBe('annual-report-detail')
    expect(router.resolve('/annual-reports/city').name).toBe('not-found')
    expect(router.resolve('/problem-reports').name).toBe('problem-reports')
    expect(router.resolve('/problem-reports/5').name).toBe('problem-report-detail')
    expect(router.resolve('/problem-reports/x').name).toBe('not-found')
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      const paths = menuFor(role, router.getRoutes()).map((m) => m.path)
      expect(paths.slice(1, 4)).toEqual(['/statistics', '/annual-reports', '/problem-reports'])
      expect(menuFor(role, router.getRoutes()).find((m) => m.route === 'annual-reports')).toMatchObject({ titleKey: 'menu.annualReports' })
      expect(menuFor(role, router.getRoutes()).find((m) => m.route === 'problem-reports')).toMatchObject({ titleKey: 'menu.problemReports' })
      for (const r of ['annual-reports', 'problem-reports']) expect(menuFor(role, router.getRoutes()).find((m) => m.route === r)?.group).toBeUndefined()
    }
    for (const role of ['enterprise', 'institute', 'drc', 'sysadmin'] as const) {
      expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'annual-reports' || m.route === 'problem-reports'), role).toBe(false)
    }
  })

  it('lets the city bureau and the DRC read 通报, beside 统计分析', () => {
    const meta = (name: string) => router.getRoutes().find((r) => r.name === name)!.meta
    for (const name of ['bulletins', 'bulletin-detail']) {
      for (const role of ['city_regulator', 'drc'] as const) expect(decideAccess(meta(name), role), `${name} ${role}`).toBe('allow')
      for (const role of ['district_regulator', 'enterprise', 'institute', 'sysadmin'] as const) expect(decideAccess(meta(name), role), `${name} ${role}`).toBe('forbidden')
      expect(decideAccess(meta(name), null)).toBe('login')
    }
    expect(router.resolve('/bulletins').name).toBe('bulletins')
    expect(router.resolve('/bulletins/2').name).toBe('bulletin-detail')
    for (const role of ['city_regulator', 'drc'] as const) {
      expect(menuFor(role, router.getRoutes()).find((m) => m.route === 'bulletins')).toMatchObject({ titleKey: 'menu.bulletins', path: '/bulletins' })
    }
    for (const role of ['district_regulator', 'enterprise', 'institute', 'sysadmin'] as const) {
      expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'bulletins'), role).toBe(false)
    }
  })

  it('lets institute users and the city bureau open 检定统计分析, beside 统计分析 and the reports', () => {
    const meta = router.getRoutes().find((r) => r.name === 'institute-report')!.meta
    for (const role of ['institute', 'city_regulator'] as const) expect(decideAccess(meta, role), role).toBe('allow')
    for (const role of ['district_regulator', 'drc', 'enterprise', 'sysadmin'] as const) expect(decideAccess(meta, role), role).toBe('forbidden')
    expect(decideAccess(meta, null)).toBe('login')
    expect(router.resolve('/institute-report').name).toBe('institute-report')
    expect(router.resolve({ path: '/institute-report', query: { from: '2026-01-01', to: '2026-06-30', institute_org_id: '4' } }).name).toBe('institute-report')
    for (const role of ['institute', 'city_regulator'] as const) {
      const item = menuFor(role, router.getRoutes()).find((m) => m.route === 'institute-report')
      expect(item, role).toMatchObject({ titleKey: 'menu.instituteReport', path: '/institute-report' })
      expect(item?.group).toBeUndefined()
    }
    // the institute's first item after 首页
    expect(menuFor('institute', router.getRoutes())[1].route).toBe('institute-report')
    for (const role of ['district_regulator', 'drc', 'enterprise', 'sysadmin'] as const) {
      expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'institute-report'), role).toBe(false)
    }
  })

  it('lets the city bureau alone manage 工作节点, beside the reports; the district bureaus and the DRC follow progress on 统计分析', () => {
    const meta = router.getRoutes().find((r) => r.name === 'milestones')!.meta
    expect(decideAccess(meta, 'city_regulator')).toBe('allow')
    for (const role of ['district_regulator', 'drc', 'institute', 'enterprise', 'sysadmin'] as const) expect(decideAccess(meta, role), role).toBe('forbidden')
    expect(decideAccess(meta, null)).toBe('login')
    expect(router.resolve('/milestones').name).toBe('milestones')
    expect(menuFor('city_regulator', router.getRoutes()).find((m) => m.route === 'milestones')).toMatchObject({ titleKey: 'menu.milestones', path: '/milestones' })
    expect(menuFor('city_regulator', router.getRoutes()).map((m) => m.path).slice(1, 7)).toEqual(['/statistics', '/annual-reports', '/problem-reports', '/bulletins', '/institute-report', '/milestones'])
    for (const role of ['district_regulator', 'drc', 'institute', 'enterprise', 'sysadmin'] as const) {
      expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'milestones'), role).toBe(false)
    }
    // where the progress is shown
    const stats = router.resolve('/statistics').meta
    for (const role of ['city_regulator', 'district_regulator', 'drc'] as const) expect(decideAccess(stats, role), role).toBe('allow')
  })

  it('lets a milestone\'s district open the registry list for the bureaus only', () => {
    const list = router.resolve({ path: '/review', query: { status: 'approved', region_code: '420102' } })
    expect(canOpen(list, 'district_regulator')).toBe(true)
    expect(canOpen(list, 'city_regulator')).toBe(true)
    expect(canOpen(list, 'drc')).toBe(false)
    const due = router.resolve({ path: '/review', query: { status: 'approved', verification: 'due_soon', due_days: '30', use: 'trade_settlement' } })
    expect(due.name).toBe('review')
    expect(canOpen(due, 'city_regulator')).toBe(true)
  })

  it('breadcrumbs a report under its list', () => {
    const crumbs = (path: string, role: 'district_regulator' | 'city_regulator' | 'drc') => breadcrumbFor(router.resolve(path), role, router.getRoutes()).map((c) => c.titleKey)
    expect(crumbs('/annual-reports/3', 'district_regulator')).toEqual(['menu.home', 'menu.annualReports', 'menu.annualReportDetail'])
    expect(crumbs('/problem-reports/5', 'city_regulator')).toEqual(['menu.home', 'menu.problemReports', 'menu.problemReportDetail'])
    expect(crumbs('/bulletins/2', 'drc')).toEqual(['menu.home', 'menu.bulletins', 'menu.bulletinDetail'])
  })

  it('loads the reporting pages lazily, with their texts', () => {
    const pages = router.getRoutes().filter((r) => ['annual-report', 'problem-report', 'bulletin', 'institute-report', 'milestones'].some((p) => String(r.name).startsWith(p)))
    expect(pages.length).toBe(8)
    for (const r of pages) expect(typeof r.components?.default, String(r.name)).toBe('function')
  })

  it('opens 公众查询 to everyone, signed in or not, outside the menu', () => {
    const page = router.resolve('/public/lookup')
    expect(page.name).toBe('public-lookup')
    for (const role of [...ROLES, null]) expect(decideAccess(page.meta, role)).toBe('allow')
    for (const role of ROLES) expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'public-lookup')).toBe(false)
  })

  it('loads the acceptance and lookup pages lazily, with their texts', () => {
    const pages = router.getRoutes().filter((r) => r.name === 'public-lookup' || String(r.name).startsWith('acceptance'))
    expect(pages.length).toBe(4)
    for (const r of pages) expect(typeof r.components?.default, String(r.name)).toBe('function')
  })

  it('loads the inspection pages lazily, with their texts', () => {
    for (const r of router.getRoutes().filter((r) => r.name === 'public-inspections' || String(r.path).includes('inspection') || r.name === 'work-calendar')) {
      expect(typeof r.components?.default, String(r.name)).toBe('function')
    }
  })

  it('guards the verification pages by role', () => {
    const meta = (name: string) => router.getRoutes().find((r) => r.name === name)!.meta
    for (const name of ['appointments', 'appointment-new', 'appointment-edit']) {
      expect(decideAccess(meta(name), 'enterprise')).toBe('allow')
      expect(decideAccess(meta(name), 'institute')).toBe('forbidden')
    }
    for (const name of ['institute-appointments', 'verifications', 'verification-new', 'standards']) {
      expect(decideAccess(meta(name), 'institute')).toBe('allow')
      expect(decideAccess(meta(name), 'enterprise')).toBe('forbidden')
    }
    for (const name of ['appointment-detail', 'verification-detail', 'certificates', 'certificate-detail']) {
      for (const role of ['enterprise', 'institute', 'district_regulator', 'city_regulator'] as const) expect(decideAccess(meta(name), role)).toBe('allow')
      expect(decideAccess(meta(name), 'sysadmin')).toBe('forbidden')
    }
    expect(decideAccess(meta('supervision-verification'), 'city_regulator')).toBe('allow')
    expect(decideAccess(meta('supervision-verification'), 'institute')).toBe('forbidden')
  })

  it('links only to known pages the role may open', () => {
    expect(canOpen(router.resolve('/appointments/7'), 'institute')).toBe(true)
    expect(canOpen(router.resolve({ name: 'appointment-detail', params: { id: '7' } }), 'city_regulator')).toBe(true)
    expect(canOpen(router.resolve('/supervision/sampling/3'), 'city_regulator')).toBe(true)
    expect(canOpen(router.resolve('/supervision/sampling/3'), 'enterprise')).toBe(false)
    expect(canOpen(router.resolve('/certificates/JD-2025-0001'), 'district_regulator')).toBe(true)
    expect(canOpen(router.resolve('/certificates/JD-2025-0001'), null)).toBe(false)
    expect(canOpen(router.resolve('/no/such/page/9'), 'city_regulator')).toBe(false)
  })

  it('resolves verification paths to the right pages', () => {
    expect(router.resolve('/appointments/new').name).toBe('appointment-new')
    expect(router.resolve('/appointments/7').name).toBe('appointment-detail')
    expect(router.resolve('/appointments/7/edit').name).toBe('appointment-edit')
    expect(router.resolve('/verifications/new').name).toBe('verification-new')
    expect(router.resolve('/verifications/9').name).toBe('verification-detail')
    expect(router.resolve('/certificates/JD-2025-0001').name).toBe('certificate-detail')
    expect(router.resolve('/certificates').name).toBe('certificates')
  })

  it('guards the instrument pages by role', () => {
    const meta = (name: string) => router.getRoutes().find((r) => r.name === name)!.meta
    expect(decideAccess(meta('instrument-new'), 'district_regulator')).toBe('forbidden')
    expect(decideAccess(meta('instrument-import'), 'district_regulator')).toBe('forbidden')
    expect(decideAccess(meta('instrument-import'), 'enterprise')).toBe('allow')
    expect(decideAccess(meta('instrument-edit'), 'city_regulator')).toBe('forbidden')
    expect(decideAccess(meta('review'), 'enterprise')).toBe('forbidden')
    expect(decideAccess(meta('archive'), 'enterprise')).toBe('forbidden')
    expect(decideAccess(meta('review'), 'city_regulator')).toBe('allow')
    expect(decideAccess(meta('instrument-detail'), 'district_regulator')).toBe('allow')
    expect(decideAccess(meta('instrument-detail'), 'sysadmin')).toBe('forbidden')
    expect(decideAccess(meta('catalogue'), 'enterprise')).toBe('allow')
  })

  it('resolves instrument paths to the right pages', () => {
    expect(router.resolve('/instruments/new').name).toBe('instrument-new')
    expect(router.resolve('/instruments/pending').name).toBe('instruments-pending')
    expect(router.resolve('/instruments/import').name).toBe('instrument-import')
    expect(router.resolve('/instruments/42').name).toBe('instrument-detail')
    expect(router.resolve('/instruments/42/edit').name).toBe('instrument-edit')
  })

  it('shows every role 通知公告 next to 消息, with the unread badge', () => {
    for (const role of ROLES) {
      const paths = menuFor(role, router.getRoutes()).map((m) => m.path)
      expect(paths.slice(-2)).toEqual(['/announcements', '/inbox'])
    }
    const item = menuFor('enterprise', router.getRoutes()).find((m) => m.route === 'announcements')
    expect(item).toMatchObject({ titleKey: 'menu.announcements', badge: 'announcements' })
    expect(item?.group).toBeUndefined()
  })

  it('shows the sysadmin the administration pages in order', () => {
    expect(menuFor('sysadmin', router.getRoutes()).map((m) => m.path)).toEqual([
      '/',
      '/admin/orgs',
      '/admin/users',
      '/admin/tcec-operators',
      '/admin/tou-tariffs',
      '/admin/notifications',
      '/admin/audit',
      '/announcements',
      '/inbox',
    ])
  })
})
