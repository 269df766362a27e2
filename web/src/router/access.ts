// The router guard's decision, kept pure so it can be unit-tested.
import type { RouteMeta } from 'vue-router'
import type { Role } from '@/lib/api/types'

export type Access = 'allow' | 'login' | 'forbidden'

/** `meta` is the merged meta of the matched routes; `role` null = not signed in. */
export function decideAccess(meta: RouteMeta, role: Role | null): Access {
  if (meta.public) return 'allow'
  if (role === null) return 'login'
  if (meta.roles && !meta.roles.includes(role)) return 'forbidden'
  return 'allow'
}

/**
 * Whether a link to `resolved` (router.resolve) takes `role` to a page: a known route (not the
 * 404 page) whose roles include it. Links to pages another branch adds stay plain text until it does.
 */
export function canOpen(resolved: { name?: unknown; meta: RouteMeta }, role: Role | null): boolean {
  return resolved.name !== undefined && resolved.name !== null && resolved.name !== 'not-found' && decideAccess(resolved.meta, role) === 'allow'
}
