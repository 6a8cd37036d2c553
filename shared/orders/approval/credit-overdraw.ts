import { z } from 'zod';
import { formatYuan } from '../format';
import { approvalRuleBaseShape, fenArg } from './kit';
import type { ApprovalRuleDefinition } from './kit';

/**
 * 超信用额度: the order's payable exceeds the dealer's available credit (limit − open
 * receivables − reserved by open orders, this order not included) by more than `toleranceFen`
 * (0: by any amount). Overdrawing by exactly the tolerance passes.
 *
 * With no enabled credit_overdraw rule, credit.checkCredit is a hard stop (CREDIT_LIMIT_EXCEEDED).
 * With one, an order over the headroom is never refused for credit: overdrawing by at most the
 * tolerance passes as usual, and beyond it the order waits for this rule's approvers holding no
 * credit, which the last approval reserves (credit.creditGate; state machine reserve_credit).
 */
const schema = z.strictObject({
  code: z.literal('credit_overdraw'),
  ...approvalRuleBaseShape,
  args: z.strictObject({ toleranceFen: fenArg.default(0) }),
});

export const creditOverdraw = {
  code: 'credit_overdraw',
  title: '超信用额度',
  schema,
  example: {
    code: 'credit_overdraw',
    id: 'apr-credit',
    name: '超额度审批',
    args: { toleranceFen: 0 },
    steps: [{ role: 'admin', label: '财务审批' }],
  },
  match(args, facts) {
    const available = facts.credit.limit - facts.credit.used - facts.credit.reserved;
    const shortBy = facts.payable - available;
    if (shortBy <= args.toleranceFen) return null;
    const tolerance = args.toleranceFen > 0 ? `（允许透支 ${formatYuan(args.toleranceFen)}）` : '';
    return `本单 ${formatYuan(facts.payable)} 超出可用信用额度 ${formatYuan(available)}，差 ${formatYuan(shortBy)}${tolerance}`;
  },
} satisfies ApprovalRuleDefinition<'credit_overdraw', typeof schema>;
