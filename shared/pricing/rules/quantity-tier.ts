import { z } from 'zod';
import { almostQty, fenArg, formatFen, multiplyRatio, percentOffArg, qtyArg, roundingArg, ruleBaseShape, windowCheck } from '../rule-kit';
import type { PriceDefinition, PricingLine } from '../rule-kit';

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

/** Unit price of tier i given the incoming unit price. */
function tierPrice(a: Args, i: number, incoming: number): number {
  switch (a.method) {
    case 'fixed':
      return Math.min(incoming, a.tiers[i]?.price ?? incoming);
    case 'percent_off':
      return multiplyRatio(incoming, 10_000 - (a.tiers[i]?.percentOffBp ?? 0), 10_000, a.rounding);
    case 'amount_off':
      return Math.max(0, incoming - (a.tiers[i]?.amountOff ?? 0));
  }
}

/** Index of the highest tier `qty` reaches, -1 below the first (a plain loop: it runs for every tier rule of every line). */
function reachedTier(a: Args, qty: number): number {
  const tiers: ReadonlyArray<{ minQty: number }> = a.tiers;
  let reached = -1;
  for (let i = 0; i < tiers.length; i++) if (qty >= (tiers[i] as { minQty: number }).minQty) reached = i;
  return reached;
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
  price(rule, line) {
    const a = rule.args;
    const reached = reachedTier(a, line.qty);
    if (reached < 0) return null;
    if (a.mode === 'all_units') return { amount: tierPrice(a, reached, line.unitPrice) * line.qty, note: null };
    // graduated: walk the brackets from the bottom.
    const parts: string[] = [];
    let amount = 0;
    let from = 1;
    for (let i = -1; i <= reached; i++) {
      const to = i === reached ? line.qty : (a.tiers[i + 1]?.minQty ?? line.qty + 1) - 1;
      const count = to - from + 1;
      if (count > 0) {
        const unit = i < 0 ? line.unitPrice : tierPrice(a, i, line.unitPrice);
        amount += unit * count;
        parts.push(`${count} ${line.baseUnit} × ${formatFen(unit)}`);
      }
      from = to + 1;
    }
    return { amount, note: parts.join(' + ') };
  },
  almost(rule, line: PricingLine) {
    const a = rule.args;
    const reached = reachedTier(a, line.qty);
    const tier = a.tiers[reached + 1];
    if (!tier) return null;
    // line is as it came into the tier stage: unitPrice is the incoming price.
    const now = reached < 0 ? line.unitPrice : tierPrice(a, reached, line.unitPrice);
    const price = tierPrice(a, reached + 1, line.unitPrice);
    if (price >= now) return null;
    const reward = a.mode === 'all_units' ? `单价降至 ${formatFen(price)}` : `第 ${tier.minQty} ${line.baseUnit}起单价 ${formatFen(price)}`;
    return almostQty(line.sku, tier.minQty - line.qty, line, reward);
  },
} satisfies PriceDefinition<'quantity_tier', typeof schema>;
