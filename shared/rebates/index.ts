/**
 * Rebates (返利): the pure engine. Plain data in, plain data out; `now` is a parameter.
 *
 * - period: Asia/Shanghai months 'YYYY-MM', quarters 'YYYY-Qn', years 'YYYY' as [start, end) epoch ms.
 * - facts: per-dealer per-period aggregates of net delivered goods (accrue / aggregateFrom / mergeAggregates).
 * - policies/: one definition per file with a stable code and a strict zod schema, registered in
 *   policies/index.ts (volume_tiers, target_attainment, growth, campaign_reward); every policy has
 *   a product scope, dealer targeting, validity, an optional cap and a rounding mode.
 * - evaluate: progress, next tier, projection and a trace for one dealer × policy × period.
 * - settle: settlement records of a closed period, recompute, claw-back after returns. Records are
 *   lean (numbers, reduced inputs, a 64-bit inputs digest, the policy version's SHA-256); each
 *   policy is returned once per settle (SettleResult.policies by digest) and the trace in words is
 *   rendered on demand by traceOf(record, policy) / explainSettlement(record, policy).
 * - wallet: the rebate ledger's balance, how much an order may spend, splitting it to lines.
 *
 * Units: money integer fen, quantities base units (件), rates basis points (200 = 2 %), times epoch ms.
 * Rounding: each policy's earned amount is computed exactly and rounded once (kit.ts).
 */
export * from './period';
export * from './facts';
export { compileScope, describeScope, isAllProducts, scopedTotals, scopeSchema } from './scope';
export type { Scope } from './scope';
export { formatExactBp, formatQty, formatRate, policyBaseShape, ROUNDING_WORDS } from './kit';
export type {
  AnyPolicyDefinition,
  CompiledEarn,
  Earning,
  Measure,
  Outcome,
  PolicyCommon,
  PolicyInputs,
  RebatePolicyDefinition,
  ReducedInputs,
  Tier,
  TraceStep,
} from './kit';
export * from './policies';
export { countsSellThrough, evaluate, evaluateInputs, inputsOf, policyApplies, policyAppliesInPeriod, policyRange, progress } from './evaluate';
export type { Evaluation, EvaluationInputs, NextTier, RebateDealer, RebateFacts, TierReached } from './evaluate';
export { clawback, clawbackOf, explainSettlement, policyDigestOf, recompute, resettle, settle, settlementId, settlementInputsText, traceOf } from './settle';
export type { ClawbackAdjustment, Recomputation, SettlementRecord, SettleResult } from './settle';
export { canonicalJson, digest64, Hash64, sha256Hex } from './digest';
export * from './wallet';
