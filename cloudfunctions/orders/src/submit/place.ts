import type { CollectionName } from '@shared/collections';
import type { WalletEntryDoc } from '@shared/documents';
import { Refusal } from '@shared/envelope';
import type { AccountDoc, OrderDoc } from '@shared/models';
import type { Consumed, Order, OrderEffect, Placed, Takes } from '@shared/orders';
import { consumeLimits, spendEntryId } from '@shared/orders';
import type { Db, Stored, Tx } from '../../../_kit/db';
import { refuse } from '../../../_kit/db';
import { applyEffects, EMPTY_ACCOUNT } from '../effects';
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

/**
 * Every write of a placed order, decided from what the transaction read: the stock rows and
 * promotion uses as consumed, the order number's claim, the rebate spent (booked once per order,
 * as bookWallet books it), the account (credit held, rebate spent, one more order) and the order.
 */
function writesOf(p: Placement, doc: OrderDoc, consumed: Consumed, account: AccountDoc, claimed: boolean, bookSpend: boolean): Write[] {
  const { now, orderId, dealerId } = p;
  const { _id: _a, ...kept } = account as Stored<AccountDoc>;
  const rebate = bookSpend ? doc.rebateUsed : 0;
  const spend: WalletEntryDoc = { dealerId, type: 'order_spend', amount: -doc.rebateUsed, at: now, ref: doc.orderNo, note: '下单抵扣' };
  return [
    ...[...consumed.reserved].map(([id, reserved]): Write => ({ coll: 'stock', id, op: 'update', data: { reserved, updatedAt: now } })),
    ...[...consumed.uses].map(([id, u]): Write => ({ coll: 'promotion_usage', id, op: 'set', data: { dealerId, ruleId: u.ruleId, count: u.count, updatedAt: now } })),
    ...(claimed ? [] : [{ coll: 'order_numbers', id: doc.orderNo, op: 'set', data: { orderId, dealerId, at: now } } as Write]),
    ...(bookSpend ? [{ coll: 'wallet_entries', id: spendEntryId(orderId), op: 'set', data: spend } as Write] : []),
    {
      coll: 'accounts',
      id: dealerId,
      op: 'set',
      data: { ...kept, dealerId, rebateBalance: account.rebateBalance - rebate, creditReserved: account.creditReserved + doc.creditReserved, orderCount: (account.orderCount ?? p.priorOrders) + 1, updatedAt: now },
    },
    { coll: 'orders', id: orderId, op: 'set', data: doc },
  ];
}

/**
 * Act: the one writer of a submit. One transaction reads again, all at once, everything the
 * order takes (stock rows, promotion uses, the account, the rebate's wallet entry) with the order
 * key and the first order-number candidate; re-checks every limit on what it read (consumeLimits,
 * then the credit and approval decision again); and writes the lot in one round. A refusal rolls
 * it all back; a write conflict retries it whole (Db.transaction). Nothing is held outside it.
 */
export async function place(db: Db, p: Placement): Promise<PlaceResult | Refusal> {
  const { orderId, dealerId, takes, now } = p;
  const rowIds = [...new Set(takes.stock.map((s) => s.rowId))];
  const usageIds = [...new Set(takes.promotions.map((t) => t.usageId))];
  return db.transaction(async (tx: Tx): Promise<PlaceResult> => {
    const [again, rows, uses, firstNo, accountRead, spentBefore] = await Promise.all([
      tx.get<OrderDoc>('orders', orderId),
      Promise.all(rowIds.map((id) => tx.get<{ onHand: number; reserved: number }>('stock', id))),
      Promise.all(usageIds.map((id) => tx.get<{ count: number }>('promotion_usage', id))),
      tx.get<{ orderId: string }>('order_numbers', orderNoCandidate(orderId, now, 0)),
      tx.get<AccountDoc>('accounts', dealerId),
      takes.rebate > 0 ? tx.get<WalletEntryDoc>('wallet_entries', spendEntryId(orderId)) : null,
    ]);
    if (again) return { kind: 'replayed', order: again };
    const account = accountRead ?? EMPTY_ACCOUNT(dealerId, now);
    const consumed = consumeLimits(takes, {
      stock: new Map(rowIds.map((id, i) => [id, rows[i] ?? null])),
      uses: new Map(usageIds.map((id, i) => [id, uses[i]?.count ?? 0])),
      rebateBalance: account.rebateBalance,
    });
    if (consumed instanceof Refusal) return refuse(consumed.code, consumed.message, consumed.details);
    const { orderNo, claimed } = await pickOrderNo(tx, orderId, now, firstNo);
    const decision = p.decide(p.draft(orderNo), account);
    if (decision instanceof Refusal) return refuse(decision.code, decision.message, decision.details);
    const { id: _id, ...state } = decision.next;
    const doc: OrderDoc = { ...state, ...p.extras };
    const writes = writesOf(p, doc, consumed, account, claimed, doc.rebateUsed > 0 && !spentBefore);
    await Promise.all(writes.map((w) => (w.op === 'set' ? tx.set(w.coll, w.id, w.data) : tx.update(w.coll, w.id, w.data))));
    // Submit's own effects are notifications (sent after the commit); any other would be applied here.
    await applyEffects(tx, decision.effects.filter((e) => e.type !== 'notify'), now, { id: orderId, orderNo });
    return { kind: 'created', order: doc, effects: decision.effects };
  });
}
