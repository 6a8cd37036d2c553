import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { returnableLines, returnDeadline } from '@shared/returns';
import { defineAction } from '../../../_kit/router';
import type { OrderWithReturns } from '../../../_capabilities/rebate-facts';
import { policyOf } from '../scope';

/** What the caller's order may still send back and until when (the 申请退货 page's steppers and window). */
export const returnable = defineAction(contracts.aftersales.returnable, ['dealer', 'clerk'], async ({ orderId }, { db, caller, now }) => {
  const [order, policy] = await Promise.all([db.getById<OrderWithReturns>('orders', orderId), policyOf(db)]);
  if (!order || order.dealerId !== caller.dealerId) return new Refusal('NOT_FOUND', '订单不存在或无权查看');
  const deadline = returnDeadline(order, policy);
  const delivered = order.status === 'delivered' || order.status === 'completed';
  return {
    orderId,
    orderNo: order.orderNo,
    deadline,
    windowDays: policy.returnWindowDays,
    open: delivered && deadline !== null && now <= deadline,
    lines: returnableLines(order),
  };
});
