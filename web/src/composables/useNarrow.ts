// Whether the screen is a phone's: at most 768 px wide, the breakpoint of styles.css. One media
// query shared by every caller, followed as the window is resized or the phone turned.
import { readonly, ref, type Ref } from 'vue'

export const NARROW_QUERY = '(max-width: 768px)'

const narrow = ref(false)
let watching = false

export function useNarrow(): Readonly<Ref<boolean>> {
  if (!watching && typeof window !== 'undefined' && typeof window.matchMedia === 'function') {
    const mq = window.matchMedia(NARROW_QUERY)
    narrow.value = mq.matches
    mq.addEventListener?.('change', (e) => (narrow.value = e.matches))
    watching = true
  }
  return readonly(narrow)
}
