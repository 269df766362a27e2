import { describe, expect, it, vi } from 'vitest'
import { NARROW_QUERY, useNarrow } from './useNarrow'

describe('useNarrow', () => {
  it('follows the phone-width media query', () => {
    let listener: ((e: { matches: boolean }) => void) | undefined
    const matchMedia = vi.fn((query: string) => ({
      matches: query === NARROW_QUERY,
      addEventListener: (_: string, fn: typeof listener) => (listener = fn),
    }))
    vi.stubGlobal('matchMedia', matchMedia)
    const narrow = useNarrow()
    expect(narrow.value).toBe(true)
    listener?.({ matches: false })
    expect(narrow.value).toBe(false)
    expect(useNarrow().value).toBe(false)
    expect(matchMedia).toHaveBeenCalledTimes(1)
    vi.unstubAllGlobals()
  })
})
