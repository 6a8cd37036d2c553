import { z } from 'zod';
import {
  ascendingTiers,
  BASIS_POINTS,
  ceilRatio,
  formatRate,
  formatYuan,
  policyBaseShape,
  mulExact,
  NO_OUTCOME,
  rateBpArg,
  roundBp,
  roundingNote,
  windowCheck,
} from '../kit';
import type { CompiledEarn, Earning, PolicyInputs, RebatePolicyDefinition, Tier } from '../kit';

/**
 * 增长返利: the period's in-scope net delivered amount against the same period last year (same
 * scope). Growth = (this year − last year) ÷ last year reaches tiers [{ minGrowthBp, rateBp }]
 * (2000 = +20 %); a tier is reached when this year ≥ ⌈last year × (10000 + minGrowthBp) ÷ 10000⌉
 * fen, exactly. `appliesTo` says what the reached rate is paid on:
 * - 'increment': only the growth, this year − last year (增量返利);
 * - 'whole': the whole net delivered amount of this year.
 * When last year's net delivered amount is 0 or less, growth is undefined: no tier can be
 * reached and nothing is paid (a dealer new this period earns through the other policies).
 */
type T = { minGrowthBp: number; rateBp: number };
const args = z.strictObject({
  appliesTo: z.enum(['increment', 'whole']),
  tiers: z
    .array(z.strictObject({ minGrowthBp: z.number().int().min(0).max(1_000_000), rateBp: rateBpArg }))
    .min(1)
    .max(20)
    .refine(
      ...ascendingTiers(
        (t: T) => t.minGrowthBp,
        (t: T) => t.rateBp,
      ),
    ),
});

const schema = z.strictObject({ code: z.literal('growth'), ...policyBaseShape, args }).refine(...windowCheck);
type Policy = z.output<typeof schema>;

function tiersOf(p: Policy, inputs: PolicyInputs): Tier[] {
  const last = inputs.lastYear?.amount ?? 0;
  if (last <= 0) return [];
  return p.args.tiers.map((t, index) => ({
    index,
    from: t.minGrowthBp,
    threshold: ceilRatio(last, BASIS_POINTS + t.minGrowthBp, BASIS_POINTS),
    rateBp: t.rateBp,
    perUnitFen: null,
  }));
}

/**
 * The arithmetic, compiled once: the highest tier whose threshold ⌈last year × (10000 +
 * minGrowthBp) ÷ 10000⌉ this year reaches, and its rate on the increment or the whole, rounded once.
 */
function compile(p: Policy): CompiledEarn {
  const factors = p.args.tiers.map((t) => BASIS_POINTS + t.minGrowthBp);
  const rates = p.args.tiers.map((t) => t.rateBp);
  const increment = p.args.appliesTo === 'increment';
  const rounding = p.rounding;
  return (inputs) => {
    const last = inputs.lastYear?.amount ?? 0;
    if (last <= 0) return NO_OUTCOME;
    const actual = inputs.current.amount;
    let k = -1;
    for (let i = 0; i < factors.length; i++) if (actual >= ceilRatio(last, factors[i] as number, BASIS_POINTS)) k = i;
    if (k < 0) return NO_OUTCOME;
    const rateBp = rates[k] as number;
    const exact = mulExact(increment ? actual - last : actual, rateBp);
    return { amount: roundBp(exact, rounding), tierIndex: k, rateBp, perUnitFen: null, exact };
  };
}

/** Growth in bp, rounded towards −∞ so it is never overstated. */
function growthBp(actual: number, last: number): number {
  return Math.floor(((actual - last) * BASIS_POINTS) / last);
}

export const growth = {
  code: 'growth',
  title: '增长返利',
  schema,
  example: {
    code: 'growth',
    id: 'y-growth-2025',
    name: '2025 年度同比增长返利',
    periodKind: 'year',
    args: {
      appliesTo: 'increment',
      tiers: [
        { minGrowthBp: 1_000, rateBp: 300 },
        { minGrowthBp: 3_000, rateBp: 500 },
      ],
    },
  },
  measure: () => 'amount',
  requires: { lastYear: true },
  tiers: (p, inputs) => tiersOf(p, inputs),
  compile,
  earn(p, inputs): Earning {
    const actual = inputs.current.amount;
    const last = inputs.lastYear?.amount ?? 0;
    if (last <= 0) {
      return {
        amount: 0,
        tier: null,
        steps: [
          {
            step: 'tier',
            text: `${inputs.label}净提货 ${formatYuan(actual)}，去年同期净提货 ${formatYuan(last)}，无法计算增长率，增长返利不适用`,
            values: { basis: actual, lastYear: last, growthBp: null, tierIndex: null },
          },
        ],
      };
    }
    const tiers = tiersOf(p, inputs);
    const g = growthBp(actual, last);
    const head = `${inputs.label}净提货 ${formatYuan(actual)}，去年同期 ${formatYuan(last)}，${g >= 0 ? `增长 ${formatRate(g)}` : `下降 ${formatRate(-g)}`}`;
    const o = compile(p)(inputs);
    const tier = o.tierIndex === null ? null : (tiers[o.tierIndex] as Tier);
    const on = p.args.appliesTo === 'increment' ? '按增量' : '按全部净提货';
    if (!tier) {
      const first = tiers[0] as Tier;
      return {
        amount: 0,
        tier: null,
        steps: [
          {
            step: 'tier',
            text: `${head}，未达第 1 档（增长 ≥ ${formatRate(first.from)}，即 ≥ ${formatYuan(first.threshold)}），暂无返利`,
            values: { basis: actual, lastYear: last, growthBp: g, tierIndex: null },
          },
        ],
      };
    }
    const base = p.args.appliesTo === 'increment' ? actual - last : actual;
    const numerator = o.exact;
    const amount = o.amount;
    return {
      amount,
      tier,
      steps: [
        {
          step: 'tier',
          text: `${head}，达到第 ${tier.index + 1} 档（增长 ≥ ${formatRate(tier.from)}，即 ≥ ${formatYuan(tier.threshold)}，${on}返 ${formatRate(tier.rateBp ?? 0)}）`,
          values: { basis: actual, lastYear: last, growthBp: g, tierIndex: tier.index, from: tier.from, threshold: tier.threshold, rateBp: tier.rateBp },
        },
        {
          step: 'amount',
          text: `${p.args.appliesTo === 'increment' ? `增量 ${formatYuan(actual)} − ${formatYuan(last)} = ${formatYuan(base)}，` : ''}${formatYuan(base)} × ${formatRate(tier.rateBp ?? 0)} = ${formatYuan(amount)}${roundingNote(numerator, amount, p.rounding)}`,
          values: { appliesTo: p.args.appliesTo, base, amount },
        },
      ],
    };
  },
} satisfies RebatePolicyDefinition<'growth', typeof schema>;
