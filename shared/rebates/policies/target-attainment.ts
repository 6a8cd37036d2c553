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
 * 目标达成返利: the period's in-scope net delivered amount against this dealer's target for the
 * period (an input fact, fen, set per dealer — not part of the policy). The attainment
 * (actual ÷ target) reaches tiers [{ minAttainmentBp, rateBp }] (8000 = 80 %); the reached tier's
 * rate applies to the WHOLE net delivered amount. A tier is reached when
 * actual ≥ ⌈target × minAttainmentBp ÷ 10000⌉ fen, exactly (no floating point). Without a
 * target (none set, or 0) nothing can be reached and nothing is paid.
 */
type T = { minAttainmentBp: number; rateBp: number };
const args = z.strictObject({
  tiers: z
    .array(z.strictObject({ minAttainmentBp: z.number().int().min(1).max(100_000), rateBp: rateBpArg }))
    .min(1)
    .max(20)
    .refine(
      ...ascendingTiers(
        (t: T) => t.minAttainmentBp,
        (t: T) => t.rateBp,
      ),
    ),
});

const schema = z.strictObject({ code: z.literal('target_attainment'), ...policyBaseShape, args }).refine(...windowCheck);
type Policy = z.output<typeof schema>;

function tiersOf(p: Policy, inputs: PolicyInputs): Tier[] {
  const target = inputs.target;
  if (target === null || target <= 0) return [];
  return p.args.tiers.map((t, index) => ({
    index,
    from: t.minAttainmentBp,
    threshold: ceilRatio(target, t.minAttainmentBp, BASIS_POINTS),
    rateBp: t.rateBp,
    perUnitFen: null,
  }));
}

/**
 * The arithmetic, compiled once: the highest tier whose threshold ⌈target × minAttainmentBp ÷
 * 10000⌉ the actual reaches, and its rate on the whole (non-negative) actual, rounded once.
 */
function compile(p: Policy): CompiledEarn {
  const mins = p.args.tiers.map((t) => t.minAttainmentBp);
  const rates = p.args.tiers.map((t) => t.rateBp);
  const rounding = p.rounding;
  return (inputs) => {
    const target = inputs.target;
    if (target === null || target <= 0) return NO_OUTCOME;
    const actual = inputs.current.amount;
    let k = -1;
    for (let i = 0; i < mins.length; i++) if (actual >= ceilRatio(target, mins[i] as number, BASIS_POINTS)) k = i;
    if (k < 0) return NO_OUTCOME;
    const rateBp = rates[k] as number;
    const exact = mulExact(Math.max(0, actual), rateBp);
    return { amount: roundBp(exact, rounding), tierIndex: k, rateBp, perUnitFen: null, exact };
  };
}

/** Attainment in bp, rounded down so it is never overstated. */
function attainmentBp(actual: number, target: number): number {
  return Math.floor((Math.max(0, actual) * BASIS_POINTS) / target);
}

export const targetAttainment = {
  code: 'target_attainment',
  title: '目标达成返利',
  schema,
  example: {
    code: 'target_attainment',
    id: 'q-target-2025',
    name: '2025 季度目标达成返利',
    periodKind: 'quarter',
    args: {
      tiers: [
        { minAttainmentBp: 8_000, rateBp: 100 },
        { minAttainmentBp: 10_000, rateBp: 200 },
        { minAttainmentBp: 12_000, rateBp: 300 },
      ],
    },
  },
  measure: () => 'amount',
  tiers: (p, inputs) => tiersOf(p, inputs),
  compile,
  earn(p, inputs): Earning {
    const actual = inputs.current.amount;
    const target = inputs.target;
    if (target === null || target <= 0) {
      return {
        amount: 0,
        tier: null,
        steps: [{ step: 'tier', text: `${inputs.label}未设定进货目标，目标达成返利不适用`, values: { basis: actual, target } }],
      };
    }
    const tiers = tiersOf(p, inputs);
    const att = attainmentBp(actual, target);
    const o = compile(p)(inputs);
    const tier = o.tierIndex === null ? null : (tiers[o.tierIndex] as Tier);
    const head = `${inputs.label}净提货 ${formatYuan(actual)}，目标 ${formatYuan(target)}，达成 ${formatRate(att)}`;
    if (!tier) {
      const first = tiers[0] as Tier;
      return {
        amount: 0,
        tier: null,
        steps: [
          {
            step: 'tier',
            text: `${head}，未达第 1 档（达成 ≥ ${formatRate(first.from)}，即 ≥ ${formatYuan(first.threshold)}），暂无返利`,
            values: { basis: actual, target, attainmentBp: att, tierIndex: null },
          },
        ],
      };
    }
    const numerator = o.exact;
    const amount = o.amount;
    return {
      amount,
      tier,
      steps: [
        {
          step: 'tier',
          text: `${head}，达到第 ${tier.index + 1} 档（达成 ≥ ${formatRate(tier.from)}，即 ≥ ${formatYuan(tier.threshold)}，返 ${formatRate(tier.rateBp ?? 0)}）`,
          values: { basis: actual, target, attainmentBp: att, tierIndex: tier.index, from: tier.from, threshold: tier.threshold, rateBp: tier.rateBp },
        },
        {
          step: 'amount',
          text: `按全部净提货计：${formatYuan(actual)} × ${formatRate(tier.rateBp ?? 0)} = ${formatYuan(amount)}${roundingNote(numerator, amount, p.rounding)}`,
          values: { amount },
        },
      ],
    };
  },
} satisfies RebatePolicyDefinition<'target_attainment', typeof schema>;
