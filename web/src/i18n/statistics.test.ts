// The statistics texts are loaded with the dashboard and the home overview, not with the first
// screen: they must still match in both languages, not collide with the built-in or inspection
// messages, cover every key the pages name and every card and chart series, and follow a change
// of language.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { keys, lookup, placeholders, resetLocale, sources } from './textsTesting'
import zhCN from './zh-CN'
import en from './en'
import inspZh from './inspection.zh-CN'
import dashZh from './statistics.zh-CN'
import dashEn from './statistics.en'
import { i18n, setLocale } from '.'
import { loadStatisticsTexts } from './statistics'
import { COUNT_KEYS, KPI_HINTS, KPI_KEYS, TREND_SERIES } from '@/lib/statistics'
import { DISTRICT_SEGMENTS } from '@/lib/statisticsCharts'

afterEach(resetLocale)

describe('statistics texts', () => {
  it('have the same keys and placeholders in both languages, none empty', () => {
    expect(keys(dashEn).sort()).toEqual(keys(dashZh).sort())
    for (const k of keys(dashZh)) {
      expect((lookup(dashZh, k) as string).trim(), k).not.toBe('')
      expect((lookup(dashEn, k) as string).trim(), k).not.toBe('')
      expect(placeholders(lookup(dashEn, k) as string), k).toEqual(placeholders(lookup(dashZh, k) as string))
    }
  })

  it('do not redefine a top-level key of the built-in or the inspection messages', () => {
    for (const k of Object.keys(dashZh)) {
      expect(Object.keys(zhCN), k).not.toContain(k)
      expect(Object.keys(inspZh), k).not.toContain(k)
    }
  })

  it('cover every statistics key the pages name', () => {
    const missing: string[] = []
    for (const file of sources()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](dash[A-Z]\w*(?:\.\w+)+)['"`]/g)) {
        if (lookup(dashZh, m[1]) === undefined) missing.push(`${m[1]} in ${file}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('label every card, hint, count, district segment and trend line', () => {
    for (const k of KPI_KEYS) expect(dashZh.dashKpi, k).toHaveProperty(k)
    for (const k of KPI_HINTS) expect(dashZh.dashKpiHint, k).toHaveProperty(k)
    expect(Object.keys(dashZh.dashKpiHint).sort()).toEqual([...KPI_HINTS].sort())
    for (const k of COUNT_KEYS) expect(dashZh.dashCount, k).toHaveProperty(k)
    for (const k of DISTRICT_SEGMENTS) expect(dashZh.dashCount, k).toHaveProperty(k)
    for (const k of TREND_SERIES) expect(dashZh.dashTrend, k).toHaveProperty(k)
  })

  it('title the dashboard in the built-in messages (the menu shows it before the page loads)', () => {
    expect(zhCN.menu.statistics).toBe('统计分析')
    expect(en.menu.statistics).toBe('Statistics')
  })

  it('load on demand and follow a change of language', async () => {
    await loadStatisticsTexts()
    expect(i18n.global.t('dashKpi.due_30d')).toBe('30天内到期')
    expect(i18n.global.t('dashPage.asOf', { date: '2026-12-06' })).toBe('数据截至 2026-12-06')
    await setLocale('en')
    expect(i18n.global.t('dashKpi.due_30d')).toBe('Due within 30 days')
    expect(i18n.global.t('common.search')).toBe('Search')
    await setLocale('zh-CN')
    expect(i18n.global.t('dashTrend.expired')).toBe('到期未检')
  })
})
