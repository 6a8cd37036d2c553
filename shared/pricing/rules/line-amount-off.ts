import { z } from 'zod';
import { almostQty, fenArg, formatFen, promotionShape, qtyArg, windowCheck } from '../rule-kit';
import type { Application, LinePromotionDefinition } from '../rule-kit';

/**
 * 立减: `amountOffPerUnit` fen off every base unit of each eligible line, optionally only from
 * `minQty` base units on the line. Never below zero: at most the line's current amount.
 */
const args = z.strictObject({
  amountOffPerUnit: fenArg.min(1),
  minQty: qtyArg.nullable().default(null),
});

const schema = z.strictObject({ code: z.literal('line_amount_off'), ...promotionShape, args }).refine(...windowCheck);

export const lineAmountOff = {
  code: 'line_amount_off',
  title: '立减',
  kind: 'line_promotion',
  schema,
  example: {
    code: 'line_amount_off',
    id: 'promo-cup-2off',
    name: '茶杯每件立减 ¥2',
    products: { skus: ['CUP-GLASS-01'] },
    args: { amountOffPerUnit: 200 },
  },
  applications(rule, lines) {
    const a = rule.args;
    const out: Application[] = [];
    for (const line of lines) {
      if (a.minQty !== null && line.qty < a.minQty) continue;
      const saved = Math.min(line.amount, a.amountOffPerUnit * line.qty);
      if (saved > 0) {
        out.push({ lines: [{ index: line.index, saved }], gifts: [], saved, times: 1, note: `每${line.baseUnit}减 ${formatFen(a.amountOffPerUnit)}` });
      }
    }
    return out;
  },
  almost(rule, lines) {
    const { minQty, amountOffPerUnit } = rule.args;
    if (minQty === null) return [];
    return lines
      .filter((l) => l.qty < minQty)
      .map((l) => almostQty(l.sku, minQty - l.qty, l, `每${l.baseUnit}减 ${formatFen(amountOffPerUnit, { compact: true })}`));
  },
} satisfies LinePromotionDefinition<'line_amount_off', typeof schema>;
