import type { Actor, OrderEffect, OrderEvent, OrderEventType, OrderStatus, ShipmentLine } from '../orders';
import { formatYuan } from '../orders/format';
import { ORDER_STATUS_LABELS } from '../orders/types';
import { formatShanghai } from '../time';
import type { TierOrderDoc } from './types';

/**
 * Two-tier orders (docs/two-tier.md) reuse the order's states and its event trail, with the
 * brand's parts left out — no approval steps, no credit, no rebate: the first-tier accepts,
 * rejects and ships, the child cancels (until shipped) and confirms receipt.
 *
 *   submitted ──accept (first-tier)──▶ approved ──ship (first-tier, every line in full)──▶ shipped ──confirm_receipt (child)──▶ delivered
 *   submitted | approved ──reject (first-tier) ──▶ rejected;  ──cancel (child)──▶ cancelled
 *
 * Pure: the decision is data — the next document and what happens to the first-tier's stock
 * (release: reserved −= qty; consume: onHand −= qty and reserved −= qty). The status guards make
 * each effect happen once: a second ship, cancel or reject is refused and changes nothing.
 */
export type TierCommand =
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'cancel'; reason: string }
  | { type: 'ship'; carrier: string; trackingNo: string; lines: readonly ShipmentLine[] }
  | { type: 'confirm_receipt' };

/** Which side issues each command: the seller (first-tier's owner or buyer) or the buyer (the child dealer's people). */
export const TIER_COMMAND_SIDE: Record<TierCommand['type'], 'supplier' | 'buyer'> = {
  accept: 'supplier',
  reject: 'supplier',
  ship: 'supplier',
  cancel: 'buyer',
  confirm_receipt: 'buyer',
};

const FROM: Record<TierCommand['type'], readonly OrderStatus[]> = {
  accept: ['submitted'],
  reject: ['submitted', 'approved'],
  cancel: ['submitted', 'approved'],
  ship: ['approved'],
  confirm_receipt: ['shipped'],
};

const VERB: Record<TierCommand['type'], string> = { accept: '接单', reject: '拒单', cancel: '取消', ship: '发货', confirm_receipt: '确认收货' };
const STATE: Partial<Record<OrderStatus, string>> = {
  submitted: '订单待接单',
  approved: '订单已接单、待发货',
  shipped: '订单已发货',
  delivered: '订单已收货',
  cancelled: '订单已取消',
  rejected: '订单已被拒绝',
};

export type StockMove = { sku: string; qty: number };
export type TierNote = Extract<OrderEffect, { type: 'notify' }>;
export type TierDecision =
  /** notes: the child's subscription messages (accepted, rejected, shipped), sent after the commit like a brand order's. */
  | { ok: true; next: TierOrderDoc; event: OrderEvent; release: StockMove[]; consume: StockMove[]; notes: TierNote[] }
  | { ok: false; code: 'CONFLICT' | 'FORBIDDEN' | 'INVALID_INPUT'; message: string };

const fail = (code: 'CONFLICT' | 'FORBIDDEN' | 'INVALID_INPUT', message: string): TierDecision => ({ ok: false, code, message });

/** What the order still holds of the first-tier's stock, per SKU (item and gift lines together). */
export function heldOf(order: Pick<TierOrderDoc, 'lines'>): StockMove[] {
  const per = new Map<string, number>();
  for (const l of order.lines) per.set(l.sku, (per.get(l.sku) ?? 0) + l.qty - l.shippedQty);
  return [...per].filter(([, qty]) => qty > 0).map(([sku, qty]) => ({ sku, qty }));
}

/** `side` is who the caller is to this order, found by the handler from its dealer (never the payload). */
export function decideTier(order: TierOrderDoc, command: TierCommand, side: 'supplier' | 'buyer', actor: Actor, now: number): TierDecision {
  if (TIER_COMMAND_SIDE[command.type] !== side) {
    return fail('FORBIDDEN', side === 'buyer' ? `只有上级经销商可以${VERB[command.type]}` : `只有下单的经销商可以${VERB[command.type]}`);
  }
  if (!FROM[command.type].includes(order.status)) return fail('CONFLICT', `${STATE[order.status] ?? '订单状态已变化'}，不能${VERB[command.type]}`);
  const at = { at: now };
  const done = (
    status: OrderStatus,
    type: OrderEventType,
    changes: Partial<TierOrderDoc>,
    moves: { release?: StockMove[]; consume?: StockMove[] },
    extra: Partial<OrderEvent> = {},
  ): TierDecision => {
    const event: OrderEvent = { type, from: order.status, to: status, actor: { role: actor.role, id: actor.id }, ...at, ...extra };
    const next: TierOrderDoc = { ...order, ...changes, status, events: [...order.events, event], updatedAt: now };
    return { ok: true, next, event, release: moves.release ?? [], consume: moves.consume ?? [], notes: notesOf(next, type, event, now) };
  };
  switch (command.type) {
    case 'accept':
      return done('approved', 'approved', { approvedAt: now }, {});
    case 'reject':
    case 'cancel': {
      const closed = { closedAt: now, closeReason: command.reason, reservations: [] };
      return done(
        command.type === 'reject' ? 'rejected' : 'cancelled',
        command.type === 'reject' ? 'rejected' : 'cancelled',
        closed,
        { release: heldOf(order) },
        { reason: command.reason },
      );
    }
    case 'ship':
      return ship(order, command, actor, now, done);
    case 'confirm_receipt':
      return done('delivered', 'delivered', { deliveredAt: now }, {});
  }
}

function ship(
  order: TierOrderDoc,
  command: Extract<TierCommand, { type: 'ship' }>,
  actor: Actor,
  now: number,
  done: (s: OrderStatus, t: OrderEventType, c: Partial<TierOrderDoc>, m: { consume: StockMove[] }, e: Partial<OrderEvent>) => TierDecision,
): TierDecision {
  const held = heldOf(order);
  const asked = new Map(command.lines.map((l) => [l.sku, l.qty]));
  const whole = held.length === asked.size && held.every((h) => asked.get(h.sku) === h.qty);
  if (!whole) return fail('INVALID_INPUT', `二级订单须一次发齐：${held.map((h) => `${h.sku} × ${h.qty}`).join('，')}`);
  const shipment = {
    no: order.shipments.length + 1,
    warehouseId: order.supplierDealerId,
    carrier: command.carrier,
    trackingNo: command.trackingNo,
    lines: held,
    amount: 0,
    at: now,
    by: { role: actor.role, id: actor.id },
  };
  const lines = order.lines.map((l) => ({ ...l, shippedQty: l.qty }));
  const changes = { lines, shipments: [...order.shipments, shipment], reservations: [], shippedAt: now, fullyShippedAt: now };
  return done('shipped', 'shipped', changes, { consume: held }, { data: { carrier: command.carrier, trackingNo: command.trackingNo } });
}

const CHILD_TEMPLATES: Partial<Record<OrderEventType, TierNote['template']>> = {
  approved: 'order_approved',
  rejected: 'order_rejected',
  shipped: 'order_shipped',
};

function notesOf(next: TierOrderDoc, type: OrderEventType, event: OrderEvent, now: number): TierNote[] {
  const template = CHILD_TEMPLATES[type];
  if (!template) return [];
  const fields: Record<string, string> = {
    orderNo: next.orderNo,
    amount: formatYuan(next.payable),
    time: formatShanghai(now),
    status: ORDER_STATUS_LABELS[next.status],
  };
  if (event.reason !== undefined) fields['reason'] = event.reason;
  const data = event.data as { carrier?: string; trackingNo?: string } | undefined;
  if (data?.carrier && data.trackingNo) Object.assign(fields, { carrier: data.carrier, trackingNo: data.trackingNo });
  return [{ type: 'notify', to: { role: 'dealer', dealerId: next.dealerId }, template, fields }];
}

/** Null when `amount` may be recorded against the order; else why not (once per order, never above payable). */
export function paymentProblem(
  order: Pick<TierOrderDoc, 'status' | 'payable' | 'paidAt'>,
  amount: number,
): { code: 'CONFLICT' | 'INVALID_INPUT'; message: string } | null {
  if (order.paidAt != null) return { code: 'CONFLICT', message: '该订单的收款已登记过' };
  if (!['approved', 'shipped', 'delivered'].includes(order.status))
    return { code: 'CONFLICT', message: `${STATE[order.status] ?? '订单状态已变化'}，不能登记收款` };
  if (amount > order.payable) return { code: 'INVALID_INPUT', message: `收款金额不能超过应付 ¥${(order.payable / 100).toFixed(2)}` };
  return null;
}
