/** ISO-8601 UTC → local `YYYY-MM-DD HH:mm:ss`; empty for null. */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return (
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
  )
}

/** n / d, or null when there is nothing to divide by. */
export function ratio(n: number, d: number): number | null {
  return d > 0 && Number.isFinite(n) && Number.isFinite(d) ? n / d : null
}

/** A ratio (0.05) as a percent without float noise, at most 2 decimals: "5%", "12.5%", "0%". */
export function ratePercent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—'
  const hundredths = Math.round(rate * 10_000)
  return `${(hundredths / 100).toFixed(2).replace(/\.?0+$/, '')}%`
}
