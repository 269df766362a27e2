// Shapes of the enterprise credit-risk API (信用风险分类, `GET/POST/PUT /enterprises/{id}/credit…`):
// the server classes each enterprise A–D from indicators; only the regulators of the districts
// where it is registered or has chargers see the class. Generated from src/http/openapi.json like
// types.ts; the constant list is UI-only (checked by types.test.ts).
import type { components } from './schema'

type Schemas = components['schemas']

/** A 低风险, B 一般风险, C 较高风险, D 高风险. */
export const CREDIT_CLASSES = ['A', 'B', 'C', 'D'] as const satisfies readonly Schemas['EnterpriseCredit']['class'][]
export type CreditClass = Schemas['EnterpriseCredit']['class']

/** An enterprise's class in force, the computed class, the score and every indicator's share of it. */
export type EnterpriseCredit = Schemas['EnterpriseCredit']
/** One indicator: weight × share (numerator / denominator) = points, with what was counted (`basis`). */
export type CreditIndicator = Schemas['CreditIndicator']
/** A regulator's adjustment of the class in force, with its reason; null when none. */
export type CreditOverride = NonNullable<EnterpriseCredit['override']>
/** `PUT /enterprises/{id}/credit/override`: `class` '' clears the adjustment; `reason` is required. */
export type CreditOverrideRequest = Omit<Schemas['CreditOverrideRequest'], 'class'> & { class: CreditClass | '' }
