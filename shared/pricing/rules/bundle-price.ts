import { z } from 'zod';
import { allocate, fenArg, formatFen, multiplyRatio, promotionShape, qtyArg, windowCheck } from '../rule-kit';
import type { LinePromotionDefinition } from '../rule-kit';

/**
 * 组合价: a set of SKUs in given quantities (base units) sold together at `price` fen per set.
 * As many whole sets as the cart holds apply (up to `maxSets`). The saving — the sets' current
 * value minus sets × price — is split to the bundle's lines by largest remainder, weighted by
 * the value each line puts into the sets. It applies only when it saves something. The items
 * define the products: `products` must stay empty.
 */
const args = z.strictObject({
  items: z
    .array(z.strictObject({ sku: z.string().min(1).max(64), qty: qtyArg }))
    .min(1)
    .max(20)
    .refine((items) => new Set(items.map((i) => i.sku)).size === items.length, { message: '组合内的 SKU 不能重复' }),
  price: fenArg,
  maxSets: z.number().int().min(1).max(1_000_000).nullable().default(null),
});

const schema = z
  .strictObject({ code: z.literal('bundle_price'), ...promotionShape, args })
  .refine(...windowCheck)
  .refine((r) => r.products.skus.length === 0 && r.products.categoryIds.length === 0, {
    message: '组合价的商品由 args.items 决定，products 须为空',
    path: ['products'],
  });

export const bundlePrice = {
  code: 'bundle_price',
  title: '组合价',
  kind: 'line_promotion',
  schema,
  example: {
    code: 'bundle_price',
    id: 'bundle-tea-cup',
    name: '茶杯礼盒组合',
    args: {
      items: [
        { sku: 'TEA-LJ-250', qty: 2 },
        { sku: 'CUP-GLASS-01', qty: 1 },
      ],
      price: 9900,
    },
  },
  indexSkus: (rule) => rule.args.items.map((i) => i.sku),
  applications(rule, lines) {
    const a = rule.args;
    let sets = a.maxSets ?? Number.MAX_SAFE_INTEGER;
    const members = a.items.map((item) => {
      const line = lines.find((l) => l.sku === item.sku);
      sets = Math.min(sets, line ? Math.floor(line.qty / item.qty) : 0);
      return { item, line };
    });
    if (sets <= 0) return [];
    const touched: Array<{ index: number; value: number }> = [];
    for (const { item, line } of members) {
      if (!line) return [];
      // The value of the units going into the sets: exact for a uniformly priced line.
      touched.push({ index: line.index, value: multiplyRatio(line.amount, item.qty * sets, line.qty, 'half_up') });
    }
    const value = touched.reduce((s, t) => s + t.value, 0);
    const saved = value - sets * a.price;
    if (saved <= 0) return [];
    const parts = allocate(
      saved,
      touched.map((t) => t.value),
    );
    return [
      {
        lines: touched.map((t, i) => ({ index: t.index, saved: parts[i] ?? 0 })),
        gifts: [],
        saved,
        times: sets,
        note: `${sets} 套 × ${formatFen(a.price)}`,
      },
    ];
  },
} satisfies LinePromotionDefinition<'bundle_price', typeof schema>;
