import { describe, expect, it } from 'vitest'
import { createRouter, createMemoryHistory } from 'vue-router'
import { ROLES } from '@/lib/api/types'
import { decideAccess } from './access'
import { menuFor } from './menu'
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
      'catalogue',
      'inbox',
    ])
  })

  it('shows regulators review, archive and catalogue', () => {
    for (const role of ['district_regulator', 'city_regulator'] as const) {
      expect(menuFor(role, router.getRoutes()).map((m) => m.path)).toEqual(['/', '/review', '/archive', '/catalogue', '/inbox'])
    }
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

  it('shows the sysadmin the administration pages in order', () => {
    expect(menuFor('sysadmin', router.getRoutes()).map((m) => m.path)).toEqual([
      '/',
      '/admin/orgs',
      '/admin/users',
      '/admin/notifications',
      '/admin/audit',
      '/inbox',
    ])
  })
})
