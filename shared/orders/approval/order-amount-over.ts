import { z } from 'zod';
import { formatYuan } from '../format';
import { approvalRuleBaseShape, fenArg } from './kit';
import type { ApprovalRuleDefinition } from './kit';

/** 大额订单: the order's payable is strictly over `thresholdFen` (exactly at the threshold passes). */
const schema = z.strictObject({
  code: z.literal('order_amount_over'),
  ...approvalRuleBaseShape,
  args: z.strictObject({ thresholdFen: fenArg }),
});

export const orderAmountOver = {
  code: 'order_amount_over',
  title: '订单金额超限',
  schema,
  example: {
    code: 'order_amount_over',
    id: 'apr-amount-50k',
    name: '大额订单审批',
    args: { thresholdFen: 5_000_000 },
    steps: [{ role: 'manager', label: '渠道经理审批' }],
  },
  match(args, facts) {
    if (facts.payable <= args.thresholdFen) return null;
    return `订单金额 ${formatYuan(facts.payable)} 超过 ${formatYuan(args.thresholdFen)}`;
  },
} satisfies ApprovalRuleDefinition<'order_amount_over', typeof schema>;
