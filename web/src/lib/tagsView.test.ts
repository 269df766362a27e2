import { describe, expect, it } from 'vitest'
import { closeAllTags, closeOtherTags, closeTag, restoreTags, visitTag, type ViewTag } from './tagsView'

const home: ViewTag = { name: 'home', path: '/', titleKey: 'menu.home', affix: true }
const list: ViewTag = { name: 'instruments', path: '/instruments', titleKey: 'menu.instruments' }
const detail: ViewTag = { name: 'instrument-detail', path: '/instruments/1', titleKey: 'menu.instrumentDetail' }
const certs: ViewTag = { name: 'certificates', path: '/certificates', titleKey: 'menu.myCertificates' }
const names = (tags: ViewTag[]) => tags.map((t) => t.name)

describe('visitTag', () => {
  it('adds a new page at the end', () => {
    expect(visitTag([home], list)).toEqual([home, list])
    expect(names(visitTag([home, list], detail))).toEqual(['home', 'instruments', 'instrument-detail'])
  })

  it('keeps one tag per page, in place, with the latest path', () => {
    const tags = visitTag([home, detail, list], { ...detail, path: '/instruments/2' })
    expect(tags).toEqual([home, { ...detail, path: '/instruments/2' }, list])
    expect(visitTag([home, list], { ...list, path: '/instruments?status=draft' })[1].path).toBe('/instruments?status=draft')
  })

  it('returns the same list when nothing changed', () => {
    const tags = [home, list]
    expect(visitTag(tags, { ...list })).toBe(tags)
  })

  it('keeps an affixed tag affixed', () => {
    expect(visitTag([home], { name: 'home', path: '/?x=1', titleKey: 'menu.home' })[0].affix).toBe(true)
  })
})

describe('closeTag', () => {
  const tags = [home, list, detail, certs]

  it('closes an inactive tag without moving', () => {
    expect(closeTag(tags, 'instruments', 'certificates')).toEqual({ tags: [home, detail, certs], next: null })
  })

  it('goes to the right neighbour when the active tag closes, else the left one', () => {
    expect(closeTag(tags, 'instrument-detail', 'instrument-detail').next).toBe(certs)
    expect(closeTag(tags, 'certificates', 'certificates').next).toBe(detail)
    expect(closeTag([home, list], 'instruments', 'instruments').next).toBe(home)
  })

  it('never closes an affixed tag or an unknown one', () => {
    expect(closeTag(tags, 'home', 'home')).toEqual({ tags, next: null })
    expect(closeTag(tags, 'nope', 'home')).toEqual({ tags, next: null })
  })
})

describe('closeOtherTags / closeAllTags', () => {
  it('keeps the affixed tags and the chosen one', () => {
    expect(closeOtherTags([home, list, detail, certs], 'instrument-detail')).toEqual([home, detail])
    expect(closeOtherTags([home, list], 'home')).toEqual([home])
  })

  it('closing all leaves only the affixed tags', () => {
    expect(closeAllTags([home, list, detail])).toEqual([home])
  })
})

describe('restoreTags', () => {
  it('puts the affixed tags first and keeps the stored order', () => {
    expect(restoreTags([list, home, detail], [home])).toEqual([home, list, detail])
  })

  it('drops junk, duplicates and foreign paths', () => {
    const raw = [list, { ...list, path: '/x' }, { name: 'evil', path: 'https://example.com', titleKey: 'x' }, { name: 'evil2', path: '//example.com', titleKey: 'x' }, 42, null, { name: 'a' }]
    expect(restoreTags(raw, [home])).toEqual([home, list])
  })

  it('starts afresh on missing or malformed storage', () => {
    for (const raw of [undefined, null, '', 'x', { a: 1 }]) expect(restoreTags(raw, [home])).toEqual([home])
  })

  it('marks the affixed tags as such', () => {
    expect(restoreTags(null, [{ name: 'home', path: '/', titleKey: 'menu.home' }])[0].affix).toBe(true)
  })
})
