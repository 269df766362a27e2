// English text of enterprise credit-risk classes (spread into en.ts).
import type creditZh from './credit.zh-CN'
import type { DeepStringRecord } from './types'

const credit: DeepStringRecord<typeof creditZh> = {
  creditClass: { A: 'Low risk', B: 'Moderate risk', C: 'Elevated risk', D: 'High risk' },
  credit: {
    title: 'Credit-risk class',
    classTag: 'Class {cls} · {name}',
    score: 'Score',
    scoreValue: '{score} points',
    computedAt: 'Computed at',
    overridden: 'Adjusted to {cls} (computed {computed})',
    overrideReason: 'Reason',
    overrideBy: 'Adjusted by',
    overrideAt: 'Adjusted at',
    indicators: 'Indicators',
    indicator: 'Indicator',
    weight: 'Weight',
    weightLine: 'Weight {weight}; ',
    count: 'Count',
    share: 'Share',
    points: 'Points',
    basis: 'Basis',
    thresholds: 'The score is the sum of each indicator’s weight × share (0–100): below {b} points class A (low risk), from {b} class B (moderate risk), from {c} class C (elevated risk), from {d} class D (high risk).',
    notExempt: 'Class A does not mean exempt from inspection: a low-risk enterprise’s instruments still need their mandatory verification on time; the class only sets how often and where supervision looks.',
    internal: 'Credit-risk classes are for the regulators only; enterprises and the public never see them.',
    recompute: 'Recompute',
    recomputed: 'Recomputed: class {cls}, {score} points',
    adjust: 'Adjust class',
    clear: 'Clear adjustment',
    loadFailed: 'The credit-risk class could not be loaded',
    retry: 'Reload',
  },
  creditOverride: {
    title: 'Adjust the credit-risk class',
    clearTitle: 'Clear the adjustment',
    intro: 'Computed class {cls} ({name}). The adjusted class applies until the adjustment is cleared; the adjustment and its reason go to the audit log.',
    clearIntro: 'Now adjusted to class {cls}; clearing it restores the computed class {computed} ({name}).',
    class: 'Adjust to',
    classPh: 'Choose a class',
    option: 'Class {cls} ({name})',
    reason: 'Reason',
    reasonPh: 'e.g. repeated complaints, confirmed on site: supervise closely',
    clearReason: 'Reason',
    clearReasonPh: 'e.g. the complaints have been dealt with: back to the computed class',
    submit: 'Adjust',
    clearSubmit: 'Clear adjustment',
    done: 'Credit-risk class adjusted to {cls}',
    cleared: 'Adjustment cleared: back to class {cls}',
  },
}

export default credit
