// The tags view's opened pages (lib/tagsView.ts) for this browser tab: kept in sessionStorage,
// belonging to one user (another sign-in in the tab starts again from 首页), and the counter
// that re-creates the page when its tag is refreshed.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { closeAllTags, closeOtherTags, closeTag, restoreTags, visitTag, type ViewTag } from '@/lib/tagsView'

const STORAGE_KEY = 'mvis.tags'
export const HOME_TAG: ViewTag = { name: 'home', path: '/', titleKey: 'menu.home', affix: true }

interface Stored {
  owner: string
  tags: ViewTag[]
}

function read(): Partial<Stored> {
  try {
    const v = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '{}') as Partial<Stored>
    return typeof v === 'object' && v !== null ? v : {}
  } catch {
    return {}
  }
}

export const useTagsStore = defineStore('tags', () => {
  const stored = read()
  const owner = ref(typeof stored.owner === 'string' ? stored.owner : '')
  const tags = ref<ViewTag[]>(restoreTags(stored.tags, [HOME_TAG]))
  /** Bumped to re-create the current page (刷新页面). */
  const refreshKey = ref(0)

  watch([owner, tags], () => {
    try {
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ owner: owner.value, tags: tags.value }))
    } catch {
      // storage unavailable: the tags last for this page only
    }
  })

  /** The tags are `user`'s from now on; another user's are dropped. */
  function claim(user: string) {
    if (owner.value === user) return
    owner.value = user
    tags.value = closeAllTags(tags.value)
  }

  /** Drops the tags whose pages fail `allowed` (e.g. no longer open to the role). */
  function retain(allowed: (t: ViewTag) => boolean) {
    const kept = tags.value.filter((t) => t.affix || allowed(t))
    if (kept.length !== tags.value.length) tags.value = kept
  }

  function visit(tag: ViewTag) {
    tags.value = visitTag(tags.value, tag)
  }

  /** Closes `name`; the tag to open instead when it was `active`, else null. */
  function close(name: string, active: string): ViewTag | null {
    const r = closeTag(tags.value, name, active)
    tags.value = r.tags
    return r.next
  }

  function closeOthers(name: string) {
    tags.value = closeOtherTags(tags.value, name)
  }

  function closeAll() {
    tags.value = closeAllTags(tags.value)
  }

  function refresh() {
    refreshKey.value++
  }

  return { tags, refreshKey, claim, retain, visit, close, closeOthers, closeAll, refresh }
})
