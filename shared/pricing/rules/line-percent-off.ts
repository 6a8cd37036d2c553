import { z } from 'zod';
import { almostQty, multiplyRatio, percentOffArg, promotionShape, qtyArg, roundingArg, windowCheck, zhe } from '../rule-kit';
import type { Application, LinePromotionDefinition } from '../rule-kit';

/**
 * 折扣: `percentOffBp` basis points off each eligible line's current amount (1000 = 10 % off =
 * 9 折), optionally only from `minQty` base units on the line. The line's new amount is rounded
 * once with `rounding` (on the line, not per unit).
 */
const args = z.strictObject({
  percentOffBp: percentOffArg,
  rounding: roundingArg,
  minQty: qtyArg.nullable().default(null),
});

const schema = z.strictObject({ code: z.literal('line_percent_off'), ...promotionShape, args }).refine(...windowCheck);

export const linePercentOff = {
  code: 'line_percent_off',
  title: '折扣',
  kind: 'line_promotion',
  schema,
  example: {
    code: 'line_percent_off',
    id: 'promo-spring-tea',
    name: '春茶上新 9 折',
    validFrom: 1740758400000,
    validTo: 1743436800000,
    products: { categoryIds: ['cat-green-tea'] },
    stackingGroup: 'spring',
    args: { percentOffBp: 1000, rounding: 'half_up', minQty: 12 },
  },
  applications(rule, lines) {
    const a = rule.args;
    const out: Application[] = [];
    for (const line of lines) {
      if (a.minQty !== null && line.qty < a.minQty) continue;
      const saved = line.amount - multiplyRatio(line.amount, 10_000 - a.percentOffBp, 10_000, a.rounding);
      if (saved > 0) out.push({ lines: [{ index: line.index, saved }], gifts: [], saved, times: 1, note: zhe(a.percentOffBp) });
    }
    return out;
  },
  almost(rule, lines) {
    const { minQty, percentOffBp } = rule.args;
    if (minQty === null) return [];
    return lines.filter((l) => l.qty < minQty).map((l) => almostQty(l.sku, minQty - l.qty, l, `享 ${zhe(percentOffBp)}`));
  },
} satisfies LinePromotionDefinition<'line_percent_off', typeof schema>;
