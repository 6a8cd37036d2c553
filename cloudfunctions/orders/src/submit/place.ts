import { randomUUID } from 'node:crypto';
import type { CollectionName } from '@shared/collections';
import type { WalletEntryDoc } from '@shared/documents';
import { Refusal } from '@shared/envelope';
import type { AccountDoc, OrderDoc, StockDoc } from '@shared/models';
import type { Order, OrderEffect, Placed, StockRowRead, Takes } from '@shared/orders';
import { spendEntryId, takeCounters, takeStock } from '@shared/orders';
import type { Db, Stored, Tx } from '../../../_kit/db';
import { refuse } from '../../../_kit/db';
import { applyEffects, EMPTY_ACCOUNT } from '../../../_capabilities/order-effects';
import { orderNoCandidate, pickOrderNo } from './order-number';
import type { OrderExtras } from './steps';

/** One document write of a placement, as data. */
interface Write {
  coll: CollectionName;
  id: string;
  op: 'set' | 'update';
  data: object;
}

/** What to place: the order under a number, its decision against an account, what it takes. */
export interface Placement {
  orderId: string;
  dealerId: string;
  draft: (orderNo: string) => Order;
  decide: (order: Order, account: AccountDoc) => Placed | Refusal;
  takes: Takes;
  extras: OrderExtras;
  /** Orders counted for an account from before orderCount was kept. */
  priorOrders: number;
  now: number;
}

export type PlaceResult = { kind: 'created'; order: OrderDoc; effects: OrderEffect[] } | { kind: 'replayed'; order: Stored<OrderDoc> };

/** A stock row as the reservation round reads it: `reservedBy` names the attempt whose increment it already shows. */
type StockSeen = Stored<StockDoc> & { reservedBy?: string };

/**
 * Every write of a placed order but its stock, decided from what the transaction read: the
 * promotion uses as counted, the order number's claim, the rebate spent (booked once per order,
 * as bookWallet books it), the account (credit held, rebate spent, one more order) and the order.
 */
function writesOf(
  p: Placement,
  doc: OrderDoc,
  uses: Map<string, { ruleId: string; count: number }>,
  account: AccountDoc,
  claimed: boolean,
  bookSpend: boolean,
): Write[] {
  const { now, orderId, dealerId } = p;
  const { _id: _a, ...kept } = account as Stored<AccountDoc>;
  const rebate = bookSpend ? doc.rebateUsed : 0;
  const spend: WalletEntryDoc = { dealerId, type: 'order_spend', amount: -doc.rebateUsed, at: now, ref: doc.orderNo, note: '下单抵扣' };
  return [
    ...[...uses].map(([id, u]): Write => ({ coll: 'promotion_usage', id, op: 'set', data: { dealerId, ruleId: u.ruleId, count: u.count, updatedAt: now } })),
    ...(claimed ? [] : [{ coll: 'order_numbers', id: doc.orderNo, op: 'set', data: { orderId, dealerId, at: now } } as Write]),
    ...(bookSpend ? [{ coll: 'wallet_entries', id: spendEntryId(orderId), op: 'set', data: spend } as Write] : []),
    {
      coll: 'accounts',
      id: dealerId,
      op: 'set',
      data: {
        ...kept,
        dealerId,
        rebateBalance: account.rebateBalance - rebate,
        creditReserved: account.creditReserved + doc.creditReserved,
        orderCount: (account.orderCount ?? p.priorOrders) + 1,
        updatedAt: now,
      },
    },
    { coll: 'orders', id: orderId, op: 'set', data: doc },
  ];
}

/**
 * Reserve the order's stock in the write round: each row read and incremented in the same round,
 * the increment tagged with this attempt, so the row as read says whether it already counts this
 * order (the two requests may be answered in either order). Returns the rows as they were before
 * this order, for takeStock to check; the transaction's commit fails if any row moved since.
 */
async function reserveStock(db: Db, tx: Tx, takes: Takes['stock'], now: number): Promise<Map<string, StockRowRead>> {
  const attempt = randomUUID();
  const perRow = new Map<string, number>();
  for (const t of takes) perRow.set(t.rowId, (perRow.get(t.rowId) ?? 0) + t.qty);
  const inc = (n: number) => db.command['inc']!(n);
  const rows = await Promise.all(
    [...perRow].map(async ([id, qty]) => {
      const [row] = await Promise.all([tx.get<StockSeen>('stock', id), tx.update('stock', id, { reserved: inc(qty), reservedBy: attempt, updatedAt: now })]);
      const before: StockRowRead = row ? { onHand: row.onHand, reserved: row.reservedBy === attempt ? row.reserved - qty : row.reserved } : null;
      return [id, before] as const;
    }),
  );
  return new Map(rows);
}

/**
 * Act: the one writer of a submit, one transaction. The first round reads the order key, the
 * account, the rebate's wallet entry, the promotion uses and the first order-number candidate;
 * the credit, approval, promotion and rebate limits are re-checked on them (decide, takeCounters).
 * The second round writes the order and everything beside it and reserves the stock, re-checking
 * each row on what it reads there (takeStock). The hot documents — stock rows every order of a
 * SKU writes — are thus touched one round before the commit, not two: an optimistic transaction
 * loses when a document it touched changed before it commits, so this halves the window in which
 * parallel orders of one SKU make each other retry. A refusal rolls it all back; a conflict
 * retries it whole (Db.transaction). Nothing is held outside it.
 */
export async function place(db: Db, p: Placement): Promise<PlaceResult | Refusal> {
  const { orderId, dealerId, takes, now } = p;
  const usageIds = [...new Set(takes.promotions.map((t) => t.usageId))];
  return db.transaction(async (tx: Tx): Promise<PlaceResult> => {
    const [again, uses, firstNo, accountRead, spentBefore] = await Promise.all([
      tx.get('orders', orderId),
      Promise.all(usageIds.map((id) => tx.get('promotion_usage', id))),
      tx.get('order_numbers', orderNoCandidate(orderId, now, 0)),
      tx.get('accounts', dealerId),
      takes.rebate > 0 ? tx.get('wallet_entries', spendEntryId(orderId)) : null,
    ]);
    if (again) return { kind: 'replayed', order: again };
    const account = accountRead ?? EMPTY_ACCOUNT(dealerId, now);
    const counted = takeCounters(takes, new Map(usageIds.map((id, i) => [id, uses[i]?.count ?? 0])), account.rebateBalance);
    if (counted instanceof Refusal) return refuse(counted.code, counted.message, counted.details);
    const { orderNo, claimed } = await pickOrderNo(tx, orderId, now, firstNo);
    const decision = p.decide(p.draft(orderNo), account);
    if (decision instanceof Refusal) return refuse(decision.code, decision.message, decision.details);
    const { id: _id, ...state } = decision.next;
    const doc: OrderDoc = { ...state, ...p.extras };
    const writes = writesOf(p, doc, counted, account, claimed, doc.rebateUsed > 0 && !spentBefore);
    const [rows] = await Promise.all([
      reserveStock(db, tx, takes.stock, now),
      ...writes.map((w) => (w.op === 'set' ? tx.set(w.coll, w.id, w.data) : tx.update(w.coll, w.id, w.data))),
    ]);
    const stock = takeStock(takes.stock, rows);
    if (stock instanceof Refusal) return refuse(stock.code, stock.message, stock.details);
    // Submit's own effects are notifications (sent after the commit); any other would be applied here.
    await applyEffects(
      tx,
      decision.effects.filter((e) => e.type !== 'notify'),
      now,
      { id: orderId, orderNo },
    );
    return { kind: 'created', order: doc, effects: decision.effects };
  });
}
