// The tags view's list of opened pages (RuoYi's 标签页): pure operations on an ordered list
// whose affixed tags (首页) stay first and cannot be closed. One tag per page (route name): a
// second instrument's detail replaces the first one's, a list keeps its latest query.

export interface ViewTag {
  /** route name */
  name: string
  /** full path to return to, query included */
  path: string
  /** i18n key of the title */
  titleKey: string
  /** fixed: listed first, never closed */
  affix?: boolean
}

/** The page `tag` opened: its tag is updated in place, or added at the end. */
export function visitTag(tags: ViewTag[], tag: ViewTag): ViewTag[] {
  const i = tags.findIndex((t) => t.name === tag.name)
  if (i < 0) return [...tags, tag]
  const old = tags[i]
  if (old.path === tag.path && old.titleKey === tag.titleKey) return tags
  return tags.map((t, j) => (j === i ? { ...tag, affix: old.affix } : t))
}

/**
 * Closes `name` (affixed tags stay). `next` is where to go when it was `active`: the tag that
 * took its place on the right, else the one on its left; null when nothing changes page.
 */
export function closeTag(tags: ViewTag[], name: string, active: string): { tags: ViewTag[]; next: ViewTag | null } {
  const i = tags.findIndex((t) => t.name === name)
  if (i < 0 || tags[i].affix) return { tags, next: null }
  const rest = tags.filter((_, j) => j !== i)
  const next = name === active ? (rest[i] ?? rest[i - 1] ?? null) : null
  return { tags: rest, next }
}

/** Keeps the affixed tags and `name`. */
export function closeOtherTags(tags: ViewTag[], name: string): ViewTag[] {
  return tags.filter((t) => t.affix || t.name === name)
}

/** Keeps the affixed tags only. */
export function closeAllTags(tags: ViewTag[]): ViewTag[] {
  return tags.filter((t) => t.affix)
}

function isTag(v: unknown): v is ViewTag {
  const t = v as ViewTag
  return typeof v === 'object' && v !== null && typeof t.name === 'string' && typeof t.path === 'string' && t.path.startsWith('/') && !t.path.startsWith('//') && typeof t.titleKey === 'string'
}

/** Tags read back from storage (parsed JSON): `affixed` first, then the well-formed stored ones. */
export function restoreTags(stored: unknown, affixed: ViewTag[]): ViewTag[] {
  const out: ViewTag[] = affixed.map((t) => ({ ...t, affix: true }))
  for (const t of Array.isArray(stored) ? stored : []) {
    if (isTag(t) && !out.some((o) => o.name === t.name)) out.push({ name: t.name, path: t.path, titleKey: t.titleKey })
  }
  return out
}
