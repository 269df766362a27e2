// Where an inbox message leads: the object it is about (an instrument, an appointment, a record,
// a certificate) or the list a batch notice is about; null when it is about nothing to open.
import type { RouteLocationRaw } from 'vue-router'

export function messageLink(m: { object_type?: string; object_id?: string }): RouteLocationRaw | null {
  const id = m.object_id ?? ''
  switch (m.object_type) {
    case 'instrument':
      return id ? `/instruments/${encodeURIComponent(id)}` : null
    case 'appointment':
      return id ? `/appointments/${encodeURIComponent(id)}` : null
    case 'verification':
      return id ? `/verifications/${encodeURIComponent(id)}` : null
    case 'certificate':
      return id ? `/certificates/${encodeURIComponent(id)}` : null
    case 'instruments':
      return { path: '/instruments', query: id ? { status: id } : {} }
    case 'review':
      return '/review'
    case 'charge_alert':
      return id ? `/supervision/alerts/${encodeURIComponent(id)}` : '/supervision/alerts'
    default:
      return null
  }
}
