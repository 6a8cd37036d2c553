import { z } from 'zod';
import {
  addExact,
  ascendingTiers,
  bpProduct,
  fenArg,
  formatExactBp,
  formatMeasure,
  formatRate,
  formatYuan,
  policyBaseShape,
  mulExact,
  NO_OUTCOME,
  rateBpArg,
  reachedIndex,
  roundBp,
  roundingNote,
  windowCheck,
} from '../kit';
import type { CompiledEarn, Earning, RebatePolicyDefinition, Tier, TraceStep } from '../kit';

/**
 * 阶梯返利 (volume tiers): the period's in-scope net deliveries reach tiers.
 *
 * - basis amount: tiers [{ from (fen), rateBp }]; the rebate is rateBp of the net delivered amount.
 * - basis qty: tiers [{ from (件), perUnitFen }]; the rebate is perUnitFen per net delivered unit.
 *
 * - mode retroactive (全额累进 / 回溯): reaching a tier applies its rate to the whole basis.
 * - mode progressive (超额累进): each bracket [from_i, from_{i+1}) at its own rate; below the first
 *   tier's `from` nothing is paid.
 *
 * Tiers ascend strictly and their rates never fall (so retroactive ≥ progressive). A product-scope
 * rebate (新品返 3 %) is this policy with a `scope` and one tier from 0.
 */
const mode = z.enum(['retroactive', 'progressive']);
type AmountTier = { from: number; rateBp: number };
type QtyTier = { from: number; perUnitFen: number };
const args = z.discriminatedUnion('basis', [
  z.strictObject({
    basis: z.literal('amount'),
    mode,
    tiers: z
      .array(z.strictObject({ from: fenArg, rateBp: rateBpArg }))
      .min(1)
      .max(20)
      .refine(
        ...ascendingTiers(
          (t: AmountTier) => t.from,
          (t: AmountTier) => t.rateBp,
        ),
      ),
  }),
  z.strictObject({
    basis: z.literal('qty'),
    mode,
    tiers: z
      .array(z.strictObject({ from: z.number().int().min(0).max(100_000_000), perUnitFen: fenArg.max(10_000_000) }))
      .min(1)
      .max(20)
      .refine(
        ...ascendingTiers(
          (t: QtyTier) => t.from,
          (t: QtyTier) => t.perUnitFen,
        ),
      ),
  }),
]);

const schema = z.strictObject({ code: z.literal('volume_tiers'), ...policyBaseShape, args }).refine(...windowCheck);
type Policy = z.output<typeof schema>;

function tiersOf(p: Policy): Tier[] {
  const a = p.args;
  return a.basis === 'amount'
    ? a.tiers.map((t, index) => ({ index, from: t.from, threshold: t.from, rateBp: t.rateBp, perUnitFen: null }))
    : a.tiers.map((t, index) => ({ index, from: t.from, threshold: t.from, rateBp: null, perUnitFen: t.perUnitFen }));
}

/** '≥ ¥100,000.00，返 2%' / '≥ 1,000 件，每件返 ¥0.50'. */
function tierWords(p: Policy, t: Tier): string {
  const measure = p.args.basis;
  const reward = t.rateBp !== null ? `返 ${formatRate(t.rateBp)}` : `每件返 ${formatYuan(t.perUnitFen ?? 0)}`;
  return `≥ ${formatMeasure(measure, t.from)}，${reward}`;
}

/** Exact rebate of `units` of basis at a tier's rate, in 1/10000 fen. */
function exact(t: Tier, units: number): bigint {
  return t.rateBp !== null ? bpProduct(units, t.rateBp) : BigInt(units) * BigInt(t.perUnitFen ?? 0) * 10_000n;
}

/**
 * The arithmetic, compiled once: the tier reached and the exact amount in 1/10000 fen —
 * retroactive: the whole basis at the reached tier's rate; progressive: Σ over the brackets up to
 * the reached one of (min(basis, next from) − from) × that bracket's rate — rounded once.
 */
function compile(p: Policy): CompiledEarn {
  const tiers = tiersOf(p);
  const amountBasis = p.args.basis === 'amount';
  const retroactive = p.args.mode === 'retroactive';
  const rounding = p.rounding;
  const froms = tiers.map((t) => t.threshold);
  // 1/10000 fen per unit of basis: rateBp per fen, or perUnitFen × 10000 per 件.
  const unit = tiers.map((t) => (t.rateBp !== null ? t.rateBp : (t.perUnitFen ?? 0) * 10_000));
  return (inputs) => {
    const value = amountBasis ? inputs.current.amount : inputs.current.qty;
    const k = reachedIndex(froms, value);
    if (k < 0) return NO_OUTCOME;
    let exact: number | bigint;
    if (retroactive) exact = mulExact(value, unit[k] as number);
    else {
      exact = 0;
      for (let i = 0; i <= k; i++) {
        const upper = i + 1 < froms.length ? (froms[i + 1] as number) : Number.POSITIVE_INFINITY;
        const units = Math.min(value, upper) - (froms[i] as number);
        if (units > 0) exact = addExact(exact, mulExact(units, unit[i] as number));
      }
    }
    const t = tiers[k] as Tier;
    return { amount: roundBp(exact, rounding), tierIndex: k, rateBp: t.rateBp, perUnitFen: t.perUnitFen, exact };
  };
}

function part(t: Tier, units: number, measure: 'amount' | 'qty'): string {
  return t.rateBp !== null
    ? `${formatMeasure(measure, units)} × ${formatRate(t.rateBp)}`
    : `${formatMeasure(measure, units)} × ${formatYuan(t.perUnitFen ?? 0)}`;
}

export const volumeTiers = {
  code: 'volume_tiers',
  title: '阶梯返利',
  schema,
  example: {
    code: 'volume_tiers',
    id: 'q-volume-2025',
    name: '2025 季度进货阶梯返利',
    periodKind: 'quarter',
    args: {
      basis: 'amount',
      mode: 'retroactive',
      tiers: [
        { from: 5_000_000, rateBp: 100 },
        { from: 10_000_000, rateBp: 200 },
        { from: 30_000_000, rateBp: 300 },
      ],
    },
  },
  measure: (p) => p.args.basis,
  tiers: (p) => tiersOf(p),
  compile,
  earn(p, inputs): Earning {
    const measure = p.args.basis;
    const value = measure === 'amount' ? inputs.current.amount : inputs.current.qty;
    const tiers = tiersOf(p);
    const o = compile(p)(inputs);
    const tier = o.tierIndex === null ? null : (tiers[o.tierIndex] as Tier);
    const steps: TraceStep[] = [];
    const what = measure === 'amount' ? '净提货' : '净提货数量';
    if (!tier) {
      const first = tiers[0] as Tier;
      steps.push({
        step: 'tier',
        text: `${inputs.label}${what} ${formatMeasure(measure, value)} 未达第 1 档（${tierWords(p, first)}），暂无返利`,
        values: { basis: value, tierIndex: null },
      });
      return { amount: 0, tier: null, steps };
    }
    steps.push({
      step: 'tier',
      text: `${inputs.label}${what} ${formatMeasure(measure, value)} 达到第 ${tier.index + 1} 档（${tierWords(p, tier)}）`,
      values: { basis: value, tierIndex: tier.index, from: tier.from, rateBp: tier.rateBp, perUnitFen: tier.perUnitFen },
    });
    const amount = o.amount;
    if (p.args.mode === 'retroactive') {
      steps.push({
        step: 'amount',
        text: `全额按第 ${tier.index + 1} 档计：${part(tier, value, measure)} = ${formatYuan(amount)}${roundingNote(o.exact, amount, p.rounding)}`,
        values: { mode: 'retroactive', exact: formatExactBp(o.exact), amount },
      });
      return { amount, tier, steps };
    }
    const parts: string[] = [];
    for (const t of tiers) {
      if (t.index > tier.index) break;
      const upper = tiers[t.index + 1]?.threshold ?? Number.POSITIVE_INFINITY;
      const units = Math.min(value, upper) - t.threshold;
      if (units <= 0) continue;
      parts.push(`第 ${t.index + 1} 档 ${part(t, units, measure)} = ${formatExactBp(exact(t, units))}`);
    }
    steps.push({
      step: 'amount',
      text: `分段计：${parts.join('；')}；合计 ${formatExactBp(o.exact)}，计 ${formatYuan(amount)}${roundingNote(o.exact, amount, p.rounding)}`,
      values: { mode: 'progressive', exact: formatExactBp(o.exact), amount },
    });
    return { amount, tier, steps };
  },
} satisfies RebatePolicyDefinition<'volume_tiers', typeof schema>;
