// The server's instrument field table (`GET /instrument-fields`): which fields are required and
// their limits, loaded once per page load and shared by the instrument form and the import's
// row editor (lib/instrumentFields.ts turns it into form rules).
import { computed, ref } from 'vue'
import { api, type InstrumentField } from '@/lib/api'
import { notifyError } from '@/lib/errors'
import { maxLengths } from '@/lib/instrumentFields'

const fields = ref<InstrumentField[]>([])
let pending: Promise<void> | null = null

async function fetchFields(): Promise<void> {
  fields.value = (await api.instrumentFields()).items
}

export function useInstrumentFields() {
  if (!pending) {
    pending = fetchFields().catch((e) => {
      pending = null
      notifyError(e)
    })
  }
  const lengths = computed(() => maxLengths(fields.value))
  /** Characters allowed in a text field (the input's `maxlength`); undefined: no limit known. */
  const maxLength = (key: string): number | undefined => lengths.value[key]
  return { fields, maxLength, ready: pending }
}
