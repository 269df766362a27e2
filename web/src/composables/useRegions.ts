// Regions of the city the system serves (Wuhan, GB/T 2260 4201xx): the city itself and its
// districts and functional zones. Loaded once per page load.
import { ref } from 'vue'
import { api, type Region } from '@/lib/api'
import { notifyError } from '@/lib/errors'

/** The city's code prefix; the server may spell the city as `4201` or `420100`. */
export const CITY_PREFIX = '4201'

const city = ref<Region | null>(null)
const districts = ref<Region[]>([])
let pending: Promise<void> | null = null

function isCity(r: Region): boolean {
  return r.level === 'city' && r.code.startsWith(CITY_PREFIX)
}

async function fetchRegions(): Promise<void> {
  // The whole flat tree (small: one province) yields the city row as well as its districts,
  // whatever length the server gives city codes.
  const all = (await api.regions()).items
  const c = all.find(isCity) ?? null
  city.value = c
  districts.value = all.filter(
    (r) => (r.level === 'district' || r.level === 'zone') && c !== null && r.parent_code === c.code,
  )
}

export function useRegions() {
  if (!pending) {
    pending = fetchRegions().catch((e) => {
      pending = null
      notifyError(e)
    })
  }
  return { city, districts, ready: pending }
}
