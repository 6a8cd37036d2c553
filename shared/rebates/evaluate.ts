/**
 * evaluate(policy, facts, now): one dealer's standing under one policy in one period — what the
 * dealer sees as progress (basis, tier reached, next tier and how much more to deliver, projection)
 * and what settlement pays (earned), with a trace in plain Chinese of how each number was reached.
 *
 * Pure: `now` only decides whether the period is still running (projection, next-tier hint) and
 * how the period is named in sentences; a settlement evaluates at its settledAt, so a recompute
 * with the same facts gives the same fen and the same words.
 */
import type { CategoryTree } from '../targeting';
import { multiplyRatio } from '../money';
import { matchesDealer } from '../targeting';
import type { DeliveryAggregate, Totals } from './facts';
import { formatMeasure, formatShanghai, formatYuan, describeScope, formatRate } from './kit';
import type { Measure, Tier, TraceStep, PolicyInputs } from './kit';
import { elapsedOf, intersect, periodLabel, periodOrThrow, samePeriodLastYear } from './period';
import type { Range } from './period';
import { policyDefinitionOf } from './policies';
import type { RebatePolicy } from './policies';
import { scopedTotals } from './scope';
import { DAY_MS } from '../time';

/** Who a dealer is, as targeting reads it. */
export interface RebateDealer {
  id: string;
  level: string;
  region: string;
}

/**
 * Everything evaluation reads for one dealer and one period. Aggregates, not orders.
 * - current: the dealer's aggregate over the whole period.
 * - lastYear: over the same period last year (growth policies require it; pass an empty
 *   aggregate for a dealer with no history).
 * - targets: this dealer's target for the period by policy id, fen (target_attainment).
 * - windows: by policy id, the aggregate over the part of the period inside a campaign's window,
 *   when that part is not the whole period (see policyRange).
 * - categories: the catalog's category tree, so a scope naming a category counts the deliveries
 *   of the categories below it (aggregates keep each line under its product's own category).
 *   The handler always passes it; without it a category covers only itself.
 */
export interface RebateFacts {
  dealer: RebateDealer;
  period: string;
  current: DeliveryAggregate;
  lastYear?: DeliveryAggregate | null;
  targets?: Readonly<Record<string, number>>;
  windows?: Readonly<Record<string, DeliveryAggregate>>;
  categories?: CategoryTree;
  /**
   * Sell-through (分销出货) of a first-tier: its two-tier orders delivered to its children, over the
   * whole period and the same period last year. What `basis: 'sell_through'` policies read instead
   * of current / lastYear (windows of such a policy are sell-through too); never mixed with them.
   */
  sellThrough?: DeliveryAggregate;
  sellThroughLastYear?: DeliveryAggregate | null;
}

/** True when the policy counts sell-through (分销出货) rather than the dealer's own deliveries. */
export const countsSellThrough = (policy: Pick<RebatePolicy, 'basis'>): boolean => policy.basis === 'sell_through';

export interface TierReached {
  /** 0-based; people read index + 1 (第 2 档). */
  index: number;
  /** The tier's lower bound as the policy states it (fen, 件, or bp of attainment / growth). */
  from: number;
  /** The basis value that reaches it (fen or 件). */
  threshold: number;
  rateBp: number | null;
  perUnitFen: number | null;
}

export interface NextTier {
  index: number;
  from: number;
  threshold: number;
  /** How much more to deliver to reach it, in the measure's unit (fen or 件): "再进货 ¥X". */
  toGo: number;
  /** How much more the dealer would earn in total by delivering exactly toGo more (after the cap): "多得 ¥Y". */
  extraEarned: number;
}

/** The reduced inputs an evaluation used: what a settlement stores and digests. */
export interface EvaluationInputs {
  /** The deliveries read, [start, end); null when a campaign's window misses the period. */
  range: Range | null;
  /** In-scope net totals of that range. */
  current: Totals;
  lastYear: Totals | null;
  target: number | null;
}

export interface Evaluation {
  policyId: string;
  policyCode: string;
  policyName: string;
  dealerId: string;
  period: string;
  evaluatedAt: number;
  /** True once the range read has ended: the figures are final (no projection, no next tier). */
  final: boolean;
  /** Unit of basis, toGo and projectedBasis: 'amount' fen or 'qty' 件. */
  measure: Measure;
  /** In-scope net delivered amount (fen) or quantity (件) so far. */
  basis: number;
  tierReached: TierReached | null;
  nextTier: NextTier | null;
  /** Fen, rounded once, before the cap. */
  earnedBeforeCap: number;
  /** Fen, after the cap: what settlement pays. */
  earned: number;
  capped: boolean;
  /** Basis at period end at the current run rate (per elapsed Shanghai day), rounded half up. */
  projectedBasis: number;
  /** What the projected basis would earn (after the cap). */
  projectedEarned: number;
  /** "再进货 ¥X 可达下一档，多得 ¥Y", or null when there is nothing to gain. */
  hint: string | null;
  inputs: EvaluationInputs;
  trace: TraceStep[];
  /** Present (true) only when the policy counts sell-through (分销出货): the basis is what the dealer sold to its children. */
  sellThrough?: true;
}

/**
 * Whether a policy counts for a dealer in a period: enabled, of the period's kind, its validity
 * [validFrom, validTo) overlapping the period, the dealer targeted, and (campaigns) its window
 * overlapping the period.
 */
export function policyApplies(policy: RebatePolicy, dealer: RebateDealer, period: string): boolean {
  return policyAppliesInPeriod(policy, period) && matchesDealer(policy.dealers, dealer);
}

/** policyApplies without the dealer targeting: enabled, of the period's kind, valid in it, and (campaigns) its window overlapping it. */
export function policyAppliesInPeriod(policy: RebatePolicy, period: string): boolean {
  const p = periodOrThrow(period);
  if (!policy.enabled || policy.periodKind !== p.kind) return false;
  const valid = { start: policy.validFrom ?? Number.MIN_SAFE_INTEGER, end: policy.validTo ?? Number.MAX_SAFE_INTEGER };
  if (!intersect(valid, p)) return false;
  return policyRange(policy, period) !== null;
}

/** The deliveries a policy reads in a period: the whole period, or a campaign window's part of it (null: none). */
export function policyRange(policy: RebatePolicy, period: string): Range | null {
  const p = periodOrThrow(period);
  const def = definitionOrThrow(policy.code);
  const whole = { start: p.start, end: p.end };
  return def.window ? intersect(def.window(policy), whole) : whole;
}

function definitionOrThrow(code: string) {
  const def = policyDefinitionOf(code);
  if (!def) throw new Error(`evaluate: unknown rebate policy code ${code}`);
  return def;
}

function checkAggregate(agg: DeliveryAggregate, dealerId: string, period: string, range: Range, what: string): void {
  if (agg.dealerId !== dealerId || agg.period !== period || agg.start !== range.start || agg.end !== range.end) {
    throw new RangeError(
      `evaluate: ${what} must be dealer ${dealerId}'s aggregate of ${period} over [${range.start}, ${range.end}), got ${agg.dealerId} ${agg.period} [${agg.start}, ${agg.end})`,
    );
  }
}

const valueOf = (m: Measure, t: Totals) => (m === 'amount' ? t.amount : t.qty);
const plus = (m: Measure, t: Totals, more: number): Totals =>
  m === 'amount' ? { amount: t.amount + more, qty: t.qty } : { amount: t.amount, qty: t.qty + more };

/** What a tier pays, for sentences: '按 2% 计' / '每件返 ¥0.02' / '按该档标准计'. */
function tierReward(t: Tier): string {
  if (t.perUnitFen !== null) return `每件返 ${formatYuan(t.perUnitFen)}`;
  if (t.rateBp !== null) return `按 ${formatRate(t.rateBp)} 计`;
  return '按该档标准计';
}

function tierView(t: Tier): TierReached {
  return { index: t.index, from: t.from, threshold: t.threshold, rateBp: t.rateBp, perUnitFen: t.perUnitFen };
}

/** The reduced inputs of a policy for a dealer's facts (validated against the period). */
export function inputsOf(policy: RebatePolicy, facts: RebateFacts): EvaluationInputs {
  const def = definitionOrThrow(policy.code);
  const p = periodOrThrow(facts.period);
  const dealerId = facts.dealer.id;
  const st = countsSellThrough(policy);
  if (st && !facts.sellThrough) throw new RangeError(`evaluate: policy ${policy.id} counts sell-through: pass facts.sellThrough`);
  const whole = st ? (facts.sellThrough as DeliveryAggregate) : facts.current;
  const before = st ? facts.sellThroughLastYear : facts.lastYear;
  checkAggregate(whole, dealerId, p.key, p, st ? 'facts.sellThrough' : 'facts.current');
  const range = policyRange(policy, p.key);
  let current: Totals = { amount: 0, qty: 0 };
  if (range) {
    let agg = whole;
    if (range.start !== p.start || range.end !== p.end) {
      const w = facts.windows?.[policy.id];
      if (!w) throw new RangeError(`evaluate: policy ${policy.id} reads [${range.start}, ${range.end}) of ${p.key}: pass facts.windows['${policy.id}']`);
      checkAggregate(w, dealerId, p.key, range, `facts.windows['${policy.id}']`);
      agg = w;
    }
    current = scopedTotals(agg, policy.scope, facts.categories);
  }
  let lastYear: Totals | null = null;
  if (before) {
    const ly = periodOrThrow(samePeriodLastYear(p.key));
    checkAggregate(before, dealerId, ly.key, ly, st ? 'facts.sellThroughLastYear' : 'facts.lastYear');
    lastYear = scopedTotals(before, policy.scope, facts.categories);
  } else if (def.requires?.lastYear) {
    throw new RangeError(`evaluate: policy ${policy.id} (${policy.code}) needs facts.lastYear (an empty aggregate when the dealer has no history)`);
  }
  const target = facts.targets?.[policy.id];
  if (target !== undefined && (!Number.isSafeInteger(target) || target < 0))
    throw new RangeError(`evaluate: target of ${policy.id} must be non-negative integer fen`);
  return { range, current, lastYear, target: target ?? null };
}

/** Evaluates one policy for one dealer's facts at `now`. The caller checks policyApplies first. */
export function evaluate(policy: RebatePolicy, facts: RebateFacts, now: number): Evaluation {
  return evaluateInputs(policy, facts.dealer.id, facts.period, inputsOf(policy, facts), now);
}

/**
 * evaluate() from inputs already reduced to the policy's scope (what a settlement record keeps):
 * the same figures and the same words. traceOf(record, policy) renders a settlement's trace with it.
 */
export function evaluateInputs(policy: RebatePolicy, dealerId: string, period: string, inputs: EvaluationInputs, now: number): Evaluation {
  const def = definitionOrThrow(policy.code);
  const label = periodLabel(period, now);
  const measure = def.measure(policy);
  const range = inputs.range;
  const cap = (amount: number) => (policy.capFen === null ? amount : Math.min(amount, policy.capFen));
  const base: PolicyInputs = { current: inputs.current, lastYear: inputs.lastYear, target: inputs.target, label };
  const core = def.compile(policy);
  const earnAt = (current: Totals) => cap(core({ current, lastYear: inputs.lastYear, target: inputs.target }).amount);

  const basis = valueOf(measure, inputs.current);
  const e = def.earn(policy, base);
  const earned = cap(e.amount);
  const capped = earned < e.amount;
  const final = range === null || now >= range.end;
  const trace: TraceStep[] = [];

  trace.push({
    step: 'scope',
    text: `口径：${countsSellThrough(policy) ? '计分销出货（向下级经销商供货、下级签收的二级订单，不含本店自己的进货）；' : ''}${describeScope(policy.scope)}；按签收时间（上海时间）计入${periodLabel(period)}，${
      range ? `统计 ${formatShanghai(range.start)} 至 ${formatShanghai(range.end)}（不含）` : '活动期不在本期内'
    }；退货冲减所退货物原计入的期间`,
    values: {
      period,
      rangeStart: range?.start ?? null,
      rangeEnd: range?.end ?? null,
      amount: inputs.current.amount,
      qty: inputs.current.qty,
      lastYearAmount: inputs.lastYear?.amount ?? null,
      target: inputs.target,
    },
  });
  trace.push(...e.steps);
  if (policy.capFen !== null) {
    trace.push({
      step: 'cap',
      text: capped ? `超过本期上限 ${formatYuan(policy.capFen)}，按上限计 ${formatYuan(earned)}` : `未超过本期上限 ${formatYuan(policy.capFen)}`,
      values: { capFen: policy.capFen, before: e.amount, after: earned, capped },
    });
  }
  trace.push({
    step: 'earned',
    text: `${final ? `${periodLabel(period)}应得返利` : `${label}已累计返利`} ${formatYuan(earned)}`,
    values: { earned },
  });

  let nextTier: NextTier | null = null;
  let hint: string | null = null;
  const more = countsSellThrough(policy) ? '再分销出货' : '再进货';
  if (!final) {
    const next = def.tiers(policy, base).find((t) => t.threshold > basis);
    if (next) {
      const toGo = next.threshold - basis;
      const atNext = plus(measure, inputs.current, toGo);
      const extraEarned = earnAt(atNext) - earned;
      // Only a cap can swallow what the next tier adds; without one, reaching a tier may still add
      // nothing at its threshold (a progressive bracket pays only for what lies above its start).
      const cappedOut = policy.capFen !== null && core({ current: atNext, lastYear: inputs.lastYear, target: inputs.target }).amount > e.amount;
      nextTier = { index: next.index, from: next.from, threshold: next.threshold, toGo, extraEarned };
      if (extraEarned > 0) hint = `${more} ${formatMeasure(measure, toGo)} 可达下一档，多得 ${formatYuan(extraEarned)}`;
      const reach = `${more} ${formatMeasure(measure, toGo)} 可达第 ${next.index + 1} 档（≥ ${formatMeasure(measure, next.threshold)}）`;
      trace.push({
        step: 'next_tier',
        text:
          extraEarned > 0
            ? `${reach}，返利合计增加 ${formatYuan(extraEarned)}`
            : cappedOut
              ? `${reach}，但已达本期上限，返利不再增加`
              : `${reach}；刚达到时返利不增加，超出部分${tierReward(next)}`,
        values: { index: next.index, threshold: next.threshold, toGo, extraEarned },
      });
    } else if (e.tier) {
      trace.push({ step: 'next_tier', text: '已达最高档', values: { index: null } });
    }
  }

  // Projection: the run rate per elapsed Shanghai day carried to the end of the range.
  let projected = inputs.current;
  let projectedEarned = earned;
  if (!final && range) {
    const { elapsed, length } = elapsedOf(range, now);
    if (elapsed > 0) {
      projected = {
        amount: multiplyRatio(inputs.current.amount, length, elapsed, 'half_up'),
        qty: multiplyRatio(inputs.current.qty, length, elapsed, 'half_up'),
      };
      projectedEarned = earnAt(projected);
    }
    const progress =
      elapsed % DAY_MS === 0 && length % DAY_MS === 0 ? `${elapsed / DAY_MS}/${length / DAY_MS} 天` : formatRate(Math.floor((elapsed * 10_000) / length));
    trace.push({
      step: 'projection',
      text:
        elapsed === 0
          ? `统计期尚未开始，暂按 ${formatMeasure(measure, valueOf(measure, projected))} 计，预计返利 ${formatYuan(projectedEarned)}`
          : `按已过 ${progress}的进度，预计期末${countsSellThrough(policy) ? '分销出货' : '净提货'} ${formatMeasure(measure, valueOf(measure, projected))}，预计返利 ${formatYuan(projectedEarned)}`,
      values: { elapsed, length, projectedBasis: valueOf(measure, projected), projectedEarned },
    });
  }

  return {
    policyId: policy.id,
    policyCode: policy.code,
    policyName: policy.name,
    dealerId,
    period,
    evaluatedAt: now,
    final,
    measure,
    basis,
    tierReached: e.tier ? tierView(e.tier) : null,
    nextTier,
    earnedBeforeCap: e.amount,
    earned,
    capped,
    projectedBasis: valueOf(measure, projected),
    projectedEarned,
    hint,
    inputs,
    trace,
    ...(countsSellThrough(policy) ? { sellThrough: true as const } : {}),
  };
}

/** Every policy that applies to the dealer in the facts' period, evaluated at `now` (the dealer's 返利进度 page). */
export function progress(policies: readonly RebatePolicy[], facts: RebateFacts, now: number): Evaluation[] {
  return policies
    .filter((pol) => policyApplies(pol, facts.dealer, facts.period))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((pol) => evaluate(pol, facts, now));
}
