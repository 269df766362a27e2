// Shows a value of an instrument field the way a reader expects: type and district names
// instead of codes, labels for uses, 是/否, '—' for empty.
import { useI18n } from 'vue-i18n'
import { labelOr } from '@/i18n'
import { useInstrumentTypes } from './useInstrumentTypes'
import { useRegions } from './useRegions'

export function useFieldDisplay() {
  const { t } = useI18n()
  const { byCode } = useInstrumentTypes()
  const { districts } = useRegions()

  /** `field` as in InstrumentData, charger fields as `charger.<field>`. */
  function display(field: string, value: unknown): string {
    if (value === null || value === undefined || value === '') return '—'
    switch (field) {
      case 'type_code':
        return byCode.value.get(String(value))?.name ?? String(value)
      case 'install_region_code':
        return districts.value.find((r) => r.code === value)?.name ?? String(value)
      case 'use':
        return labelOr('uses', String(value))
      case 'charger.current_type':
        return labelOr('currentType', String(value))
      case 'charger.tou_billing':
        return t(value ? 'common.yes' : 'common.no')
    }
    return String(value)
  }

  return { display }
}
