import { z } from 'zod';
import { fenArg, formatQty, formatShanghai, formatYuan, instantSchema, mulExact, policyBaseShape, windowCheck } from '../kit';
import type { CompiledEarn, Earning, RebatePolicyDefinition } from '../kit';

/**
 * 活动返利: a fixed `perUnitFen` for every net unit of the promoted products (the policy's
 * `scope`, which must name SKUs or categories) delivered within the campaign window
 * [from, to) — deliveries at `from` count, deliveries at `to` do not. Settled per period like
 * every policy: a window spanning two months pays in each month for the units delivered in that
 * month's part of the window. Reads the dealer's aggregate of that part (facts.windows[policy id])
 * unless the window covers the whole period.
 */
const args = z
  .strictObject({
    window: z.strictObject({ from: instantSchema, to: instantSchema }),
    perUnitFen: fenArg.min(1).max(10_000_000),
  })
  .refine((a) => a.window.from < a.window.to, { message: '活动开始时间必须早于结束时间', path: ['window', 'to'] });

const schema = z
  .strictObject({ code: z.literal('campaign_reward'), ...policyBaseShape, args })
  .refine(...windowCheck)
  .refine((p) => p.scope.includeSkus.length + p.scope.includeCategories.length > 0, {
    message: '活动返利须在 scope 中指定活动商品（includeSkus 或 includeCategories）',
    path: ['scope'],
  });

type Policy = z.output<typeof schema>;

/** The arithmetic, compiled once: net units (never below 0) × perUnitFen; no rounding needed. */
function compile(p: Policy): CompiledEarn {
  const perUnitFen = p.args.perUnitFen;
  return (inputs) => {
    const units = Math.max(0, inputs.current.qty);
    return { amount: units * perUnitFen, tierIndex: null, rateBp: null, perUnitFen, exact: mulExact(units, perUnitFen * 10_000) };
  };
}

export const campaignReward = {
  code: 'campaign_reward',
  title: '活动返利',
  schema,
  example: {
    code: 'campaign_reward',
    id: 'spring-lj-2025',
    name: '春茶上新 每件奖励',
    periodKind: 'month',
    scope: { includeSkus: ['TEA-LJ-250'] },
    // 2025-03-01 00:00 to 2025-04-01 00:00 Asia/Shanghai.
    args: { window: { from: 1_740_758_400_000, to: 1_743_436_800_000 }, perUnitFen: 500 },
  },
  measure: () => 'qty',
  window: (p) => ({ start: p.args.window.from, end: p.args.window.to }),
  tiers: () => [],
  compile,
  earn(p, inputs): Earning {
    const units = Math.max(0, inputs.current.qty);
    const amount = compile(p)(inputs).amount;
    const w = p.args.window;
    return {
      amount,
      tier: null,
      steps: [
        {
          step: 'amount',
          text: `活动期（${formatShanghai(w.from)} 至 ${formatShanghai(w.to)}，不含结束时刻）内${inputs.label}活动商品净提货 ${formatQty(inputs.current.qty)}，每件奖励 ${formatYuan(p.args.perUnitFen)}：${formatQty(units)} × ${formatYuan(p.args.perUnitFen)} = ${formatYuan(amount)}`,
          values: { units, perUnitFen: p.args.perUnitFen, windowFrom: w.from, windowTo: w.to, amount },
        },
      ],
    };
  },
} satisfies RebatePolicyDefinition<'campaign_reward', typeof schema>;
