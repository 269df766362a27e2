import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { breadcrumbFor, pageTitleKey } from './breadcrumb'
import { routes } from './routes'

const router = createRouter({ history: createMemoryHistory(), routes })
const all = router.getRoutes()
const at = (path: string) => router.resolve(path)

describe('breadcrumbFor', () => {
  it('is just 首页 on the home page', () => {
    expect(breadcrumbFor(at('/'), 'enterprise', all)).toEqual([{ titleKey: 'menu.home' }])
  })

  it('names the menu section of a menu page', () => {
    expect(breadcrumbFor(at('/instruments'), 'enterprise', all)).toEqual([
      { titleKey: 'menu.home', path: '/' },
      { titleKey: 'menuGroup.filing' },
      { titleKey: 'menu.instruments' },
    ])
    expect(breadcrumbFor(at('/admin/users'), 'sysadmin', all).map((c) => c.titleKey)).toEqual(['menu.home', 'menuGroup.system', 'menu.adminUsers'])
  })

  it('leaves out the section of pages listed outside one', () => {
    expect(breadcrumbFor(at('/inbox'), 'institute', all)).toEqual([{ titleKey: 'menu.home', path: '/' }, { titleKey: 'menu.inbox' }])
    expect(breadcrumbFor(at('/catalogue'), 'city_regulator', all).map((c) => c.titleKey)).toEqual(['menu.home', 'menu.catalogue'])
  })

  it('puts a detail page under its list, linked', () => {
    expect(breadcrumbFor(at('/instruments/42'), 'enterprise', all)).toEqual([
      { titleKey: 'menu.home', path: '/' },
      { titleKey: 'menuGroup.filing' },
      { titleKey: 'menu.instruments', path: '/instruments' },
      { titleKey: 'menu.instrumentDetail' },
    ])
  })

  it('picks the first parent list the role may open', () => {
    expect(breadcrumbFor(at('/instruments/42'), 'district_regulator', all).map((c) => c.titleKey)).toEqual(['menu.home', 'menuGroup.filing', 'menu.review', 'menu.instrumentDetail'])
    expect(breadcrumbFor(at('/appointments/7'), 'institute', all)[2]).toEqual({ titleKey: 'menu.instituteAppointments', path: '/institute/appointments' })
    expect(breadcrumbFor(at('/appointments/7'), 'enterprise', all)[2]).toEqual({ titleKey: 'menu.appointments', path: '/appointments' })
  })

  it('puts a sampling plan under 监督管理 / 抽样检定', () => {
    for (const role of ['city_regulator', 'district_regulator', 'institute'] as const) {
      expect(breadcrumbFor(at('/supervision/sampling/3'), role, all)).toEqual([
        { titleKey: 'menu.home', path: '/' },
        { titleKey: 'menuGroup.supervision' },
        { titleKey: 'menu.samplingPlans', path: '/supervision/sampling' },
        { titleKey: 'menu.samplingPlanDetail' },
      ])
    }
  })

  it('puts a rectification order under 监督管理 / 整改督办 (整改通知 for the enterprise)', () => {
    for (const role of ['city_regulator', 'district_regulator'] as const) {
      expect(breadcrumbFor(at('/supervision/rectifications/5'), role, all)).toEqual([
        { titleKey: 'menu.home', path: '/' },
        { titleKey: 'menuGroup.supervision' },
        { titleKey: 'menu.rectifications', path: '/supervision/rectifications' },
        { titleKey: 'menu.rectificationDetail' },
      ])
    }
    expect(breadcrumbFor(at('/supervision/rectifications/5'), 'enterprise', all)[2]).toEqual({ titleKey: 'menu.myRectifications', path: '/supervision/rectifications' })
    expect(pageTitleKey(at('/supervision/rectifications'), 'enterprise', all)).toBe('menu.myRectifications')
    expect(pageTitleKey(at('/supervision/rectifications'), 'city_regulator', all)).toBe('menu.rectifications')
  })

  it('puts the random inspection pages under 监督管理, a task under 双随机抽查任务 and a record under 我的检查', () => {
    for (const role of ['city_regulator', 'district_regulator'] as const) {
      expect(breadcrumbFor(at('/supervision/inspection/tasks'), role, all)).toEqual([
        { titleKey: 'menu.home', path: '/' },
        { titleKey: 'menuGroup.supervision' },
        { titleKey: 'menu.inspectionTasks' },
      ])
      expect(breadcrumbFor(at('/supervision/inspection/tasks/12'), role, all)).toEqual([
        { titleKey: 'menu.home', path: '/' },
        { titleKey: 'menuGroup.supervision' },
        { titleKey: 'menu.inspectionTasks', path: '/supervision/inspection/tasks' },
        { titleKey: 'menu.inspectionTaskDetail' },
      ])
      expect(breadcrumbFor(at('/supervision/inspection/tasks/new'), role, all)[2]).toEqual({ titleKey: 'menu.inspectionTasks', path: '/supervision/inspection/tasks' })
      expect(breadcrumbFor(at('/supervision/inspection/tasks/12/objects/40'), role, all)).toEqual([
        { titleKey: 'menu.home', path: '/' },
        { titleKey: 'menuGroup.supervision' },
        { titleKey: 'menu.myInspections', path: '/supervision/inspection/mine' },
        { titleKey: 'menu.inspectionRecord' },
      ])
      for (const [path, key] of [
        ['/supervision/inspection/items', 'menu.inspectionItems'],
        ['/supervision/inspection/library', 'menu.inspectionLibrary'],
        ['/supervision/inspection/plans', 'menu.inspectionPlans'],
        ['/supervision/inspection/mine', 'menu.myInspections'],
        ['/supervision/inspection/statistics', 'menu.inspectionStatistics'],
      ]) {
        expect(breadcrumbFor(at(path), role, all).map((c) => c.titleKey)).toEqual(['menu.home', 'menuGroup.supervision', key])
      }
    }
    expect(breadcrumbFor(at('/supervision/work-calendar'), 'city_regulator', all).map((c) => c.titleKey)).toEqual(['menu.home', 'menuGroup.supervision', 'menu.workCalendar'])
  })

  it('puts an acceptance check and the new-check form under 监督管理 / 验收核查', () => {
    for (const role of ['drc', 'city_regulator', 'enterprise'] as const) {
      expect(breadcrumbFor(at('/acceptance-checks/7'), role, all)).toEqual([
        { titleKey: 'menu.home', path: '/' },
        { titleKey: 'menuGroup.supervision' },
        { titleKey: 'menu.acceptanceChecks', path: '/acceptance-checks' },
        { titleKey: 'menu.acceptanceCheckDetail' },
      ])
    }
    expect(breadcrumbFor(at('/acceptance-checks/new'), 'drc', all).map((c) => c.titleKey)).toEqual([
      'menu.home',
      'menuGroup.supervision',
      'menu.acceptanceChecks',
      'menu.acceptanceCheckNew',
    ])
    expect(breadcrumbFor(at('/acceptance-checks'), 'drc', all).map((c) => c.titleKey)).toEqual(['menu.home', 'menuGroup.supervision', 'menu.acceptanceChecks'])
  })

  it('falls back to 首页 / page when no parent list is open to the role', () => {
    expect(breadcrumbFor(at('/appointments/7'), 'city_regulator', all).map((c) => c.titleKey)).toEqual(['menu.home', 'menu.appointmentDetail'])
    expect(breadcrumbFor(at('/password'), 'enterprise', all).map((c) => c.titleKey)).toEqual(['menu.home', 'menu.password'])
  })

  it("uses the role's own wording of a menu item", () => {
    expect(breadcrumbFor(at('/certificates/JD-1'), 'enterprise', all)[2].titleKey).toBe('menu.myCertificates')
    expect(breadcrumbFor(at('/certificates/JD-1'), 'institute', all)[2].titleKey).toBe('menu.certificates')
  })

  it('names every parent after a route that exists', () => {
    const names = new Set(all.map((r) => String(r.name)))
    for (const r of all) for (const p of r.meta.parent ?? []) expect(names, `${String(r.name)} → ${p}`).toContain(p)
  })
})

describe('pageTitleKey', () => {
  it('is the menu wording for menu pages and the route title otherwise', () => {
    expect(pageTitleKey(at('/certificates'), 'enterprise', all)).toBe('menu.myCertificates')
    expect(pageTitleKey(at('/certificates'), 'city_regulator', all)).toBe('menu.certificates')
    expect(pageTitleKey(at('/instruments/42'), 'enterprise', all)).toBe('menu.instrumentDetail')
  })
})
