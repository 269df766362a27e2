// Where a to-do card of the home page leads: the list filtered to what the card counts.
// The same key can mean different lists for different roles (filing_approved: the
// enterprise's own instruments, or a regulator's review list). Cards the web adds to the
// server's (rectification orders, counted from their list) go before 未读消息.
import type { RouteLocationRaw } from 'vue-router'
import type { Role } from './api/types'

const REGULATORS: readonly Role[] = ['district_regulator', 'city_regulator']
const RECTIFICATIONS = '/supervision/rectifications'

/** A to-do card's count. */
export interface TodoCount {
  key: string
  count: number
}

/** The server's cards with `extra` put before 未读消息 (last), or at the end without it. */
export function withExtraTodos<T extends TodoCount>(todos: readonly T[], extra: readonly TodoCount[]): TodoCount[] {
  const i = todos.findIndex((t) => t.key === 'unread_messages')
  if (i < 0) return [...todos, ...extra]
  return [...todos.slice(0, i), ...extra, ...todos.slice(i)]
}

/** The page a card opens, or null when the card is not a link. */
export function todoLink(key: string, role: Role | null): RouteLocationRaw | null {
  switch (key) {
    case 'unread_messages':
      return { path: '/inbox' }
    case 'failed_sms':
      return role === 'sysadmin' ? { path: '/admin/notifications' } : null
    case 'rectifications_overdue':
      return role === 'enterprise' || (role && REGULATORS.includes(role)) ? { path: RECTIFICATIONS, query: { overdue: 'true' } } : null
  }
  if (role === 'enterprise') {
    switch (key) {
      case 'filing_draft':
        return { path: '/instruments/pending', query: { tab: 'draft' } }
      case 'filing_returned':
        return { path: '/instruments/pending', query: { tab: 'returned' } }
      case 'filing_submitted':
        return { path: '/instruments', query: { status: 'submitted' } }
      case 'filing_approved':
        return { path: '/instruments', query: { status: 'approved' } }
      case 'filing_change_pending':
        return { path: '/instruments', query: { status: 'change_pending' } }
      case 'appointments_open':
        return { path: '/appointments' }
      case 'rectifications_issued':
        return { path: RECTIFICATIONS, query: { status: 'issued' } }
    }
  }
  if (role === 'institute') {
    switch (key) {
      case 'appointments_to_accept':
        return { path: '/institute/appointments', query: { status: 'submitted' } }
      case 'verifications_to_sign':
        return { path: '/verifications', query: { awaiting: 'me' } }
    }
  }
  if (role && REGULATORS.includes(role)) {
    switch (key) {
      case 'review_pending':
        return { path: '/review', query: { status: 'needs_review' } }
      case 'filing_approved':
        return { path: '/review', query: { status: 'approved' } }
      case 'filing_returned':
        return { path: '/review', query: { status: 'returned' } }
      case 'instruments_overdue':
        return { path: '/review', query: { status: 'approved', verification: 'overdue' } }
      case 'rectifications_answered':
        return { path: RECTIFICATIONS, query: { status: 'answered' } }
      case 'inspections_to_publish':
        return { path: '/supervision/inspection/tasks', query: { status: 'completed' } }
      case 'inspections_to_record':
        return { path: '/supervision/inspection/mine' }
    }
  }
  return null
}
