import { z } from 'zod';
import { almostAmount, fenArg, formatFen, promotionShape, windowCheck } from '../rule-kit';
import type { OrderPromotionDefinition } from '../rule-kit';

/**
 * 满减: when the eligible lines' goods amount (after line-level rules) reaches `threshold` fen
 * (inclusive), `amountOff` fen off the order — per whole multiple of the threshold when
 * `repeatable` (每满 ¥1000 减 ¥50), up to `maxTimes`. The discount is split to the eligible lines
 * by largest remainder, weighted by their current amounts.
 */
const args = z
  .strictObject({
    threshold: fenArg.min(1),
    amountOff: fenArg.min(1),
    repeatable: z.boolean().default(false),
    maxTimes: z.number().int().min(1).max(1_000_000).nullable().default(null),
  })
  .refine((a) => a.amountOff <= a.threshold, { message: '减免金额不能超过门槛', path: ['amountOff'] });

const schema = z.strictObject({ code: z.literal('order_threshold_amount_off'), ...promotionShape, args }).refine(...windowCheck);

type Args = z.output<typeof args>;

function times(a: Args, base: number): number {
  if (base < a.threshold) return 0;
  if (!a.repeatable) return 1;
  const t = Math.floor(base / a.threshold);
  return a.maxTimes === null ? t : Math.min(t, a.maxTimes);
}

export const orderThresholdAmountOff = {
  code: 'order_threshold_amount_off',
  title: '满减',
  kind: 'order_promotion',
  schema,
  example: {
    code: 'order_threshold_amount_off',
    id: 'promo-1000-50',
    name: '每满 ¥1000 减 ¥50',
    stackingGroup: 'order',
    args: { threshold: 100000, amountOff: 5000, repeatable: true, maxTimes: 10 },
  },
  evaluate(rule, base) {
    const t = times(rule.args, base);
    return { saved: t * rule.args.amountOff, times: t };
  },
  almost(rule, base) {
    const a = rule.args;
    const t = times(a, base);
    if (t > 0 && (!a.repeatable || (a.maxTimes !== null && t >= a.maxTimes))) return null;
    const off = formatFen(a.amountOff, { compact: true });
    return almostAmount((t + 1) * a.threshold - base, t === 0 ? `减 ${off}` : `可再减 ${off}`);
  },
} satisfies OrderPromotionDefinition<'order_threshold_amount_off', typeof schema>;
