import type { AccountDoc } from '@shared/models';
import type { Db, Where } from './db';

/**
 * What a submit takes from the dealer's account — credit reserved, rebate spent, one more
 * order counted — held with one conditional atomic update, outside the submit transaction, like
 * the stock (_kit/stock-holds, which says why: an account every order of a dealer writes made
 * that dealer's parallel orders conflict with each other in the optimistic transaction).
 *
 * The update's filter is the condition under which the decision made on the account as read
 * still stands, checked by the database at the moment of the write (a single-document update is
 * atomic and re-checks its filter):
 * - receivable as read (it moves only on shipments and payments);
 * - credit: when the order fitted the headroom, reserved may have grown only so far that it
 *   still fits (the limit itself, not the value read, so parallel orders of one dealer do not
 *   fail each other while there is room); when it did not fit, it must still not fit (and stay
 *   within the tolerance when the overdraw was tolerated), so approval stays as decided;
 * - the order count on the same side of every "first N orders" approval rule;
 * - rebate: at least the amount spent.
 * When the filter no longer holds the caller reads the account again and decides again.
 * The note `holds.<token>` = { orderId, credit, rebate, at } lets a failed submit give the hold
 * back exactly once and a sweep recognise holds whose function died.
 */

export interface AccountTake {
  credit: number;
  rebate: number;
}

export interface AccountGuard {
  receivable: number;
  creditReservedAtMost?: number;
  creditReservedAbove?: number;
  orderCount?: { below: number } | { atLeast: number };
  rebateAtLeast?: number;
}

/**
 * Take `take` from the account if `guard` holds, noting it under `token`; false when it no
 * longer holds. `orderCount` is the count to write when the account has none yet (accounts from
 * before it was kept), else it is incremented.
 */
export async function holdAccount(db: Db, token: string, orderId: string, dealerId: string, take: AccountTake, guard: AccountGuard, acc: AccountDoc, priorOrders: number, now: number): Promise<boolean> {
  const _ = db.command;
  const where: Where = { _id: dealerId, receivable: guard.receivable };
  const credit: unknown[] = [];
  if (guard.creditReservedAtMost !== undefined) credit.push(_['lte']!(guard.creditReservedAtMost));
  if (guard.creditReservedAbove !== undefined) credit.push(_['gt']!(guard.creditReservedAbove));
  if (credit.length === 1) where['creditReserved'] = credit[0];
  if (credit.length === 2) where['creditReserved'] = _['and']!(...credit);
  if (guard.rebateAtLeast !== undefined && guard.rebateAtLeast > 0) where['rebateBalance'] = _['gte']!(guard.rebateAtLeast);
  const counted = acc.orderCount !== undefined;
  if (!counted) where['orderCount'] = _['exists']!(false);
  else if (guard.orderCount && 'below' in guard.orderCount) where['orderCount'] = _['lt']!(guard.orderCount.below);
  else if (guard.orderCount) where['orderCount'] = _['gte']!(guard.orderCount.atLeast);
  const updated = await db.updateWhere('accounts', where, {
    creditReserved: _['inc']!(take.credit),
    rebateBalance: _['inc']!(-take.rebate),
    orderCount: counted ? _['inc']!(1) : priorOrders + 1,
    [`holds.${token}`]: _['set']!({ orderId, credit: take.credit, rebate: take.rebate, at: now }),
    updatedAt: now,
  });
  return updated === 1;
}

/** Give a hold back (credit, rebate, the count), only while its note is there: twice is once. */
export async function releaseAccountHold(db: Db, token: string, dealerId: string, take: AccountTake, now: number): Promise<void> {
  const _ = db.command;
  await db.updateWhere(
    'accounts',
    { _id: dealerId, [`holds.${token}`]: _['exists']!(true) },
    { creditReserved: _['inc']!(-take.credit), rebateBalance: _['inc']!(take.rebate), orderCount: _['inc']!(-1), [`holds.${token}`]: _['remove']!(), updatedAt: now },
  );
}

/** The order now owns what was held: only the note goes. */
export async function settleAccountHold(db: Db, token: string, dealerId: string): Promise<void> {
  const _ = db.command;
  await db.updateWhere('accounts', { _id: dealerId, [`holds.${token}`]: _['exists']!(true) }, { [`holds.${token}`]: _['remove']!() });
}
