import type { ReturnDoc } from '@shared/documents';
import type { StockDoc } from '@shared/models';
import { stockRowId } from '@shared/orders';
import type { ReturnRequest } from '@shared/returns';
import { adjustHolds, creditShares } from '@shared/returns';
import type { Stored, Tx } from '../_kit/db';
import type { OrderWithReturns } from './rebate-facts';
import { accrueInTx } from './rebate-ledger';
import { emitOrderReturned } from './order-events';

/**
 * The money and stock of a received return request, inside the transaction that receives it:
 * - each line is worth its cumulative share of the order line's payable (shared/returns creditShares);
 * - the dealer's receivable goes down by the total (which frees as much credit: headroom is
 *   limit − receivable − reserved) and the statement shows it as a credit, because it is recorded in
 *   `returns` under the request's id, where the statement, insights and rebate facts read returns;
 * - the delivery's rebate periods lose the returned payable (a negative accrual dated at the delivery);
 *   settled periods are clawed back after the commit (rebate-clawback.ts);
 * - restocked units go back on hand in the receiving warehouse (stock.returned counts them), scrapped
 *   units do not;
 * - the order records what came back (`returned`) and stops holding the request's units (`returning`).
 * Exactly once: the request moves to credited in the same transaction, and the returns document's
 * id is the request's.
 */
export async function creditReturnInTx(
  tx: Tx,
  requestId: string,
  request: ReturnRequest,
  order: Stored<OrderWithReturns>,
  now: number,
): Promise<Array<{ sku: string; amount: number }>> {
  const amounts = creditShares(order, request.lines);
  const total = amounts.reduce((s, a) => s + a.amount, 0);
  const lines = request.lines.map((l, i) => ({ ...l, amount: amounts[i]!.amount }));
  const warehouseId = request.warehouseId as string;

  const negative = lines.map((l) => {
    const line = order.lines.find((x) => x.sku === l.sku && x.kind === 'item')!;
    return { sku: l.sku, categoryId: line.categoryId, qty: -l.qty, payable: -l.amount };
  });
  await accrueInTx(tx, { ref: `${order.orderNo}-${requestId}`, dealerId: order.dealerId, at: order.deliveredAt!, lines: negative });

  for (const l of lines) {
    if (!l.restockQty) continue;
    const id = stockRowId(warehouseId, l.sku);
    const s = await tx.get<StockDoc & { returned?: number }>('stock', id);
    if (s) await tx.update('stock', id, { onHand: s.onHand + l.restockQty, returned: (s.returned ?? 0) + l.restockQty, updatedAt: now });
    else await tx.set('stock', id, { sku: l.sku, warehouseId, onHand: l.restockQty, reserved: 0, returned: l.restockQty, updatedAt: now });
  }

  const acc = await tx.get('accounts', order.dealerId);
  if (acc) {
    const { _id: _ignored, ...kept } = acc;
    await tx.set('accounts', order.dealerId, { ...kept, receivable: acc.receivable - total, updatedAt: now });
  }

  const returned = { ...(order.returned ?? {}) };
  for (const l of lines) {
    const before = returned[l.sku] ?? { qty: 0, amount: 0, at: now };
    returned[l.sku] = { qty: before.qty + l.qty, amount: before.amount + l.amount, at: now };
  }
  const { _id: _o, ...orderDoc } = order;
  await tx.set('orders', order._id, { ...orderDoc, returned, returning: adjustHolds(order.returning, lines, -1), updatedAt: now });

  const doc: ReturnDoc = {
    orderId: order._id,
    orderNo: order.orderNo,
    dealerId: order.dealerId,
    lines: lines.map((l) => ({ sku: l.sku, qty: l.qty, amount: l.amount, warehouseId })),
    amount: total,
    reason: request.reason,
    at: now,
    by: 'aftersales',
    request: { orderId: order._id, lines: lines.map((l) => ({ sku: l.sku, qty: l.qty })), reason: request.reason, warehouseId },
  };
  await tx.set('returns', requestId, doc);
  await emitOrderReturned(tx, requestId, doc, now);
  return amounts;
}
