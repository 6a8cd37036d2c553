import type { OrderDoc } from '@shared/models';
import type { Actor, Order, OrderCommand, OrderEffect } from '@shared/orders';
import { decide, DEFAULT_ORDER_POLICY } from '@shared/orders';
import type { Stored, Tx } from '../_kit/db';
import { refuse } from '../_kit/db';
import { applyEffects } from './order-effects';
import { emitOrderEvents } from './order-events';
import { accrueDeliveredOrder } from './rebate-ledger';
import { fillDealerStock } from './dealer-stock';

/**
 * One order command inside the caller's transaction: the state machine decides, its stock,
 * credit and rebate effects are applied and the new state saved. The orders function's commands
 * and an offboarding's order step both go through here, so releasing stock, credit and rebate
 * has one implementation and happens exactly once per transition (a second cancel of a cancelled
 * order is refused by `decide`, and changes nothing).
 */
export async function commandInTx(
  tx: Tx,
  orderId: string,
  order: Stored<OrderDoc>,
  cmd: OrderCommand,
  actor: Actor,
  now: number,
): Promise<{ doc: OrderDoc; effects: OrderEffect[] }> {
  const asOrder = { ...order, id: orderId } as unknown as Order & OrderDoc;
  const d = decide(asOrder, cmd, actor, now, DEFAULT_ORDER_POLICY);
  if (!d.ok) refuse(d.code, d.message);
  await applyEffects(tx, d.effects, now, { id: orderId, orderNo: order.orderNo });
  const { id: _id, ...next } = d.next as Order & OrderDoc;
  const doc: OrderDoc = { ...(next as unknown as OrderDoc), updatedAt: now };
  // Rebates accrue from what was actually delivered, in the same transaction as the delivery; a
  // first-tier with 二级分销 enabled gets the goods on its own hand (docs/two-tier.md).
  if (doc.status === 'delivered' && order.status !== 'delivered') await Promise.all([accrueDeliveredOrder(tx, doc), fillDealerStock(tx, orderId, doc, now)]);
  // Partners hear of the transition in the same transaction (the outbox, issue 15), beside the order's write.
  await Promise.all([tx.set('orders', orderId, doc), emitOrderEvents(tx, orderId, doc, order.events.length, now)]);
  return { doc, effects: d.effects };
}
