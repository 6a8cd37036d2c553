import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { ORDER_STATUS_LABELS } from '@shared/orders';
import { owedOnOrder } from '@shared/payments/wxpay';
import type { OrderWithReturns } from '../../../_capabilities/rebate-facts';
import { requestPayment, startPayIn } from '../../../_capabilities/wxpay';
import { defineAction } from '../../../_kit/router';

/** States in which an order asks for no money: it will never be booked. */
const NOTHING_TO_PAY = ['cancelled', 'rejected'];

/**
 * 去支付: pay one of the dealer's own orders with WeChat Pay — what it still asks (its payable less
 * what its returns credited and its paid pay-ins brought in, net of refunds). Paid before it ships, the payment leaves the
 * receivable below zero until the shipment books the order (prepaid, shared/payments/wxpay). The
 * same payer asking again for the same amount gets the pending pay-in again, not a second one.
 */
export const payOrder = defineAction(contracts.orders.payOrder, ['dealer'], async ({ orderId }, { db, caller, now }) => {
  const order = await db.getById<OrderWithReturns>('orders', orderId);
  if (!order || order.dealerId !== caller.dealerId) return new Refusal('NOT_FOUND', '订单不存在或无权查看');
  if (NOTHING_TO_PAY.includes(order.status)) return new Refusal('CONFLICT', `订单${ORDER_STATUS_LABELS[order.status]}，无需支付`);
  const payIns = await db.findAll('wxpay_orders', { orderId });
  const credited = Object.values(order.returned ?? {}).reduce((n, r) => n + r.amount, 0);
  const owed = owedOnOrder(order.payable, payIns, credited);
  if (owed <= 0) return new Refusal('CONFLICT', '该订单已付清');
  const body = `经销商订货-订单${order.orderNo}`;
  const pending = payIns.find((p) => p.status === 'pending' && p.amount === owed && p.openid === caller.openid);
  if (pending) return requestPayment(pending._id, owed, body);
  return startPayIn(db, { dealerId: order.dealerId, orderId, amount: owed, body, openid: caller.openid ?? '' }, now);
});
