import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { StockDoc } from '@shared/models';
import { canonicalJson } from '@shared/rebates';
import type { ReturnDoc } from '@shared/documents';
import { creditShares } from '@shared/returns';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import type { Tx } from '../../../_kit/db';
import { refuse } from '../../../_kit/db';
import { clawBack } from '../../../_capabilities/rebate-clawback';
import { accrueInTx } from '../../../_capabilities/rebate-ledger';
import { emitOrderReturned } from '../../../_capabilities/order-events';
import { defineAction } from '../../../_kit/router';
import type { OrderWithReturns, Returned } from '../facts';

type ReturnInput = { orderId: string; returnId: string; lines: Array<{ sku: string; qty: number }>; reason: string; warehouseId?: string | undefined };

const stockId = (warehouseId: string, sku: string) => `stock-${warehouseId}-${sku}`;

/** The request in a form that compares equal for the same return asked twice. */
function requestOf(input: ReturnInput): ReturnDoc['request'] {
  const lines = [...input.lines].sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : a.qty - b.qty)).map((l) => ({ sku: l.sku, qty: l.qty }));
  return { orderId: input.orderId, lines, reason: input.reason, warehouseId: input.warehouseId ?? null };
}

/**
 * Whether a return asked again under its returnId is the one recorded: same order, lines and
 * reason; a warehouse named on the retry must be the one the goods went back to.
 */
function sameRequest(earlier: ReturnDoc, request: ReturnDoc['request']): boolean {
  if (!earlier.request)
    return earlier.orderId === request.orderId && canonicalJson(earlier.lines.map((l) => ({ sku: l.sku, qty: l.qty }))) === canonicalJson(request.lines);
  const { warehouseId: named, ...asked } = request;
  const { warehouseId: _first, ...recorded } = earlier.request;
  if (canonicalJson(asked) !== canonicalJson(recorded)) return false;
  return named === null || earlier.lines.every((l) => l.warehouseId === named);
}

/**
 * The warehouse a returned SKU goes back to: the one named, else the one the order shipped it
 * from. A SKU shipped from several warehouses must be told which.
 */
async function warehouseOf(tx: Tx, order: OrderWithReturns, sku: string, name: string, named: string | undefined): Promise<string> {
  if (named !== undefined) {
    if (!(await tx.get('warehouses', named))) refuse('NOT_FOUND', `没有 id 为 ${named} 的仓库`);
    return named;
  }
  const from = [...new Set(order.shipments.filter((s) => s.lines.some((l) => l.sku === sku && l.qty > 0)).map((s) => s.warehouseId))];
  if (from.length === 1) return from[0]!;
  if (from.length === 0) refuse('INVALID_INPUT', `${name} 没有发货记录，请用 warehouseId 指明退回的仓库`);
  refuse('INVALID_INPUT', `${name} 从多个仓库（${from.join('、')}）发出，请用 warehouseId 指明退回的仓库`);
}

/** Put returned units back on hand, in the transaction that records the return. */
async function restock(tx: Tx, into: ReadonlyMap<string, { warehouseId: string; sku: string; qty: number }>, now: number): Promise<void> {
  for (const [id, r] of into) {
    const s = await tx.get<StockDoc & { returned?: number }>('stock', id);
    if (s) await tx.update('stock', id, { onHand: s.onHand + r.qty, returned: (s.returned ?? 0) + r.qty, updatedAt: now });
    else await tx.set('stock', id, { sku: r.sku, warehouseId: r.warehouseId, onHand: r.qty, reserved: 0, returned: r.qty, updatedAt: now });
  }
}

/** What the transaction recorded: the same request again (a replay), or a new return to claw back after. */
type Saved = { replay: true } | { replay: false; dealerId: string; deliveredAt: number; amount: number };

/** The lines of a return priced against the order, and where each goes back on hand. */
interface ReturnLines {
  returned: Returned;
  negative: Array<{ sku: string; categoryId: string; qty: number; payable: number }>;
  recorded: ReturnDoc['lines'];
  into: Map<string, { warehouseId: string; sku: string; qty: number }>;
  amount: number;
}

/**
 * Goods sent back after delivery. They go back on hand in the warehouse they return to (named,
 * or the one that shipped them). The return is dated at the delivery it reverses, so it lowers
 * that period's basis; the dealer owes less, and the statement shows it on the day it is
 * recorded. A period already settled and credited is never reopened: the difference is clawed
 * back from the wallet in the period running now (a pending one is recomputed when approved).
 * The returnId is the idempotency key: the same request again is a replay, another request under
 * the same id a CONFLICT.
 */
export const recordReturn = defineAction(contracts.rebates.recordReturn, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  const saved = await db.transaction((tx) => saveReturn(tx, input, now, caller.actorId));
  if (saved instanceof Refusal) return saved;
  if (saved.replay) {
    const r = await db.getById('returns', input.returnId);
    return { returnId: input.returnId, amount: r?.amount ?? 0, clawbacks: r?.clawbacks ?? [] };
  }
  const clawbacks = await clawBack(db, saved.dealerId, saved.deliveredAt, now);
  await db.update('returns', input.returnId, { clawbacks });
  return { returnId: input.returnId, amount: saved.amount, clawbacks };
});

/** Record the return in one transaction: decide on the order as it is, then write every document it changes. */
async function saveReturn(tx: Tx, input: ReturnInput, now: number, actorId: string): Promise<Saved> {
  const { orderId, returnId, reason } = input;
  const request = requestOf(input);
  const earlier = await tx.get('returns', returnId);
  if (earlier) {
    if (!sameRequest(earlier, request)) {
      refuse(
        'CONFLICT',
        earlier.orderId === orderId
          ? `退货单号 ${returnId} 已登记过本订单的另一次退货，请换一个退货单号`
          : `退货单号 ${returnId} 已用于订单 ${earlier.orderNo}，请换一个退货单号`,
      );
    }
    return { replay: true };
  }
  const order = await tx.get<OrderWithReturns>('orders', orderId);
  if (!order) refuse('NOT_FOUND', '订单不存在');
  if (order.status !== 'delivered' && order.status !== 'completed') refuse('CONFLICT', '只有已收货或已完成的订单可以登记退货');
  const r = await returnLines(tx, order, input, now);
  await accrueInTx(tx, { ref: `${order.orderNo}-${returnId}`, dealerId: order.dealerId, at: order.deliveredAt!, lines: r.negative });
  await restock(tx, r.into, now);
  await creditReceivable(tx, order.dealerId, r.amount, now);
  await tx.set('orders', orderId, { ...order, returned: r.returned, updatedAt: now });
  const doc: ReturnDoc = {
    orderId,
    orderNo: order.orderNo,
    dealerId: order.dealerId,
    lines: r.recorded,
    amount: r.amount,
    reason,
    at: now,
    by: actorId,
    request,
  };
  await tx.set('returns', returnId, doc);
  await emitOrderReturned(tx, returnId, doc, now);
  await audit(tx, {
    action: 'rebates.recordReturn',
    target: { coll: 'orders', id: orderId },
    actorId,
    at: now,
    before: order.returned ?? null,
    after: r.returned,
    reason,
  });
  return { replay: false, dealerId: order.dealerId, deliveredAt: order.deliveredAt!, amount: r.amount };
}

/** Each returned line checked against what the order delivered and what came back before, priced, and sent to its warehouse. */
async function returnLines(tx: Tx, order: OrderWithReturns, input: ReturnInput, now: number): Promise<ReturnLines> {
  const out: ReturnLines = { returned: { ...(order.returned ?? {}) }, negative: [], recorded: [], into: new Map(), amount: 0 };
  for (const r of input.lines) {
    const line = order.lines.find((l) => l.sku === r.sku && l.kind === 'item');
    if (!line) refuse('INVALID_INPUT', `订单中没有商品 ${r.sku}`);
    const before = out.returned[r.sku] ?? { qty: 0, amount: 0, at: now };
    // Units held by open return requests (aftersales) are not returnable a second time here.
    const held = order.returning?.[r.sku] ?? 0;
    if (before.qty + held + r.qty > line.qty) refuse('INVALID_INPUT', `${line.name} 最多还能退 ${line.qty - before.qty - held} 件`);
    // Cumulative, as shipments book it (creditShares): the line's returns never add up to more than its
    // payable, and the last units take exactly what remains.
    const [share] = creditShares({ status: order.status, deliveredAt: order.deliveredAt, lines: order.lines, returned: out.returned }, [r]);
    const amount = share!.amount;
    out.returned[r.sku] = { qty: before.qty + r.qty, amount: before.amount + amount, at: now };
    out.negative.push({ sku: r.sku, categoryId: line.categoryId, qty: -r.qty, payable: -amount });
    const warehouseId = await warehouseOf(tx, order, r.sku, line.name, input.warehouseId);
    out.recorded.push({ sku: r.sku, qty: r.qty, amount, warehouseId });
    const id = stockId(warehouseId, r.sku);
    out.into.set(id, { warehouseId, sku: r.sku, qty: (out.into.get(id)?.qty ?? 0) + r.qty });
    out.amount += amount;
  }
  return out;
}

/** The dealer owes less by what came back (their account, when they have one). */
async function creditReceivable(tx: Tx, dealerId: string, amount: number, now: number): Promise<void> {
  const acc = await tx.get('accounts', dealerId);
  if (!acc) return;
  const { _id: _ignored, ...kept } = acc;
  await tx.set('accounts', dealerId, { ...kept, receivable: acc.receivable - amount, updatedAt: now });
}
