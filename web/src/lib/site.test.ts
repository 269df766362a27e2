import { describe, expect, it } from 'vitest'
import { footerItems } from './site'

describe('footerItems', () => {
  it('lists the fields in footer order', () => {
    expect(footerItems({ complaint_phone: '12315', icp: '鄂ICP备00000000号', support: '市计量所', organiser: '武汉市市场监督管理局' })).toEqual([
      { key: 'footer.organiser', value: '武汉市市场监督管理局' },
      { key: 'footer.support', value: '市计量所' },
      { key: 'footer.icp', value: '鄂ICP备00000000号' },
      { key: 'footer.complaintPhone', value: '12315' },
    ])
  })

  it('leaves out empty, blank, missing and non-string fields', () => {
    expect(footerItems({ organiser: '武汉市市场监督管理局', support: '', icp: '  ', complaint_phone: 12315 })).toEqual([{ key: 'footer.organiser', value: '武汉市市场监督管理局' }])
    expect(footerItems({})).toEqual([])
  })

  it('is empty without site information', () => {
    expect(footerItems(null)).toEqual([])
    expect(footerItems(undefined)).toEqual([])
  })
})
