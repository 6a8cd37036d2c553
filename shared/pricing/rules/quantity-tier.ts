import { z } from 'zod';
import { almostQty, fenArg, formatFen, multiplyRatio, percentOffArg, qtyArg, roundingArg, ruleBaseShape, windowCheck } from '../rule-kit';
import type { PriceDefinition, PricingLine, RoundingMode } from '../rule-kit';

/**
 * 阶梯价: the price per base unit falls as the line's quantity (base units) reaches each tier's
 * `minQty`. Below the first tier the line keeps the price it had.
 *
 * - mode all_units: the whole line at the price of the highest tier reached.
 * - mode graduated: each bracket at its own price (units 1..9 at the incoming price, 10..19 at
 *   tier 1, 20.. at tier 2, …).
 *
 * Tier prices by `method`: fixed `price` fen per base unit; `percentOffBp` off the incoming unit
 * price (the resulting price rounded with `rounding`); `amountOff` fen off the incoming unit
 * price. A tier never raises a price: a fixed tier price above the incoming price (e.g. a
 * contract price) leaves it as it was.
 */
const ascending = [
  (ts: ReadonlyArray<{ minQty: number }>) => ts.every((t, i) => i === 0 || t.minQty > (ts[i - 1]?.minQty ?? 0)),
  { message: '各档 minQty 必须递增' },
] as const;
const tierList = <T extends z.ZodType<{ minQty: number }>>(tier: T) =>
  z
    .array(tier)
    .min(1)
    .max(20)
    .refine(...ascending);

const mode = z.enum(['all_units', 'graduated']);
const args = z.discriminatedUnion('method', [
  z.strictObject({ mode, method: z.literal('fixed'), tiers: tierList(z.strictObject({ minQty: qtyArg, price: fenArg })) }),
  z.strictObject({
    mode,
    method: z.literal('percent_off'),
    rounding: roundingArg,
    tiers: tierList(z.strictObject({ minQty: qtyArg, percentOffBp: percentOffArg })),
  }),
  z.strictObject({ mode, method: z.literal('amount_off'), tiers: tierList(z.strictObject({ minQty: qtyArg, amountOff: fenArg })) }),
]);

const schema = z.strictObject({ code: z.literal('quantity_tier'), ...ruleBaseShape, args }).refine(...windowCheck);

type Args = z.output<typeof args>;

/**
 * A rule's tiers read once, when the index is built (see prepare): the tiers' minQty and their
 * value (fixed price, basis points off or fen off) as plain number arrays, so pricing a line
 * reads two short arrays instead of walking the rule's parsed args.
 */
interface TierTable {
  readonly graduated: boolean;
  /** 0 fixed, 1 percent_off, 2 amount_off. */
  readonly method: 0 | 1 | 2;
  readonly rounding: RoundingMode;
  readonly minQty: readonly number[];
  readonly value: readonly number[];
}

function tierTable(a: Args): TierTable {
  return {
    graduated: a.mode === 'graduated',
    method: a.method === 'fixed' ? 0 : a.method === 'percent_off' ? 1 : 2,
    rounding: a.method === 'percent_off' ? a.rounding : 'half_up',
    minQty: a.tiers.map((t) => t.minQty),
    value:
      a.method === 'fixed' ? a.tiers.map((t) => t.price) : a.method === 'percent_off' ? a.tiers.map((t) => t.percentOffBp) : a.tiers.map((t) => t.amountOff),
  };
}

/** Unit price of tier i (an existing tier) given the incoming unit price. */
function tierPrice(t: TierTable, i: number, incoming: number): number {
  const v = t.value[i] as number;
  if (t.method === 0) return Math.min(incoming, v);
  if (t.method === 1) return multiplyRatio(incoming, 10_000 - v, 10_000, t.rounding);
  return Math.max(0, incoming - v);
}

/** Index of the highest tier `qty` reaches, -1 below the first (minQty ascends: stop at the first not reached). */
function reachedTier(t: TierTable, qty: number): number {
  const min = t.minQty;
  let i = 0;
  while (i < min.length && qty >= (min[i] as number)) i++;
  return i - 1;
}

export const quantityTier = {
  code: 'quantity_tier',
  title: '阶梯价',
  kind: 'price',
  stage: 'tier',
  schema,
  example: {
    code: 'quantity_tier',
    id: 'tier-tea-lj',
    name: '龙井阶梯价',
    products: { skus: ['TEA-LJ-250'] },
    args: {
      mode: 'all_units',
      method: 'fixed',
      tiers: [
        { minQty: 24, price: 4200 },
        { minQty: 120, price: 4000 },
      ],
    },
  },
  prepare(rule) {
    return tierTable(rule.args);
  },
  amount(rule, line, prepared?: TierTable) {
    const t = prepared ?? tierTable(rule.args);
    const reached = reachedTier(t, line.qty);
    if (reached < 0) return null;
    if (!t.graduated) return tierPrice(t, reached, line.unitPrice) * line.qty;
    let amount = 0;
    let from = 1;
    for (let i = -1; i <= reached; i++) {
      const to = i === reached ? line.qty : (t.minQty[i + 1] as number) - 1;
      if (to >= from) amount += (i < 0 ? line.unitPrice : tierPrice(t, i, line.unitPrice)) * (to - from + 1);
      from = to + 1;
    }
    return amount;
  },
  price(rule, line, prepared?: TierTable) {
    const t = prepared ?? tierTable(rule.args);
    const reached = reachedTier(t, line.qty);
    if (reached < 0) return null;
    if (!t.graduated) return { amount: tierPrice(t, reached, line.unitPrice) * line.qty, note: null };
    // graduated: walk the brackets from the bottom.
    let note = '';
    let amount = 0;
    let from = 1;
    for (let i = -1; i <= reached; i++) {
      const to = i === reached ? line.qty : (t.minQty[i + 1] as number) - 1;
      const count = to - from + 1;
      if (count > 0) {
        const unit = i < 0 ? line.unitPrice : tierPrice(t, i, line.unitPrice);
        amount += unit * count;
        note += `${note === '' ? '' : ' + '}${count} ${line.baseUnit} × ${formatFen(unit)}`;
      }
      from = to + 1;
    }
    return { amount, note };
  },
  almost(rule, line: PricingLine, prepared?: TierTable) {
    const t = prepared ?? tierTable(rule.args);
    const reached = reachedTier(t, line.qty);
    if (reached + 1 >= t.minQty.length) return null;
    // line is as it came into the tier stage: unitPrice is the incoming price.
    const now = reached < 0 ? line.unitPrice : tierPrice(t, reached, line.unitPrice);
    const price = tierPrice(t, reached + 1, line.unitPrice);
    if (price >= now) return null;
    const minQty = t.minQty[reached + 1] as number;
    const reward = t.graduated ? `第 ${minQty} ${line.baseUnit}起单价 ${formatFen(price)}` : `单价降至 ${formatFen(price)}`;
    return almostQty(line.sku, minQty - line.qty, line, reward);
  },
} satisfies PriceDefinition<'quantity_tier', typeof schema>;
