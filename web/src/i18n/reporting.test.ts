// The reporting texts are loaded with their pages, not with the first screen: they must still
// match in both languages, not collide with the built-in or other features' messages (but for
// the error codes they add), cover every key the pages name, name every status, action and
// figure in Chinese, and follow a change of language.
import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import { keys, lookup, placeholders, resetLocale, sources } from './textsTesting'
import zhCN from './zh-CN'
import enBuiltIn from './en'
import inspZh from './inspection.zh-CN'
import dashZh from './statistics.zh-CN'
import accZh from './acceptance.zh-CN'
import rptZh from './reporting.zh-CN'
import rptEn from './reporting.en'
import { i18n, setLocale } from '.'
import { loadReportingTexts } from './reporting'
import { errorText } from '@/lib/errors'
import { ApiError } from '@/lib/api'
import { ANNUAL_REPORT_STATUSES, INSTITUTE_REPORT_KINDS, MILESTONE_KINDS, MILESTONE_STATUSES, PROBLEM_REPORT_STATUSES, TURNAROUND_STEPS } from '@/lib/api/types.reporting'
import { BULLETIN_OVERVIEW_KEYS, BULLETIN_SUPERVISION_KEYS, CITY_STATES, FIGURE_GROUPS, FIGURE_HINTS, INSTITUTE_KPI_KEYS, MONTH_SERIES, NARRATIVES, PERIOD_KINDS, periodLabel } from '@/lib/reporting'

afterEach(resetLocale)

describe('reporting texts', () => {
  it('have the same keys and placeholders in both languages, none empty', () => {
    expect(keys(rptEn).sort()).toEqual(keys(rptZh).sort())
    for (const k of keys(rptZh)) {
      expect((lookup(rptZh, k) as string).trim(), k).not.toBe('')
      expect((lookup(rptEn, k) as string).trim(), k).not.toBe('')
      expect(placeholders(lookup(rptEn, k) as string), k).toEqual(placeholders(lookup(rptZh, k) as string))
    }
  })

  it('do not redefine a top-level key of the built-in or other features\' messages, nor a built-in error', () => {
    for (const k of Object.keys(rptZh).filter((k) => k !== 'errors')) {
      for (const other of [zhCN, inspZh, dashZh, accZh]) expect(Object.keys(other), k).not.toContain(k)
    }
    for (const code of Object.keys(rptZh.errors)) expect(Object.keys(zhCN.errors), code).not.toContain(code)
  })

  it('cover every reporting key the pages name', () => {
    const missing: string[] = []
    for (const file of sources()) {
      for (const m of readFileSync(file, 'utf8').matchAll(/['"`](rpt[A-Z]\w*(?:\.\w+)+)['"`]/g)) {
        if (lookup(rptZh, m[1]) === undefined) missing.push(`${m[1]} in ${file}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('name every status, state, action, figure, column, series and period in Chinese', () => {
    expect(rptZh.rptAnnualStatus).toEqual({ draft: '草稿', submitted: '已报送', accepted: '已通过', returned: '已退回' })
    expect(rptZh.rptCityState.none).toBe('未编制')
    expect(rptZh.rptProblemStatus).toEqual({ submitted: '已上报', acknowledged: '已签收' })
    for (const s of ANNUAL_REPORT_STATUSES) expect(rptZh.rptAnnualStatus, s).toHaveProperty(s)
    for (const s of CITY_STATES) expect(rptZh.rptCityState, s).toHaveProperty(s)
    for (const s of PROBLEM_REPORT_STATUSES) expect(rptZh.rptProblemStatus, s).toHaveProperty(s)
    // the timeline's steps as the server names them (create, edit, submit, accept, return, attach, acknowledge, publish)
    for (const a of ['create', 'edit', 'submit', 'accept', 'return', 'attach', 'acknowledge', 'publish']) expect(rptZh.rptAction, a).toHaveProperty(a)
    for (const g of FIGURE_GROUPS) {
      expect(rptZh.rptFigureGroup, g.key).toHaveProperty(g.key)
      for (const k of g.items) expect(rptZh.rptFigure, k).toHaveProperty(k)
    }
    for (const k of [...BULLETIN_OVERVIEW_KEYS, ...BULLETIN_SUPERVISION_KEYS]) expect(rptZh.rptFigure, k).toHaveProperty(k)
    expect(Object.keys(rptZh.rptFigureHint).sort()).toEqual([...FIGURE_HINTS].sort())
    for (const k of MONTH_SERIES) expect(rptZh.rptMonth, k).toHaveProperty(k)
    for (const k of PERIOD_KINDS) expect(rptZh.rptPeriodKind, k).toHaveProperty(k)
    for (const k of NARRATIVES) expect(rptZh.rptAnnual, k).toHaveProperty(k)
    expect([rptZh.rptAnnual.work, rptZh.rptAnnual.problems, rptZh.rptAnnual.plan]).toEqual(['工作开展情况', '存在问题', '下一步工作计划'])
    // no Latin letters in the Chinese texts but the file types and units named on purpose
    const latin = keys(rptZh).filter((k) => /[A-Za-z]/.test((lookup(rptZh, k) as string).replace(/\{\w+\}|PDF|JPG|PNG|XLSX|DOCX|Excel|MB/g, '')))
    expect(latin).toEqual([])
  })

  it('name every kind, step and card of 检定统计分析 and every measure and status of 工作节点 in Chinese, as the server does', () => {
    // the server's names (report_institute.cpp, domain/report.cpp): the page shows the same words
    expect(rptZh.rptInstKind).toEqual({ first: '首次检定', subsequent: '后续检定', in_service: '使用中检查', sampling: '抽样检定' })
    expect(Object.keys(rptZh.rptInstKind)).toEqual([...INSTITUTE_REPORT_KINDS])
    expect(rptZh.rptTurnaround).toEqual({ accept: '预约提交→受理', record: '受理→检定记录', certificate: '检定记录→出具证书', total: '预约提交→出具证书' })
    expect(Object.keys(rptZh.rptTurnaround)).toEqual([...TURNAROUND_STEPS])
    expect(rptZh.rptMilestoneKind).toEqual({
      filing_review: '备案审核完成率',
      periodic_verification: '在用充电桩检定有效率',
      first_verification: '新投运充电桩首次检定率',
      sampling: '抽样检定完成率',
      inspection: '双随机抽查公示率',
    })
    for (const k of MILESTONE_KINDS) {
      expect(rptZh.rptMilestoneKind, k).toHaveProperty(k)
      expect(rptZh.rptMilestoneKindHint, k).toHaveProperty(k)
    }
    expect(rptZh.rptMilestoneStatus).toEqual({ active: '进行中', withdrawn: '已撤销' })
    for (const s of MILESTONE_STATUSES) expect(rptZh.rptMilestoneStatus, s).toHaveProperty(s)
    expect(Object.keys(rptZh.rptInstKpi)).toEqual([...INSTITUTE_KPI_KEYS])
    expect([rptZh.rptInstKpi.verified, rptZh.rptInstKpi.pass_rate, rptZh.rptInstKpi.refused]).toEqual(['检定台次', '合格率', '不予受理'])
  })

  it('keep the menu titles built in', () => {
    expect([zhCN.menu.instituteReport, zhCN.menu.milestones]).toEqual(['检定统计分析', '工作节点'])
    // the notices the reporting steps send, as 短信/通知发件箱 names them (the server's template codes)
    for (const code of ['annual_report_submitted', 'annual_report_accepted', 'annual_report_returned', 'problem_report_submitted', 'problem_report_acknowledged', 'bulletin_published'] as const) {
      expect(zhCN.noticeTemplates[code], code).toMatch(/[\u4e00-\u9fff]/)
      expect(enBuiltIn.noticeTemplates[code], code).toBeTypeOf('string')
    }
    for (const k of ['annualReports', 'annualReportDetail', 'problemReports', 'problemReportDetail', 'bulletins', 'bulletinDetail', 'instituteReport', 'milestones'] as const) {
      expect(zhCN.menu[k], k).toBeTypeOf('string')
      expect(enBuiltIn.menu[k], k).toBeTypeOf('string')
    }
    expect([zhCN.menu.annualReports, zhCN.menu.problemReports, zhCN.menu.bulletins]).toEqual(['年度工作报告', '重大问题上报', '通报'])
  })

  it('load on demand, add their error codes to the built-in ones and follow a change of language', async () => {
    await loadReportingTexts()
    const { t } = i18n.global
    expect(t('rptAnnualStatus.returned')).toBe('已退回')
    expect(t('rptCommon.asOf', { date: '2026-12-06' })).toBe('数据截至 2026-12-06')
    expect(periodLabel('2026-Q4', t)).toBe('2026年第四季度')
    expect(periodLabel('2026-11', t)).toBe('2026年11月')
    expect(errorText(new ApiError(409, 'report_not_editable', 'x'))).toBe('报告已报送或已通过，不能修改')
    expect(errorText(new ApiError(401, 'login_failed', 'x'))).toBe('用户名或密码错误')
    expect(errorText(new ApiError(400, 'narrative_required', '请填写“存在问题”'))).toBe('请填写“存在问题”')
    expect(errorText(new ApiError(400, 'institute_required', 'x'))).toBe('请选择检定机构')
    expect(errorText(new ApiError(409, 'milestone_withdrawn', 'x'))).toBe('该工作节点已撤销，不能再修改或撤销')
    expect(t('rptMilestoneKind.periodic_verification')).toBe('在用充电桩检定有效率')
    await setLocale('en')
    expect(t('rptMilestoneKind.periodic_verification')).toBe('Chargers in use with a valid verification')
    expect(t('rptAnnualStatus.returned')).toBe('Returned')
    expect(periodLabel('2026-Q4', t)).toBe('Q4 2026')
    expect(errorText(new ApiError(409, 'report_not_editable', 'x'))).toBe('The report is submitted or accepted and cannot be changed')
    expect(t('common.search')).toBe('Search')
    await setLocale('zh-CN')
    expect(t('rptCityState.none')).toBe('未编制')
  })
})
