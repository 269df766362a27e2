import { describe, expect, it } from 'vitest'
import { nextTick, ref } from 'vue'
import { useLocalPage } from './useLocalPage'

describe('useLocalPage', () => {
  it('slices the current page and goes back to page 1 when the list shrinks below it', async () => {
    const rows = ref(Array.from({ length: 45 }, (_, i) => i))
    const p = useLocalPage(rows, 20)
    expect(p.total.value).toBe(45)
    expect(p.pageRows.value).toEqual(rows.value.slice(0, 20))
    p.page.value = 3
    expect(p.pageRows.value).toEqual([40, 41, 42, 43, 44])
    rows.value = rows.value.slice(0, 30)
    await nextTick()
    expect(p.page.value).toBe(1)
    p.page.value = 2
    p.size.value = 10
    expect(p.pageRows.value).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19])
  })
})
