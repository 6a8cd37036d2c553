import { z } from 'zod';
import { almostAmount, fenArg, multiplyRatio, percentOffArg, promotionShape, roundingArg, windowCheck, zhe } from '../rule-kit';
import type { OrderPromotionDefinition } from '../rule-kit';

/**
 * 满折: when the eligible lines' goods amount (after line-level rules) reaches `threshold` fen
 * (inclusive), `percentOffBp` basis points off their current amount (1000 = 9 折). The
 * discounted total is rounded once with `rounding`, capped at `maxDiscount` fen, and split to
 * the eligible lines by largest remainder, weighted by their current amounts.
 */
const args = z.strictObject({
  threshold: fenArg.min(1),
  percentOffBp: percentOffArg,
  rounding: roundingArg,
  maxDiscount: fenArg.min(1).nullable().default(null),
});

const schema = z.strictObject({ code: z.literal('order_threshold_percent_off'), ...promotionShape, args }).refine(...windowCheck);

export const orderThresholdPercentOff = {
  code: 'order_threshold_percent_off',
  title: '满折',
  kind: 'order_promotion',
  schema,
  example: {
    code: 'order_threshold_percent_off',
    id: 'promo-5000-95',
    name: '满 ¥5000 享 95 折',
    dealers: { levels: ['B', 'C'] },
    stackingGroup: 'order',
    args: { threshold: 500000, percentOffBp: 500, maxDiscount: 50000 },
  },
  evaluate(rule, base, current) {
    const a = rule.args;
    if (base < a.threshold) return { saved: 0, times: 0 };
    const saved = current - multiplyRatio(current, 10_000 - a.percentOffBp, 10_000, a.rounding);
    return { saved: a.maxDiscount === null ? saved : Math.min(saved, a.maxDiscount), times: 1 };
  },
  almost(rule, base) {
    const a = rule.args;
    return base >= a.threshold ? null : almostAmount(a.threshold - base, `享 ${zhe(a.percentOffBp)}`);
  },
} satisfies OrderPromotionDefinition<'order_threshold_percent_off', typeof schema>;
