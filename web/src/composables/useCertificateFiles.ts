// Opening a certificate's PDF and pass labels in a new tab (the browser shows or saves the PDF);
// warns when the browser blocked the new window.
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import { certificatePdfUrl, labelPdfUrl, labelsPdfUrl, type LabelOptions } from '@/lib/api'

export function useCertificateFiles() {
  const { t } = useI18n()

  function open(url: string): boolean {
    if (window.open(url, '_blank')) return true
    ElMessage.warning(t('certificates.popupBlocked'))
    return false
  }

  /** 下载 PDF of the certificate or result notice (a given revision, else the latest). */
  const openPdf = (number: string, revision?: number) => open(certificatePdfUrl(number, revision))

  /** 打印标识 of one certificate. */
  const openLabel = (number: string, o: LabelOptions) => open(labelPdfUrl(number, o))

  /** 批量打印标识: the labels of several certificates in one PDF. */
  function openLabels(numbers: string[], o: LabelOptions): boolean {
    if (numbers.length === 0) {
      ElMessage.warning(t('certificates.selectFirst'))
      return false
    }
    return open(labelsPdfUrl(numbers, o))
  }

  return { openPdf, openLabel, openLabels }
}
