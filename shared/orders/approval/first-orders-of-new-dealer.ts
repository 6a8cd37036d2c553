import { z } from 'zod';
import { DAY_MS } from '../kit';
import { approvalRuleBaseShape } from './kit';
import type { ApprovalRuleDefinition } from './kit';

/**
 * 新经销商: the dealer's first `firstOrders` orders (this order is number orderCount + 1, so it
 * matches while orderCount < firstOrders), or any order within `joinedWithinDays` days of
 * joining (now < joinedAt + days × 24 h; exactly at the end no longer matches). At least one of
 * the two must be set; when both are, either matches.
 */
const schema = z
  .strictObject({
    code: z.literal('first_orders_of_new_dealer'),
    ...approvalRuleBaseShape,
    args: z.strictObject({
      firstOrders: z.number().int().min(1).max(1000).nullable().default(null),
      joinedWithinDays: z.number().int().min(1).max(3650).nullable().default(null),
    }),
  })
  .refine((r) => r.args.firstOrders !== null || r.args.joinedWithinDays !== null, {
    message: 'firstOrders 与 joinedWithinDays 至少填一项',
    path: ['args'],
  });

export const firstOrdersOfNewDealer = {
  code: 'first_orders_of_new_dealer',
  title: '新经销商订单',
  schema,
  example: {
    code: 'first_orders_of_new_dealer',
    id: 'apr-new-dealer',
    name: '新经销商首单审批',
    args: { firstOrders: 3, joinedWithinDays: 30 },
    steps: [{ role: 'manager', label: '渠道经理审批' }],
  },
  match(args, facts) {
    const why: string[] = [];
    if (args.firstOrders !== null && facts.dealer.orderCount < args.firstOrders) {
      why.push(`新经销商第 ${facts.dealer.orderCount + 1} 单（前 ${args.firstOrders} 单需审批）`);
    }
    if (args.joinedWithinDays !== null && facts.now < facts.dealer.joinedAt + args.joinedWithinDays * DAY_MS) {
      const days = Math.max(0, Math.floor((facts.now - facts.dealer.joinedAt) / DAY_MS));
      why.push(`经销商入驻 ${days} 天（${args.joinedWithinDays} 天内需审批）`);
    }
    return why.length > 0 ? why.join('；') : null;
  },
} satisfies ApprovalRuleDefinition<'first_orders_of_new_dealer', typeof schema>;
