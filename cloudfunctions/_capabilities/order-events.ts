import type { OutboxEventType } from '@shared/integration/outbox';
import type { OrderDoc } from '@shared/models';
import type { OrderEvent, OrderEventType } from '@shared/orders';
import type { Tx } from '../_kit/db';
import { emit } from './outbox';

/**
 * An order's transitions as outbox events (issue 15), written in the transaction that makes
 * them. Each state machine transition appends exactly one OrderEvent, so its position in
 * `events` is the change's key: a retried transaction derives the same event id, and the next
 * transition a new one. An intermediate approval step (step_approved) and completion tell a
 * partner nothing to act on, so they are not published.
 */
const PUBLISHED: Partial<Record<OrderEventType, OutboxEventType>> = {
  submitted: 'order.submitted',
  approved: 'order.approved',
  rejected: 'order.rejected',
  shipped: 'order.shipped',
  delivered: 'order.delivered',
  cancelled: 'order.cancelled',
};

/** What partners get: ids, states, quantities and amounts (fen); no address, names or phone numbers. */
function dataOf(orderId: string, doc: OrderDoc, e: OrderEvent): Record<string, unknown> {
  const shipment = e.type === 'shipped' ? doc.shipments[doc.shipments.length - 1] : undefined;
  return {
    orderId,
    orderNo: doc.orderNo,
    dealerId: doc.dealerId,
    status: e.to,
    from: e.from,
    actor: e.actor,
    payable: doc.payable,
    lines: doc.lines.map((l) => ({ sku: l.sku, kind: l.kind, qty: l.qty, shippedQty: l.shippedQty, unitPrice: l.unitPrice, payable: l.payable })),
    ...(e.reason ? { reason: e.reason } : {}),
    ...(shipment
      ? {
          shipment: {
            no: shipment.no,
            warehouseId: shipment.warehouseId,
            carrier: shipment.carrier,
            trackingNo: shipment.trackingNo,
            lines: shipment.lines,
            amount: shipment.amount,
          },
        }
      : {}),
  };
}

/**
 * Emit the events `doc` gained since it had `before` of them (0 for a new order). An order that
 * is approved at submission (no approval rule matched) is also published as order.approved, so a
 * partner that acts on approved orders (the ERP's sales order) sees every one.
 */
export async function emitOrderEvents(tx: Tx, orderId: string, doc: OrderDoc, before: number, now: number): Promise<void> {
  const writes: Array<Promise<string>> = [];
  doc.events.forEach((e, i) => {
    const type = i >= before ? PUBLISHED[e.type] : undefined;
    if (!type) return;
    writes.push(emit(tx, { type, subject: orderId, key: i + 1, data: dataOf(orderId, doc, e), at: e.at }, now));
    if (e.type === 'submitted' && e.to === 'approved') {
      writes.push(emit(tx, { type: 'order.approved', subject: orderId, key: `${i + 1}:at-submit`, data: dataOf(orderId, doc, e), at: e.at }, now));
    }
  });
  await Promise.all(writes);
}

/**
 * Goods that came back after delivery (退货), as order.returned: one event per return, keyed by
 * the return's id (a recorded return is never recorded twice). Ids, quantities and amounts only;
 * the free-text reason stays in the app.
 */
export async function emitOrderReturned(
  tx: Tx,
  returnId: string,
  r: {
    orderId: string;
    orderNo: string;
    dealerId: string;
    lines: ReadonlyArray<{ sku: string; qty: number; amount: number; warehouseId?: string | null }>;
    amount: number;
    at: number;
  },
  now: number,
): Promise<void> {
  const lines = r.lines.map((l) => ({ sku: l.sku, qty: l.qty, amount: l.amount, warehouseId: l.warehouseId ?? null }));
  const data = { returnId, orderId: r.orderId, orderNo: r.orderNo, dealerId: r.dealerId, lines, amount: r.amount };
  await emit(tx, { type: 'order.returned', subject: r.orderId, key: `return:${returnId}`, data, at: r.at }, now);
}
