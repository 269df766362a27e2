// Whether the signed-in role may follow a link: the location resolves to a known page whose
// roles include it (router/access.ts canOpen). Pages the user could not open show as plain text.
import { useRouter, type RouteLocationRaw } from 'vue-router'
import { canOpen } from '@/router/access'
import { useAuthStore } from '@/stores/auth'

export function useCanOpen(): (to: RouteLocationRaw) => boolean {
  const router = useRouter()
  const auth = useAuthStore()
  return (to) => canOpen(router.resolve(to), auth.role)
}
