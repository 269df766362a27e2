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

/** Unix seconds (the inspection API's `*_at`) → ISO-8601 UTC, for formatTime and TimeCell; null stays null. */
export function unixToIso(seconds: number | null | undefined): string | null {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return null
  return new Date(seconds * 1000).toISOString()
}

/** Unix seconds → local `YYYY-MM-DD HH:mm:ss`; empty for null. */
export function formatUnix(seconds: number | null | undefined): string {
  return formatTime(unixToIso(seconds))
}
