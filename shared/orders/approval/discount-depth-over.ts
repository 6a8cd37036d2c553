import { z } from 'zod';
import { divide } from '../kit';
import { formatBasisPoints, formatYuan } from '../format';
import { approvalRuleBaseShape } from './kit';
import type { ApprovalRuleDefinition } from './kit';

/**
 * 折扣过深: the order's average discount off list price is strictly over `basisPoints`
 * (2000 = 20 %). Depth = (listTotal − net) / listTotal, where net = payable + rebateUsed:
 * the price after every promotion but before the dealer spends rebate balance — rebate is
 * money the dealer earned, not a discount granted on this order. Compared exactly in integers;
 * an order with no list value (all gifts) has no depth. The explanation shows the depth in
 * hundredths of a percent rounded up, so it never reads as "equal to" the threshold.
 */
const schema = z.strictObject({
  code: z.literal('discount_depth_over'),
  ...approvalRuleBaseShape,
  args: z.strictObject({ basisPoints: z.number().int().min(0).max(10_000) }),
});

export const discountDepthOver = {
  code: 'discount_depth_over',
  title: '折扣深度超限',
  schema,
  example: {
    code: 'discount_depth_over',
    id: 'apr-discount-20',
    name: '深度折扣审批',
    args: { basisPoints: 2000 },
    steps: [
      { role: 'manager', label: '渠道经理审批' },
      { role: 'admin', label: '财务审批' },
    ],
  },
  match(args, facts) {
    const list = facts.listTotal;
    const net = facts.payable + (facts.rebateUsed ?? 0);
    if (list <= 0) return null;
    const off = list - net;
    // off / list > bp / 10000  ⇔  off × 10000 > bp × list (exact: BigInt when beyond 2^53).
    if (BigInt(off) * 10_000n <= BigInt(args.basisPoints) * BigInt(list)) return null;
    const depth = divide(BigInt(off) * 10_000n, BigInt(list), 'up');
    return `平均折扣 ${formatBasisPoints(depth)} 超过 ${formatBasisPoints(args.basisPoints)}（目录价 ${formatYuan(list)}，折后 ${formatYuan(net)}）`;
  },
} satisfies ApprovalRuleDefinition<'discount_depth_over', typeof schema>;
