import { NO_CATEGORIES } from '../targeting';
import type { CategoryTree } from '../targeting';
import type { ApprovalFacts } from './approval/kit';
import type { CreditPosition } from './credit';
import type { StockReservation } from './stock';
import type { Order, OrderLine } from './types';

export interface OrderDraft {
  id: string;
  orderNo: string;
  dealerId: string;
  /** From the server's quote: item lines then gift lines; payable per line after allocation. */
  lines: ReadonlyArray<Omit<OrderLine, 'shippedQty' | 'kind'> & { kind?: OrderLine['kind'] }>;
  /** Rebate balance spent, fen (already inside the lines' payable). */
  rebateUsed: number;
  /** From stock.allocateStock: must hold exactly the ordered quantity of every SKU. */
  reservations: readonly StockReservation[];
  createdAt: number;
}

/**
 * A new order in state `submitted`, with its stock and credit held (the handler applies those
 * reservations in the same transaction as the insert), no approval yet and no events: the
 * `submit` command is its first transition. Credit reserved = payable. Throws on inconsistent
 * data (a bug in the caller, not a business outcome).
 */
export function newOrder(draft: OrderDraft): Order {
  if (draft.lines.length === 0) throw new RangeError('newOrder: an order needs at least one line');
  const perSku = new Map<string, number>();
  for (const l of draft.lines) {
    if (!Number.isSafeInteger(l.qty) || l.qty <= 0) throw new RangeError(`newOrder: bad qty ${l.qty} for ${l.sku}`);
    for (const fen of [l.payable, l.listPrice, l.unitPrice]) {
      if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`newOrder: bad amount ${fen} for ${l.sku}`);
    }
    perSku.set(l.sku, (perSku.get(l.sku) ?? 0) + l.qty);
  }
  const reserved = new Map<string, number>();
  for (const r of draft.reservations) {
    if (!Number.isSafeInteger(r.qty) || r.qty <= 0) throw new RangeError(`newOrder: bad reservation ${r.qty} for ${r.sku}`);
    reserved.set(r.sku, (reserved.get(r.sku) ?? 0) + r.qty);
  }
  for (const [sku, qty] of perSku) {
    if (reserved.get(sku) !== qty) throw new RangeError(`newOrder: ${sku} ordered ${qty}, reserved ${reserved.get(sku) ?? 0}`);
  }
  if (reserved.size !== perSku.size) throw new RangeError('newOrder: reservation of a SKU not in the order');
  const lines: OrderLine[] = draft.lines.map((l) => ({
    sku: l.sku,
    name: l.name,
    categoryId: l.categoryId,
    kind: l.kind ?? 'item',
    qty: l.qty,
    shippedQty: 0,
    listPrice: l.listPrice,
    unitPrice: l.unitPrice,
    payable: l.payable,
  }));
  const payable = lines.reduce((s, l) => s + l.payable, 0);
  return {
    id: draft.id,
    orderNo: draft.orderNo,
    dealerId: draft.dealerId,
    status: 'submitted',
    lines,
    listTotal: lines.reduce((s, l) => s + (l.kind === 'gift' ? 0 : l.qty * l.listPrice), 0),
    payable,
    rebateUsed: draft.rebateUsed,
    creditReserved: payable,
    receivableBooked: 0,
    reservations: draft.reservations.map((r) => ({ sku: r.sku, warehouseId: r.warehouseId, qty: r.qty })),
    approval: null,
    shipments: [],
    createdAt: draft.createdAt,
    approvedAt: null,
    shippedAt: null,
    fullyShippedAt: null,
    deliveredAt: null,
    completedAt: null,
    closedAt: null,
    closeReason: null,
    events: [],
  };
}

/**
 * The approval facts of an order about to be submitted. `credit` and `dealer.orderCount` must
 * be read before this order's own reservation (they describe the dealer without it).
 * `categories` is the catalog's category tree (the handler loads it: a category_in rule on a
 * parent category must see lines of the categories below it).
 */
export function approvalFactsOf(
  order: Pick<Order, 'payable' | 'listTotal' | 'rebateUsed' | 'lines'>,
  dealer: ApprovalFacts['dealer'],
  credit: CreditPosition,
  now: number,
  categories: CategoryTree = NO_CATEGORIES,
): ApprovalFacts {
  return {
    payable: order.payable,
    listTotal: order.listTotal,
    rebateUsed: order.rebateUsed,
    lines: order.lines.map((l) => ({ sku: l.sku, categoryId: l.categoryId })),
    categories,
    dealer: { level: dealer.level, joinedAt: dealer.joinedAt, orderCount: dealer.orderCount },
    credit: { limit: credit.limit, used: credit.used, reserved: credit.reserved },
    now,
  };
}
