// The 双随机一公开 texts are loaded with their pages, not with the first screen: they must still
// match in both languages, not collide with the built-in messages, cover every key the pages
// name, and follow a change of language.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { keys, lookup, placeholders, resetLocale, sources } from './textsTesting'
import { createMemoryHistory, createRouter } from 'vue-router'
import zhCN from './zh-CN'
import inspZh from './inspection.zh-CN'
import inspEn from './inspection.en'
import accZh from './acceptance.zh-CN'
import rptZh from './reporting.zh-CN'
import { i18n, setLocale } from '.'
import { loadInspectionTexts } from './inspection'
import { routes } from '@/router/routes'

afterEach(resetLocale)

describe('inspection texts', () => {
  it('have the same keys and placeholders in both languages, none empty', () => {
    expect(keys(inspEn).sort()).toEqual(keys(inspZh).sort())
    for (const k of keys(inspZh)) {
      expect((lookup(inspZh, k) as string).trim(), k).not.toBe('')
      expect(placeholders(lookup(inspEn, k) as string), k).toEqual(placeholders(lookup(inspZh, k) as string))
    }
  })

  it('do not redefine a top-level key of the built-in messages', () => {
    for (const k of Object.keys(inspZh)) expect(Object.keys(zhCN), k).not.toContain(k)
  })

  it('cover every inspection key the pages name', () => {
    const missing: string[] = []
    for (const file of sources()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](insp[A-Z]\w*(?:\.\w+)+)['"`]/g)) {
        if (lookup(inspZh, m[1]) === undefined) missing.push(`${m[1]} in ${file}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('name each route title in the built-in messages and each empty list in one of the message sets', () => {
    const router = createRouter({ history: createMemoryHistory(), routes })
    for (const r of router.getRoutes()) {
      if (r.meta.titleKey) expect(lookup(zhCN, r.meta.titleKey), r.meta.titleKey).toBeTypeOf('string')
      if (r.meta.emptyKey) expect(lookup(zhCN, r.meta.emptyKey) ?? lookup(inspZh, r.meta.emptyKey) ?? lookup(accZh, r.meta.emptyKey) ?? lookup(rptZh, r.meta.emptyKey), r.meta.emptyKey).toBeTypeOf('string')
    }
  })

  it('label the notice templates and the rectification source of inspections in the built-in messages', () => {
    for (const code of [
      'inspection_plan_submitted',
      'inspection_plan_accepted',
      'inspection_plan_returned',
      'inspection_drawn',
      'inspection_assigned',
      'inspection_reassigned',
      'inspection_published',
      'inspection_publish_due',
      'annual_report_submitted',
      'annual_report_accepted',
      'annual_report_returned',
      'problem_report_submitted',
      'problem_report_acknowledged',
      'bulletin_published',
    ]) {
      expect(zhCN.noticeTemplates, code).toHaveProperty(code)
    }
    expect(zhCN.noticeTemplates.inspection_plan_returned).toBe('年度抽查计划已退回')
    expect(zhCN.rectificationSource.inspection).toBe('双随机抽查')
  })

  it('load on demand and follow a change of language', async () => {
    await loadInspectionTexts()
    expect(i18n.global.t('inspResult.no_problem')).toBe('未发现问题')
    expect(i18n.global.t('inspAction.recuse')).toBe('回避')
    expect(i18n.global.t('common.search')).toBe('查询')
    await setLocale('en')
    expect(i18n.global.t('inspResult.no_problem')).toBe('No problem found')
    expect(i18n.global.t('common.search')).toBe('Search')
    await setLocale('zh-CN')
    expect(i18n.global.t('inspFollowUp.order_correction')).toBe('责令改正')
  })
})
