// The instrument catalogue (`GET /instrument-types`), loaded once per page load and shared;
// `reload` after the city regulator edits it.
import { computed, ref } from 'vue'
import { api, type InstrumentType } from '@/lib/api'
import { notifyError } from '@/lib/errors'

const types = ref<InstrumentType[]>([])
let pending: Promise<void> | null = null

async function fetchTypes(): Promise<void> {
  types.value = (await api.instrumentTypes()).items
}

function reload(): Promise<void> {
  pending = fetchTypes().catch((e) => {
    pending = null
    notifyError(e)
  })
  return pending
}

export function useInstrumentTypes() {
  if (!pending) void reload()
  const byCode = computed(() => new Map(types.value.map((t) => [t.code, t])))
  const active = computed(() => types.value.filter((t) => t.active))
  return { types, active, byCode, ready: pending as Promise<void>, reload }
}
