// The routes of the data exchange and anti-cheating pages (issue 13): 在用未备案核查, 计量作弊线索,
// 平台对接, 分时电价表 and the public 计量数据验签 — who may open them, where the menu shows them,
// and that they load lazily with their texts.
import { describe, expect, it } from 'vitest'
import { createRouter, createMemoryHistory } from 'vue-router'
import { ROLES } from '@/lib/api/types'
import { decideAccess } from './access'
import { menuFor } from './menu'
import { breadcrumbFor } from './breadcrumb'
import { routes } from './routes'

describe('exchange routes and menu', () => {
  const router = createRouter({ history: createMemoryHistory(), routes })

  it('opens 计量数据验签 to everyone, signed in or not, outside the menu', () => {
    const page = router.resolve('/public/ocmf')
    expect(page.name).toBe('public-ocmf')
    expect(page.meta.titleKey).toBe('menu.publicOcmf')
    for (const role of [...ROLES, null]) expect(decideAccess(page.meta, role)).toBe('allow')
    for (const role of ROLES) expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'public-ocmf')).toBe(false)
  })

  it('lets the district and city bureaus open 在用未备案核查, lazily with its texts, under 监督管理', () => {
    const page = router.resolve('/supervision/reconciliation')
    expect(page.name).toBe('supervision-reconciliation')
    expect(page.meta.titleKey).toBe('menu.reconciliation')
    for (const role of ['district_regulator', 'city_regulator'] as const) expect(decideAccess(page.meta, role), role).toBe('allow')
    for (const role of ['enterprise', 'institute', 'drc', 'sysadmin'] as const) expect(decideAccess(page.meta, role), role).toBe('forbidden')
    expect(decideAccess(page.meta, null)).toBe('login')
    expect(typeof router.getRoutes().find((r) => r.name === 'supervision-reconciliation')?.components?.default).toBe('function')
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      const items = menuFor(role, router.getRoutes())
      expect(items.find((m) => m.route === 'supervision-reconciliation')).toMatchObject({ titleKey: 'menu.reconciliation', path: '/supervision/reconciliation', group: 'supervision' })
      // beside 整改督办
      const at = items.findIndex((m) => m.route === 'supervision-reconciliation')
      expect(items[at - 1].route).toBe('rectifications')
    }
    for (const role of ['enterprise', 'institute', 'drc', 'sysadmin'] as const) expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'supervision-reconciliation'), role).toBe(false)
    expect(breadcrumbFor(page, 'city_regulator', router.getRoutes()).map((c) => c.titleKey)).toEqual(['menu.home', 'menuGroup.supervision', 'menu.reconciliation'])
  })

  it('lets the district and city bureaus open 计量作弊线索 and a lead, lazily with their texts, beside 在用未备案核查', () => {
    const page = router.resolve('/supervision/alerts')
    expect(page.name).toBe('supervision-alerts')
    expect(page.meta.titleKey).toBe('menu.alerts')
    const detail = router.resolve('/supervision/alerts/12')
    expect(detail.name).toBe('supervision-alert-detail')
    expect(router.resolve('/supervision/alerts/x').name).toBe('not-found')
    for (const name of ['supervision-alerts', 'supervision-alert-detail']) {
      const meta = router.getRoutes().find((r) => r.name === name)!.meta
      for (const role of ['district_regulator', 'city_regulator'] as const) expect(decideAccess(meta, role), `${name} ${role}`).toBe('allow')
      for (const role of ['enterprise', 'institute', 'drc', 'sysadmin'] as const) expect(decideAccess(meta, role), `${name} ${role}`).toBe('forbidden')
      expect(decideAccess(meta, null)).toBe('login')
      expect(typeof router.getRoutes().find((r) => r.name === name)?.components?.default, name).toBe('function')
    }
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      const items = menuFor(role, router.getRoutes())
      expect(items.find((m) => m.route === 'supervision-alerts')).toMatchObject({ titleKey: 'menu.alerts', path: '/supervision/alerts', group: 'supervision' })
      const at = items.findIndex((m) => m.route === 'supervision-alerts')
      expect(items[at - 1].route).toBe('supervision-reconciliation')
    }
    for (const role of ['enterprise', 'institute', 'drc', 'sysadmin'] as const) expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'supervision-alerts'), role).toBe(false)
    expect(breadcrumbFor(detail, 'district_regulator', router.getRoutes()).map((c) => c.titleKey)).toEqual(['menu.home', 'menuGroup.supervision', 'menu.alerts', 'menu.alertDetail'])
  })

  it('lets the sysadmin alone open 平台对接, lazily with its texts, under 系统管理', () => {
    const page = router.resolve('/admin/tcec-operators')
    expect(page.name).toBe('admin-tcec-operators')
    expect(page.meta.titleKey).toBe('menu.adminTcecOperators')
    expect(decideAccess(page.meta, 'sysadmin')).toBe('allow')
    for (const role of ROLES.filter((r) => r !== 'sysadmin')) expect(decideAccess(page.meta, role), role).toBe('forbidden')
    expect(decideAccess(page.meta, null)).toBe('login')
    expect(typeof router.getRoutes().find((r) => r.name === 'admin-tcec-operators')?.components?.default).toBe('function')
    expect(menuFor('sysadmin', router.getRoutes()).find((m) => m.route === 'admin-tcec-operators')).toMatchObject({ titleKey: 'menu.adminTcecOperators', group: 'system' })
    for (const role of ROLES.filter((r) => r !== 'sysadmin')) expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'admin-tcec-operators'), role).toBe(false)
  })

  it('lets the sysadmin alone open 分时电价表, lazily with its texts, under 系统管理 beside 平台对接', () => {
    const page = router.resolve('/admin/tou-tariffs')
    expect(page.name).toBe('admin-tou-tariffs')
    expect(page.meta.titleKey).toBe('menu.adminTouTariffs')
    expect(decideAccess(page.meta, 'sysadmin')).toBe('allow')
    for (const role of ROLES.filter((r) => r !== 'sysadmin')) expect(decideAccess(page.meta, role), role).toBe('forbidden')
    expect(decideAccess(page.meta, null)).toBe('login')
    expect(typeof router.getRoutes().find((r) => r.name === 'admin-tou-tariffs')?.components?.default).toBe('function')
    const items = menuFor('sysadmin', router.getRoutes())
    expect(items.find((m) => m.route === 'admin-tou-tariffs')).toMatchObject({ titleKey: 'menu.adminTouTariffs', group: 'system' })
    expect(items[items.findIndex((m) => m.route === 'admin-tou-tariffs') - 1].route).toBe('admin-tcec-operators')
    for (const role of ROLES.filter((r) => r !== 'sysadmin')) expect(menuFor(role, router.getRoutes()).some((m) => m.route === 'admin-tou-tariffs'), role).toBe(false)
  })

  it('loads 计量数据验签 lazily, with its texts', () => {
    const page = router.getRoutes().find((r) => r.name === 'public-ocmf')
    expect(typeof page?.components?.default).toBe('function')
  })
})
