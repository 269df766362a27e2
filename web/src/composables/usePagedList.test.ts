import { describe, expect, it } from 'vitest'
import { differsFrom, usePagedList } from './usePagedList'

describe('differsFrom', () => {
  it('is false for the initial filters and blank text', () => {
    expect(differsFrom({ status: '', q: '' }, { status: '', q: '' })).toBe(false)
    expect(differsFrom({ status: 'needs_review', q: '   ' }, { status: 'needs_review', q: '' })).toBe(false)
  })

  it('is true when any filter differs', () => {
    expect(differsFrom({ status: '', q: 'XJ' }, { status: '', q: '' })).toBe(true)
    expect(differsFrom({ status: '' }, { status: 'needs_review' })).toBe(true)
    expect(differsFrom({ org_id: 3 }, { org_id: 0 })).toBe(true)
    expect(differsFrom({ unread: true }, { unread: false })).toBe(true)
  })
})

describe('usePagedList', () => {
  it('remembers whether the shown items were filtered', async () => {
    const list = usePagedList(async () => ({ items: [], total: 0 }), { q: '' })
    await list.load()
    expect(list.filtered).toBe(false)
    list.filters.q = 'XJ'
    expect(list.filtered).toBe(false)
    await list.search()
    expect(list.filtered).toBe(true)
    await list.reset()
    expect(list.filtered).toBe(false)
  })
})
