import { log } from '../../../_kit/log';
import type { Db } from '../../../_kit/db';
import type { AccountHoldEntry, HoldEntry } from '../submit/holds';
import { clearAccountEntry, clearEntries, HOLD_GRACE_MS, releaseAccountEntry, releaseEntry } from '../submit/holds';

interface Held<E> {
  holds?: Record<string, E | undefined>;
}

/** The entries of `docs` older than the grace. */
function staleOf<E extends { at: number }>(docs: ReadonlyArray<Held<E> & { _id: string }>, now: number): Array<{ id: string; key: string; e: E }> {
  return docs.flatMap((d) => Object.entries(d.holds ?? {}).flatMap(([key, e]) => (e && e.at <= now - HOLD_GRACE_MS ? [{ id: d._id, key, e }] : [])));
}

/**
 * Every minute: stock holds a submit left behind (submit/holds) — the function died between
 * taking them and committing or releasing them. Each entry older than HOLD_GRACE_MS is decided
 * by its order: the order exists → the entry is cleared and the reservation stays the order's;
 * it does not → the reservation is released. A submit past SUBMIT_DEADLINE_MS (half the grace)
 * never commits, so an order missing now never appears later. Both updates are conditional on
 * the entry still being the one read (its `by`), so a sweep racing a submit's own release, or
 * another sweep, changes nothing twice. The dealers' accounts are held the same way (credit,
 * rebate, one more order) and swept alike. Documents are found by their `holding` count (indexed).
 */
export async function releaseHolds(db: Db, now: number): Promise<{ released: number; cleared: number }> {
  const held = { holding: db.command['gt']!(0) };
  const [rows, accounts] = await Promise.all([
    db.find<Held<HoldEntry>>('stock', held, { limit: 200 }),
    db.find<Held<AccountHoldEntry>>('accounts', held, { limit: 200 }),
  ]);
  let released = 0;
  let cleared = 0;
  const placed = async (orderId: string) => (await db.getById('orders', orderId)) !== null;
  for (const { id, key, e } of staleOf(rows, now)) {
    if (await placed(e.orderId)) cleared += await clearEntries(db, [id], key, e.by);
    else released += await releaseEntry(db, id, key, e.qty, e.by, now);
  }
  for (const { id, key, e } of staleOf(accounts, now)) {
    if (await placed(e.orderId)) cleared += await clearAccountEntry(db, id, key, e.by);
    else released += await releaseAccountEntry(db, id, key, e, e.by, now);
  }
  if (released > 0) log.warn('holds of submits that never finished released', { released });
  return { released, cleared };
}
