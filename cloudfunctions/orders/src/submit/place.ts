import type { CollectionName } from '@shared/collections';
import type { WalletEntryDoc } from '@shared/documents';
import { Refusal } from '@shared/envelope';
import type { AccountDoc, OrderDoc } from '@shared/models';
import type { Order, OrderEffect, Placed, Takes } from '@shared/orders';
import { spendEntryId, takeCounters } from '@shared/orders';
import type { Db, Stored, Tx } from '../../../_kit/db';
import { refuse } from '../../../_kit/db';
import { isDuplicateKey } from '../../../_kit/sdk';
import { applyEffects } from '../../../_capabilities/order-effects';
import { emitOrderEvents } from '../../../_capabilities/order-events';
import { SUBMIT_DEADLINE_MS } from './holds';
import { orderNoCandidate, pickOrderNo } from './order-number';
import type { OrderExtras } from './steps';

/** One document write of a placement, as data. */
interface Write {
  coll: CollectionName;
  id: string;
  /** set: the whole document; add: inserted, failing when one is there already. */
  op: 'set' | 'add';
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
  /** The order's stock, held outside the transaction (submit/holds): true, or the refusal the hold gave. */
  held: Promise<true | Refusal>;
  /** The dealer's account as it was when held for this order (submit/holds holdAccount), or the refusal deciding on it gave. */
  account: Promise<AccountDoc | Refusal>;
}

export type PlaceResult = { kind: 'created'; order: OrderDoc; effects: OrderEffect[] } | { kind: 'replayed'; order: Stored<OrderDoc> };

/**
 * Every write of a placed order but its stock and account (both held outside: submit/holds),
 * decided from what the transaction read: the promotion uses as counted, the order number's
 * claim, the rebate spent's wallet entry (booked once per order, as bookWallet books it; the
 * balance was taken by the account hold) and the order.
 */
function writesOf(p: Placement, doc: OrderDoc, uses: Map<string, { ruleId: string; count: number }>, claimed: boolean, bookSpend: boolean): Write[] {
  const { now, orderId, dealerId } = p;
  const spend: WalletEntryDoc = { dealerId, type: 'order_spend', amount: -doc.rebateUsed, at: now, ref: doc.orderNo, note: '下单抵扣' };
  return [
    ...[...uses].map(([id, u]): Write => ({ coll: 'promotion_usage', id, op: 'set', data: { dealerId, ruleId: u.ruleId, count: u.count, updatedAt: now } })),
    ...(claimed ? [] : [{ coll: 'order_numbers', id: doc.orderNo, op: 'add', data: { orderId, dealerId, at: now } } as Write]),
    ...(bookSpend ? [{ coll: 'wallet_entries', id: spendEntryId(orderId), op: 'set', data: spend } as Write] : []),
    { coll: 'orders', id: orderId, op: 'add', data: doc },
  ];
}

/**
 * Act: the one writer of a submit, one transaction, sent beside the holds (submit/holds: each
 * stock row and the dealer's account taken by one atomic conditional update, the stock, credit
 * and rebate limits checked there, so no hot document is in the transaction). It waits for the
 * holds, re-checks the approval, promotion and rebate limits on what it read (decide,
 * takeCounters), and inserts the order and its number's claim beside the promotion uses and the
 * wallet entry. A refusal rolls it all back (the caller then releases the holds); a conflict
 * retries it whole (Db.transaction). A submit past SUBMIT_DEADLINE_MS refuses instead of
 * committing, so the holds' sweep, which waits HOLD_GRACE_MS, never releases the stock of an
 * order still to be committed.
 *
 * The first try reads neither the order nor its first number: the load found no order under this
 * id, a number is rarely taken, and both are inserted (add), so one that appeared meanwhile fails
 * the insert (duplicate key) or the commit (conflict) instead of being overwritten. Round trips in
 * sequence are what the dealer waits for (npm run bench -- orders: sequential_round_trips): the
 * usual transaction is its start, the writes and the commit. When an insert meets a document
 * (a twin's order committed, the number taken), the careful try reads them first: the twin's
 * order is answered as a replay, a taken number is stepped past (pickOrderNo).
 */
export async function place(db: Db, p: Placement): Promise<PlaceResult | Refusal> {
  const started = Date.now();
  const first = await db
    .transaction((tx) => placeIn(tx, p, started, false))
    .catch((e: unknown) => {
      if (isDuplicateKey(e)) return null;
      throw e;
    });
  return first ?? db.transaction((tx) => placeIn(tx, p, started, true));
}

/**
 * The refusal, unless this order was placed meanwhile by its twin (a double tap, a client's retry
 * that came after the load): the twin took the last units or the credit, and this request is the
 * same one, so it is answered with that order as a replay. Read only on the way to a refusal.
 */
async function refusedUnlessPlaced(tx: Tx, orderId: string, checked: boolean, r: Refusal): Promise<PlaceResult> {
  const twin = checked ? null : await tx.get('orders', orderId);
  if (twin) return { kind: 'replayed', order: twin };
  return refuse(r.code, r.message, r.details);
}

async function placeIn(tx: Tx, p: Placement, started: number, careful: boolean): Promise<PlaceResult> {
  const { orderId, takes, now } = p;
  const usageIds = [...new Set(takes.promotions.map((t) => t.usageId))];
  const [again, uses, firstNo, spentBefore] = await Promise.all([
    careful ? tx.get('orders', orderId) : null,
    Promise.all(usageIds.map((id) => tx.get('promotion_usage', id))),
    careful ? tx.get('order_numbers', orderNoCandidate(orderId, now, 0)) : null,
    takes.rebate > 0 ? tx.get('wallet_entries', spendEntryId(orderId)) : null,
  ]);
  if (again) return { kind: 'replayed', order: again };
  const refused = (r: Refusal) => refusedUnlessPlaced(tx, orderId, careful, r);
  const [held, account] = await Promise.all([p.held, p.account]);
  if (held instanceof Refusal) return refused(held);
  if (account instanceof Refusal) return refused(account);
  const counted = takeCounters(takes, new Map(usageIds.map((id, i) => [id, uses[i]?.count ?? 0])), account.rebateBalance);
  if (counted instanceof Refusal) return refused(counted);
  const { orderNo, claimed } = await pickOrderNo(tx, orderId, now, firstNo);
  const decision = p.decide(p.draft(orderNo), account);
  if (decision instanceof Refusal) return refused(decision);
  const { id: _id, ...state } = decision.next;
  const doc: OrderDoc = { ...state, ...p.extras };
  // Which limited promotions it used up, so closing it unshipped gives those uses back (state-machine.ts releases).
  if (usageIds.length > 0) doc.promotionUses = usageIds;
  const writes = writesOf(p, doc, counted, claimed, doc.rebateUsed > 0 && !spentBefore);
  if (Date.now() - started > SUBMIT_DEADLINE_MS) return refuse('CONFLICT', '下单超时，请重试', { reason: 'submit_deadline' });
  // The order.submitted event (the outbox, issue 15) goes beside the writes: no round trip added to the dealer's wait.
  await Promise.all([
    ...writes.map((w) => (w.op === 'set' ? tx.set(w.coll, w.id, w.data) : tx.add(w.coll, { ...w.data, _id: w.id }))),
    emitOrderEvents(tx, orderId, doc, 0, now),
  ]);
  // Submit's own effects are notifications (sent after the commit); any other would be applied here.
  await applyEffects(
    tx,
    decision.effects.filter((e) => e.type !== 'notify'),
    now,
    { id: orderId, orderNo },
  );
  return { kind: 'created', order: doc, effects: decision.effects };
}
