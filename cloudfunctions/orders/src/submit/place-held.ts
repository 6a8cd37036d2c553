import { Refusal } from '@shared/envelope';
import { takeCounters } from '@shared/orders';
import type { AccountDoc, OrderDoc } from '@shared/models';
import type { Db, Stored } from '../../../_kit/db';
import { EMPTY_ACCOUNT } from '../../../_capabilities/order-effects';
import type { AccountPolicy } from './holds';
import { holdAccount, Holds, holdLinesOf } from './holds';
import type { PlaceResult, Placement } from './place';
import { place } from './place';

/** Waits for a twin's order (a double tap, a retry while the first still runs): tries, ms apart. */
const TWIN_WAITS = 20;
const TWIN_WAIT_MS = 50;

async function twinOrder(db: Db, orderId: string): Promise<Stored<OrderDoc> | null> {
  for (let i = 0; i < TWIN_WAITS; i++) {
    await new Promise((r) => setTimeout(r, TWIN_WAIT_MS));
    const order = await db.getById('orders', orderId);
    if (order) return order;
  }
  return null;
}

/** Holds of the account before giving up: each miss means the account moved, and it is read again. */
const ACCOUNT_TRIES = 8;

/** The dealer's account, made when there is none yet (a first order), in a transaction so that two first orders make it once. */
async function accountOf(db: Db, dealerId: string, now: number): Promise<AccountDoc> {
  const made = await db.transaction(async (tx) => {
    const there = await tx.get('accounts', dealerId);
    if (there) return there;
    const fresh = EMPTY_ACCOUNT(dealerId, now);
    await tx.set('accounts', dealerId, fresh);
    return fresh;
  });
  if (made instanceof Refusal) throw new Error(`account ${dealerId} could not be made`);
  return made;
}

/**
 * The account held for this order: decided on as read (the credit, approval and rebate checks),
 * then taken by holdAccount, whose filter pins what the decision was made on; on a miss read and
 * decided again. Answers the account as it was when held, or the refusal the decision gave.
 */
async function accountHeld(
  db: Db,
  holds: Holds,
  p: Omit<Placement, 'held' | 'account'>,
  known: AccountDoc | null,
  policy: AccountPolicy,
): Promise<AccountDoc | Refusal> {
  let acc = known ?? (await accountOf(db, p.dealerId, p.now));
  for (let i = 0; i < ACCOUNT_TRIES; i++) {
    if ((acc as { holds?: Record<string, unknown> }).holds?.[holds.key]) {
      return new Refusal('CONFLICT', '这笔订单正在提交中，请稍后刷新订单列表', { reason: 'submit_in_progress' });
    }
    const decision = p.decide(p.draft('SO-CHECK'), acc);
    if (decision instanceof Refusal) return decision;
    const counted = takeCounters({ promotions: [], rebate: p.takes.rebate }, new Map(), acc.rebateBalance);
    if (counted instanceof Refusal) return counted;
    const take = { credit: decision.next.creditReserved, rebate: p.takes.rebate };
    if (await holdAccount(db, holds, acc, decision.next.payable, take, policy, p.priorOrders)) return acc;
    await new Promise((r) => setTimeout(r, Math.random() * 5 * 2 ** i));
    acc = (await db.getById('accounts', p.dealerId)) ?? (await accountOf(db, p.dealerId, p.now));
  }
  throw new Error(`account ${p.dealerId} kept changing under ${ACCOUNT_TRIES} holds`);
}

/** Tries at holding when another invocation of the same order holds part of its stock. */
const HOLD_TRIES = 4;

/**
 * place() with the order's stock held outside its transaction (submit/holds): the holds go out
 * beside the transaction's start; a refused, replayed or failed placement releases them, a
 * created one clears their entries (`settled`, awaited by the caller beside its notifications).
 * When another invocation of the same order (a double tap, a client's retry) holds the stock,
 * this one lets go, waits a random moment and looks for that order: there, it is answered as a
 * replay; not there, it tries again (the two may each have taken some rows and let go). Only
 * one of them ever holds a row; after HOLD_TRIES it waits for the order a while longer, and
 * refuses CONFLICT if it never comes (the holds' sweep frees what a dead twin held).
 */
export async function placeHeld(
  db: Db,
  p: Omit<Placement, 'held' | 'account'>,
  known: ReadonlyMap<string, { onHand: number; reserved: number }>,
  acc: AccountDoc | null,
  policy: AccountPolicy,
): Promise<{ saved: PlaceResult | Refusal; settled: Promise<void> }> {
  for (let i = 0; ; i++) {
    const out = await placeOnce(db, p, i === 0 ? known : new Map(), i === 0 ? acc : null, policy);
    const busy = out.saved instanceof Refusal && out.saved.details?.['reason'] === 'submit_in_progress';
    if (!busy) return out;
    if (i + 1 >= HOLD_TRIES) {
      const order = await twinOrder(db, p.orderId);
      return { saved: order ? { kind: 'replayed', order } : out.saved, settled: Promise.resolve() };
    }
    await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (i + 1)));
    const order = await db.getById('orders', p.orderId);
    if (order) return { saved: { kind: 'replayed', order }, settled: Promise.resolve() };
  }
}

async function placeOnce(
  db: Db,
  p: Omit<Placement, 'held' | 'account'>,
  known: ReadonlyMap<string, { onHand: number; reserved: number }>,
  acc: AccountDoc | null,
  policy: AccountPolicy,
): Promise<{ saved: PlaceResult | Refusal; settled: Promise<void> }> {
  const holds = new Holds(db, p.orderId, holdLinesOf(p.takes.stock), p.now);
  const held = holds.take(known);
  const account = accountHeld(db, holds, p, acc, policy);
  const settle = () => Promise.all([held.catch(() => null), account.catch(() => null)]);
  const saved = await place(db, { ...p, held, account }).catch(async (e: unknown) => {
    await settle();
    await holds.release();
    throw e;
  });
  await settle();
  if (!(saved instanceof Refusal) && saved.kind === 'created') return { saved, settled: holds.settle() };
  await holds.release();
  return { saved, settled: Promise.resolve() };
}
