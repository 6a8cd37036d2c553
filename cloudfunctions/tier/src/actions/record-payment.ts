import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { paymentProblem } from '@shared/tier';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { asFirstTier } from '../scope';

/** The first-tier records its child's payment of an order: once per order, never above payable; audited. */
export const recordPayment = defineAction(contracts.tier.recordPayment, ['dealer'], async ({ orderNo, amount }, ctx) => {
  const me = await asFirstTier(ctx, 'staff', true);
  if (me instanceof Refusal) return me;
  const { db, now, caller } = ctx;
  const found = await db.findOne('tier_orders', { orderNo });
  if (!found || found.supplierDealerId !== me.dealer._id) return new Refusal('NOT_FOUND', `订单 ${orderNo} 不存在或不是本经销商的下级订单`);
  const saved = await db.transaction(async (tx) => {
    const order = (await tx.get('tier_orders', found._id))!;
    const problem = paymentProblem(order, amount);
    if (problem) refuse(problem.code, problem.message);
    await Promise.all([
      tx.update('tier_orders', found._id, { paid: amount, paidAt: now, updatedAt: now }),
      audit(tx, {
        action: 'tier.recordPayment',
        target: { coll: 'tier_orders', id: found._id },
        actorId: caller.actorId,
        at: now,
        before: null,
        after: { amount },
      }),
    ]);
    return { orderId: found._id, orderNo, payable: order.payable, paid: amount, paidAt: now };
  });
  return saved;
});
