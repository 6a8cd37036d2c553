import { z } from 'zod';
import { almostQty, promotionShape, qtyArg, windowCheck } from '../rule-kit';
import type { AlmostDraft, Application, LinePromotionDefinition, PromoContext, PromoLine } from '../rule-kit';

/**
 * 搭赠: buy `buyQty` base units, get `getQty` base units free.
 *
 * - `getSku` null: the gift is the same SKU, counted per line (买 10 件送 1 件 of whatever is bought).
 * - `getSku` set: the gift is that SKU, and the eligible lines' quantities count together.
 * - `repeatable`: every `buyQty` earns another round ("每 10 送 1"), up to `maxTimes` rounds.
 *
 * Gift lines are priced 0; the promotion's value for the dealer (what it saves, and how it
 * competes inside its stacking group) is the gifts' list value. The buy lines keep their price.
 * A gift SKU missing from the quote's catalog is not given.
 */
const args = z.strictObject({
  buyQty: qtyArg,
  getQty: qtyArg,
  getSku: z.string().min(1).max(64).nullable().default(null),
  repeatable: z.boolean().default(true),
  maxTimes: z.number().int().min(1).max(1_000_000).nullable().default(null),
});

const schema = z.strictObject({ code: z.literal('buy_x_get_y'), ...promotionShape, args }).refine(...windowCheck);

type Args = z.output<typeof args>;

function rounds(a: Args, qty: number): number {
  const t = a.repeatable ? Math.floor(qty / a.buyQty) : qty >= a.buyQty ? 1 : 0;
  return a.maxTimes === null ? t : Math.min(t, a.maxTimes);
}

function canEarnMore(a: Args, times: number): boolean {
  return (a.repeatable || times === 0) && (a.maxTimes === null || times < a.maxTimes);
}

function gift(a: Args, sku: string, times: number, ctx: PromoContext, touched: number[]): Application | null {
  const product = ctx.product(sku);
  if (times <= 0 || !product) return null;
  const qty = times * a.getQty;
  return {
    lines: touched.map((index) => ({ index, saved: 0 })),
    gifts: [{ sku, qty }],
    saved: qty * product.listPrice,
    times,
    note: `赠 ${product.name} ${qty} ${product.baseUnit}`,
  };
}

function reward(a: Args, sku: string, ctx: PromoContext): string | null {
  const product = ctx.product(sku);
  if (!product) return null;
  return a.getSku === null ? `送 ${a.getQty} ${product.baseUnit}` : `送 ${a.getQty} ${product.baseUnit} ${product.name}`;
}

export const buyXGetY = {
  code: 'buy_x_get_y',
  title: '搭赠',
  kind: 'line_promotion',
  schema,
  example: {
    code: 'buy_x_get_y',
    id: 'promo-10-get-1',
    name: '买 10 送 1',
    products: { skus: ['TEA-LJ-250'] },
    stackingGroup: 'gift',
    args: { buyQty: 10, getQty: 1, getSku: null, repeatable: true },
  },
  giftSkus: (rule) => (rule.args.getSku === null ? [] : [rule.args.getSku]),
  applications(rule, lines, ctx) {
    const a = rule.args;
    if (a.getSku === null) {
      return lines.flatMap((l) => gift(a, l.sku, rounds(a, l.qty), ctx, [l.index]) ?? []);
    }
    const total = lines.reduce((s, l) => s + l.qty, 0);
    const app = gift(
      a,
      a.getSku,
      rounds(a, total),
      ctx,
      lines.map((l) => l.index),
    );
    return app ? [app] : [];
  },
  almost(rule, lines, ctx) {
    const a = rule.args;
    const out: AlmostDraft[] = [];
    const hint = (qty: number, view: PromoLine, giftSku: string, sku: string | null) => {
      const times = rounds(a, qty);
      const r = reward(a, giftSku, ctx);
      if (r && canEarnMore(a, times)) out.push(almostQty(sku, (times + 1) * a.buyQty - qty, view, r));
    };
    if (a.getSku === null) {
      for (const l of lines) hint(l.qty, l, l.sku, l.sku);
    } else if (lines[0]) {
      const first = lines[0];
      const sameUnit = lines.every((l) => l.orderedUnit === first.orderedUnit && l.factor === first.factor);
      const view = sameUnit ? first : { ...first, orderedUnit: first.baseUnit, factor: 1 };
      hint(
        lines.reduce((s, l) => s + l.qty, 0),
        view,
        a.getSku,
        lines.length === 1 ? first.sku : null,
      );
    }
    return out;
  },
} satisfies LinePromotionDefinition<'buy_x_get_y', typeof schema>;
