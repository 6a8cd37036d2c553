/**
 * What a rebate policy definition is made of: the fields every policy shares, the contract the
 * engine calls, and the few helpers definitions use (tiers, exact rate arithmetic, wording).
 * Each file in policies/ builds one definition from these.
 *
 * Rounding (one rule for every policy): a policy's earned amount is computed EXACTLY — a
 * progressive schedule sums its brackets as a rational number of fen — and rounded ONCE to the
 * fen with the policy's `rounding` mode (default half_up, 四舍五入); the cap applies after that.
 * So the same inputs always give the same fen, and a retroactive schedule never pays less than
 * the progressive one on the same tiers.
 */
import { z } from 'zod';
import { BASIS_POINTS, divide, fenSchema, formatFen, ROUNDING_MODES } from '../money';
import type { RoundingMode } from '../money';
import { formatShanghai, instantSchema } from '../time';
import { formatYuan } from '../orders/format';
import { windowCheck } from '../pricing/rule-kit';
import { dealerTargetSchema } from '../targeting';
import { PERIOD_KINDS } from './period';
import type { Range } from './period';
import { describeScope, scopeSchema } from './scope';
import type { Totals } from './facts';

export { BASIS_POINTS, formatFen, formatShanghai, formatYuan, describeScope, instantSchema, windowCheck };
export type { RoundingMode, Range, Totals };

/** Policy ids become part of settlement ids ('policyId:dealerId:period'), so no ':' in them. */
export const policyIdSchema = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'id 只能由字母、数字、_ . - 组成（1–64 位）');
/** Integer fen, ≥ 0, at most ¥10 亿 (money's fenSchema). */
export const fenArg = fenSchema;
/** A rebate rate in basis points of the amount: 200 = 2 %, at most 100 %. */
export const rateBpArg = z.number().int().min(0).max(BASIS_POINTS);

/** Fields of every policy. `code` (the discriminator) and `args` come from each definition. */
export const policyBaseShape = {
  id: policyIdSchema,
  /** What dealers read, e.g. 2025 年季度进货返利. */
  name: z.string().min(1).max(60),
  /** Switched-off policies are kept for history and never evaluated. */
  enabled: z.boolean().default(true),
  /** The period it is measured and settled over (Asia/Shanghai). */
  periodKind: z.enum(PERIOD_KINDS),
  /** Who it is for (same reading as pricing rules): all empty = every dealer. */
  dealers: dealerTargetSchema,
  /** Valid from this instant, inclusive; null: no start. A policy applies to the periods its validity overlaps. */
  validFrom: instantSchema.nullable().default(null),
  /** Valid until this instant, exclusive; null: no end. */
  validTo: instantSchema.nullable().default(null),
  /** Which delivered goods count. Default: all products. */
  scope: scopeSchema,
  /** At most this much per dealer per period, fen; null: no cap. Applied after rounding. */
  capFen: fenArg.nullable().default(null),
  /** How the exact earned amount is rounded to the fen, once. */
  rounding: z.enum(ROUNDING_MODES).default('half_up'),
  /**
   * What it counts: sell_in (absent, the default) the dealer's own delivered brand orders;
   * sell_through a first-tier's two-tier orders delivered to its children (分销出货). No default
   * is filled in, so a policy written without it keeps its stored shape and version digest.
   */
  basis: z.enum(['sell_in', 'sell_through']).optional(),
};

/** The unit a policy's tiers are measured in and its progress (toGo) is expressed in. */
export type Measure = 'amount' | 'qty';

/** A step of a calculation trace: a stable code, a sentence for people, the numbers behind it. */
export interface TraceStep {
  step: string;
  text: string;
  values: Record<string, number | string | boolean | null>;
}

/** A tier made concrete for one dealer and period: `threshold` is the measure value that reaches it. */
export interface Tier {
  /** 0-based. */
  index: number;
  /** The tier's own lower bound as the policy states it (fen, 件, or bp of attainment / growth). */
  from: number;
  /** In the measure's unit (fen or 件). Non-decreasing along the tiers. */
  threshold: number;
  rateBp: number | null;
  perUnitFen: number | null;
}

/** What a policy needs besides the period's deliveries, reduced to its scope. */
export interface PolicyInputs {
  /** In-scope net deliveries of the range the policy reads. */
  current: Totals;
  /** In-scope net deliveries of the same period last year; null when not provided. */
  lastYear: Totals | null;
  /** This dealer's target for the period, fen; null when none is set. */
  target: number | null;
  /** How the period reads in sentences: '本季度', '2024年第1季度'. */
  label: string;
}

export interface Earning {
  /** Fen, rounded once with the policy's mode, before the cap; never negative. */
  amount: number;
  tier: Tier | null;
  /** How the tier and the amount were reached. */
  steps: TraceStep[];
}

/** The numbers a policy reads (PolicyInputs without the words). */
export type ReducedInputs = Pick<PolicyInputs, 'current' | 'lastYear' | 'target'>;

/**
 * What a policy's arithmetic gives, without words: what a settlement record stores and what
 * `earn` puts into sentences. One source of truth for the fen: `earn` is built on it.
 */
export interface Outcome {
  /** Fen, rounded once with the policy's mode, before the cap; never negative. */
  amount: number;
  /** 0-based index of the tier reached, or null. */
  tierIndex: number | null;
  /** The reached tier's rate (bp of the basis), or null. */
  rateBp: number | null;
  /** The reached tier's (or the campaign's) fen per unit, or null. */
  perUnitFen: number | null;
  /** The exact amount before rounding, in 1/10000 fen: a number while it is a safe integer, else a bigint. */
  exact: number | bigint;
}

/** A policy compiled once (tiers, rates and rounding resolved): inputs in, numbers out, no text. */
export type CompiledEarn = (inputs: ReducedInputs) => Outcome;

/** The outcome of reaching no tier. Frozen: shared by every caller. */
export const NO_OUTCOME: Outcome = Object.freeze({ amount: 0, tierIndex: null, rateBp: null, perUnitFen: null, exact: 0 });

/** Fields every parsed policy has, whatever its type. */
export interface PolicyCommon {
  code: string;
  id: string;
  name: string;
  enabled: boolean;
  periodKind: (typeof PERIOD_KINDS)[number];
  dealers: { levels: string[]; regions: string[]; dealerIds: string[] };
  validFrom: number | null;
  validTo: number | null;
  scope: z.output<typeof scopeSchema>;
  capFen: number | null;
  rounding: RoundingMode;
}

/**
 * One kind of rebate policy. The engine reads the in-scope totals, asks `tiers` for the
 * thresholds (for the next-tier hint) and `earn` for the amount — for the actual deliveries, for
 * the deliveries plus what the next tier needs, and for the projection — then applies the cap.
 */
export interface RebatePolicyDefinition<C extends string, S extends z.ZodType> {
  code: C;
  /** What this kind of policy is called, e.g. 阶梯返利. */
  title: string;
  /** The whole policy, args included (strict). */
  schema: S;
  /** A valid policy of this kind as an admin would write it (docs and tests). */
  example: z.input<S>;
  measure(policy: z.output<S>): Measure;
  /** The deliveries it reads when that is not the whole period (a campaign's window). */
  window?(policy: z.output<S>): Range;
  /** Facts it cannot be evaluated without (a missing one is the caller's bug). */
  requires?: { lastYear?: boolean };
  /** The tiers with thresholds for these inputs; [] when no tier can be reached (no target, no history). */
  tiers(policy: z.output<S>, inputs: PolicyInputs): Tier[];
  /** The arithmetic of `earn` without words, compiled once per policy (settlement runs it per dealer). */
  compile(policy: z.output<S>): CompiledEarn;
  /** The amount with the words that explain it; its numbers are `compile(policy)(inputs)`. */
  earn(policy: z.output<S>, inputs: PolicyInputs): Earning;
}

export type AnyPolicyDefinition = RebatePolicyDefinition<string, z.ZodType>;

/** Refinements shared by tier lists: lower bounds strictly ascending, rates never falling. */
export function ascendingTiers<T>(from: (t: T) => number, rate: (t: T) => number) {
  return [
    (ts: readonly T[]) => ts.every((t, i) => i === 0 || (from(t) > from(ts[i - 1] as T) && rate(t) >= rate(ts[i - 1] as T))),
    { message: '各档起点必须递增，返利标准不得递减' },
  ] as const;
}

/** The highest tier whose threshold the value reaches, or null. */
export function reachedTier(tiers: readonly Tier[], value: number): Tier | null {
  let reached: Tier | null = null;
  for (const t of tiers) if (value >= t.threshold) reached = t;
  return reached;
}

/** ceil(a × b / c) for non-negative integers (a threshold: the smallest integer reaching a ratio). */
export function ceilRatio(a: number, b: number, c: number): number {
  const p = a * b;
  return Number.isSafeInteger(p) ? divide(p, c, 'up') : divide(BigInt(a) * BigInt(b), BigInt(c), 'up');
}

/** Σ amount × rateBp, exactly: the numerator of a rebate in 1/10000 fen. */
export function bpProduct(amount: number, rateBp: number): bigint {
  return BigInt(amount) * BigInt(rateBp);
}

/** A numerator in 1/10000 fen rounded once to the fen. */
export function roundBp(numerator: bigint | number, mode: RoundingMode): number {
  return typeof numerator === 'number' ? divide(numerator, BASIS_POINTS, mode) : divide(numerator, BigInt(BASIS_POINTS), mode);
}

/** a × b exactly for safe integers: a number while the product is a safe integer, else a bigint. */
export function mulExact(a: number, b: number): number | bigint {
  const p = a * b;
  return Number.isSafeInteger(p) ? p : BigInt(a) * BigInt(b);
}

/** a + b exactly: a number while the sum is a safe integer, else a bigint. */
export function addExact(a: number | bigint, b: number | bigint): number | bigint {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    if (Number.isSafeInteger(s)) return s;
  }
  return BigInt(a) + BigInt(b);
}

/** The highest tier index whose threshold the value reaches, or -1 (thresholds as an array). */
export function reachedIndex(thresholds: readonly number[], value: number): number {
  let k = -1;
  for (let i = 0; i < thresholds.length; i++) if (value >= (thresholds[i] as number)) k = i;
  return k;
}

/** An exact amount of 1/10000 fen as yuan, keeping every digit: 1234567n -> '¥1.234567', 1000000n -> '¥1.00'. */
export function formatExactBp(exact: bigint | number): string {
  const numerator = BigInt(exact);
  const sign = numerator < 0n ? '-' : '';
  const abs = numerator < 0n ? -numerator : numerator;
  // 1 yuan = 100 fen = 1,000,000 units of 1/10000 fen.
  const yuan = abs / 1_000_000n;
  const frac = String(abs % 1_000_000n)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  const whole = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${whole}.${frac}`;
}

/** A rate as people say it: 200 -> '2%', 150 -> '1.5%', 25 -> '0.25%'. */
export function formatRate(bp: number): string {
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  const frac = String(abs % 100)
    .padStart(2, '0')
    .replace(/0+$/, '');
  return `${sign}${Math.floor(abs / 100)}${frac ? `.${frac}` : ''}%`;
}

/** A quantity of base units: 1200 -> '1,200 件'. */
export function formatQty(qty: number): string {
  return `${String(qty).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} 件`;
}

/** A value of a measure for sentences. */
export function formatMeasure(measure: Measure, value: number): string {
  return measure === 'amount' ? formatYuan(value) : formatQty(value);
}

export const ROUNDING_WORDS: Record<RoundingMode, string> = { half_up: '四舍五入', half_even: '银行家舍入', down: '舍去', up: '进位' };

/** The sentence that closes an exact-then-rounded calculation. */
export function roundingNote(exact: bigint | number, rounded: number, mode: RoundingMode): string {
  return BigInt(exact) === BigInt(rounded) * BigInt(BASIS_POINTS) ? '' : `（${ROUNDING_WORDS[mode]}到分）`;
}
