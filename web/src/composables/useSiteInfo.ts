// 主办单位 / 技术支持 / 备案号 from `GET /site`, asked once per page load and shared by the app
// layout and the sign-in pages; stays null when the server has no such endpoint (404) or cannot
// be reached, and the footer is then left out.
import { readonly, ref } from 'vue'
import { api, type SiteInfo } from '@/lib/api'

const site = ref<SiteInfo | null>(null)
let asked = false

export function useSiteInfo() {
  if (!asked) {
    asked = true
    api.site().then(
      (s) => (site.value = s),
      () => undefined,
    )
  }
  return readonly(site)
}
