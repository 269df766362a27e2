// Calendar dates as the API writes them: YYYY-MM-DD in local time (so they compare as strings).

/** `d` as YYYY-MM-DD (local time). */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export function todayIso(now: Date = new Date()): string {
  return isoDate(now)
}

/** For date pickers' `disabled-date`: true for days before today. */
export function isBeforeToday(d: Date, now: Date = new Date()): boolean {
  return isoDate(d) < todayIso(now)
}

/** A YYYY-MM-DD date before today (empty is not). */
export function isPastDate(date: string, now: Date = new Date()): boolean {
  return date !== '' && date < todayIso(now)
}

/** Whole days from today to `date` (negative when past); null when empty or not a date. */
export function daysUntil(date: string | null | undefined, now: Date = new Date()): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '')
  if (!m) return null
  const target = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate())
  return Math.round((target - today) / 86_400_000)
}

/** The years a year filter offers: next year, this year and the `back` years before, newest first. */
export function yearOptions(now: Date = new Date(), back = 4): number[] {
  const y = now.getFullYear()
  return Array.from({ length: back + 2 }, (_, i) => y + 1 - i)
}
