import { createHash, randomUUID } from 'node:crypto';
import { Refusal } from '@shared/envelope';
import type { AccountDoc } from '@shared/models';
import type { Takes } from '@shared/orders';
import type { Db } from '../../../_kit/db';

/**
 * Stock held for an order being submitted, outside the submit transaction.
 *
 * Why: every order of a hot SKU wrote its stock row inside the optimistic submit transaction,
 * whose window spans several round trips, so parallel orders of one SKU made each other retry
 * whole (issue 13). Each row is now taken with ONE conditional single-document update, sent
 * beside the transaction's start:
 *   where({ _id, onHand: <as read>, reserved: _.lte(onHand − qty), 'holds.<key>': _.exists(false) })
 *     .update({ reserved: _.inc(qty), holding: _.inc(1), 'holds.<key>': _.set({ orderId, qty, at, by }) })
 * A single-document update is atomic and its filter is checked against the document as it is
 * when written (Command.inc: "原子操作 … 多个用户同时写，对数据库来说都是将字段自增，不会有后来者覆写
 * 前者的情况" — developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/database/command/Command.inc;
 * Command.exists / Command.lte / Command.remove: the same reference's query and update commands),
 * so parallel holds fail only when the stock is really gone: the limit is re-checked where it is
 * consumed. The key is derived from the order id (the caller's dealer + clientOrderId), so a
 * retry or a double tap finds the hold already there instead of taking twice; `by` names the
 * invocation that took it, the only one that may release it.
 *
 * A hold's fate: the order is committed → its entry is cleared, the reservation is the order's
 * (cancel / reject release it as before); the submit is refused or fails → the hold is released
 * (reserved back, entry removed, only while its entry is there: once); the function dies in
 * between → the entry stays with its time, and the releaseHolds timer (timers/release-holds)
 * clears or releases it after HOLD_GRACE_MS. A submit never commits after that grace (place).
 * `holding` counts a row's entries so the timer finds the rows to look at by an index.
 */

/** How long a hold may stay unsettled before the sweep decides its fate: far beyond any submit's run. */
export const HOLD_GRACE_MS = 2 * 60_000;

/** A submit that has run this long gives up before committing, so the sweep never races it. */
export const SUBMIT_DEADLINE_MS = HOLD_GRACE_MS / 2;

export interface HoldEntry {
  orderId: string;
  qty: number;
  at: number;
  by: string;
}

interface HeldRow {
  onHand: number;
  reserved: number;
  holds?: Record<string, HoldEntry>;
}

/** The hold's field name under `holds`: hex, no dot, from the order id. */
export function holdKey(orderId: string): string {
  return createHash('sha256').update(orderId).digest('hex').slice(0, 24);
}

export interface HoldLine {
  rowId: string;
  sku: string;
  qty: number;
}

/** The order's reservations summed by stock row (an item and its gift may share one). */
export function holdLinesOf(stock: Takes['stock']): HoldLine[] {
  const byRow = new Map<string, HoldLine>();
  for (const t of stock) {
    const line = byRow.get(t.rowId);
    if (line) line.qty += t.qty;
    else byRow.set(t.rowId, { rowId: t.rowId, sku: t.sku, qty: t.qty });
  }
  return [...byRow.values()];
}

/** One submit's holds: what it took, under which key, as whom. */
export class Holds {
  readonly key: string;
  readonly by = randomUUID();
  /** Rows this invocation holds (only these it may release). */
  readonly taken: HoldLine[] = [];
  /** The account this invocation holds, and what it took. */
  account: { dealerId: string; take: AccountTake } | null = null;

  constructor(
    private readonly db: Db,
    readonly orderId: string,
    readonly lines: readonly HoldLine[],
    readonly now: number,
  ) {
    this.key = holdKey(orderId);
  }

  /**
   * Hold every row, or none: in parallel (one round trip in the usual case). Refuses
   * OUT_OF_STOCK when a row is short, CONFLICT when another invocation of the same order holds
   * it (a double tap or a retry while the first still runs: the caller waits for that order).
   */
  async take(known: ReadonlyMap<string, { onHand: number; reserved: number }>): Promise<true | Refusal> {
    const outcomes = await Promise.all(this.lines.map((l) => this.row(l, known.get(l.rowId))));
    const refusal = outcomes.find((o): o is Refusal => o instanceof Refusal);
    if (!refusal) return true;
    await this.release();
    return refusal;
  }

  private async row(line: HoldLine, known: { onHand: number; reserved: number } | undefined): Promise<true | Refusal> {
    const _ = this.db.command;
    const field = `holds.${this.key}`;
    let row: HeldRow | null = known ?? (await this.db.getById<HeldRow>('stock', line.rowId));
    for (let i = 0; i < 4 && row; i++) {
      if (row.holds?.[this.key]) break;
      if (row.onHand - row.reserved < line.qty) break;
      const entry: HoldEntry = { orderId: this.orderId, qty: line.qty, at: this.now, by: this.by };
      const updated = await this.db.updateWhere(
        'stock',
        { _id: line.rowId, onHand: row.onHand, reserved: _['lte']!(row.onHand - line.qty), [field]: _['exists']!(false) },
        { reserved: _['inc']!(line.qty), holding: _['inc']!(1), [field]: _['set']!(entry), updatedAt: this.now },
      );
      if (updated === 1) {
        this.taken.push(line);
        return true;
      }
      row = await this.db.getById<HeldRow>('stock', line.rowId);
    }
    if (row?.holds?.[this.key]) {
      return new Refusal('CONFLICT', '这笔订单正在提交中，请稍后刷新订单列表', { reason: 'submit_in_progress' });
    }
    const available = row ? Math.max(0, row.onHand - row.reserved) : 0;
    return new Refusal('OUT_OF_STOCK', `库存刚刚被抢订：${line.sku} 可用 ${available}，请减少数量后重试`, {
      shortages: [{ sku: line.sku, requested: line.qty, available }],
    });
  }

  /** Give back what this invocation holds: each row only while its own entry is there (twice is once). */
  async release(): Promise<void> {
    const lines = this.taken.splice(0);
    const account = this.account;
    this.account = null;
    await Promise.all([
      ...lines.map((l) => releaseEntry(this.db, l.rowId, this.key, l.qty, this.by, Date.now())),
      account ? releaseAccountEntry(this.db, account.dealerId, this.key, account.take, this.by, Date.now()) : null,
    ]);
  }

  /**
   * The order now owns the reservation: only the entries go, the stock rows' in one request (an
   * update of several documents is atomic per document, which is all clearing needs).
   */
  async settle(): Promise<void> {
    const rows = this.taken.splice(0).map((l) => l.rowId);
    const account = this.account;
    this.account = null;
    await Promise.all([
      rows.length > 0 ? clearEntries(this.db, rows, this.key, this.by) : null,
      account ? clearAccountEntry(this.db, account.dealerId, this.key, this.by) : null,
    ]);
  }
}

/** Reserved back and the entry removed, if the entry is still the one `by` took. */
export async function releaseEntry(db: Db, rowId: string, key: string, qty: number, by: string, now: number): Promise<number> {
  const _ = db.command;
  return db.updateWhere(
    'stock',
    { _id: rowId, [`holds.${key}.by`]: by },
    { reserved: _['inc']!(-qty), holding: _['inc']!(-1), [`holds.${key}`]: _['remove']!(), updatedAt: now },
  );
}

/** The entry removed from each row, reserved kept (the order owns it), where the entry is still the one `by` took. */
export async function clearEntries(db: Db, rowIds: readonly string[], key: string, by: string): Promise<number> {
  const _ = db.command;
  const ids = rowIds.length === 1 ? rowIds[0] : _['in']!([...rowIds]);
  return db.updateWhere('stock', { _id: ids, [`holds.${key}.by`]: by }, { holding: _['inc']!(-1), [`holds.${key}`]: _['remove']!() });
}

/** What a submit takes from the dealer's account: credit reserved, rebate spent (and one more order). */
export interface AccountTake {
  credit: number;
  rebate: number;
}

export interface AccountHoldEntry extends AccountTake {
  orderId: string;
  at: number;
  by: string;
}

/** What the submission decision depends on beyond the account (shared/orders/placement). */
export interface AccountPolicy {
  creditLimit: number;
  approvalRules: ReadonlyArray<{ code: string; args: unknown }>;
}

/**
 * The filter under which the decision made on `acc` still stands, checked by the database as it
 * writes — the limits consumed, not the values read, so parallel orders of one dealer do not
 * fail each other while there is room:
 * - receivable as read (it moves only on shipments and payments);
 * - credit: when the order fitted the headroom (limit − receivable − reserved ≥ payable),
 *   reserved may have grown only so far that it still fits — then no credit check or
 *   credit_overdraw rule decides differently; when it did not, reserved exactly as read (the
 *   approval's reasons quote the headroom);
 * - the order count on the same side of every "first N orders" rule's bar (absent stays absent);
 * - rebate balance at least what is spent.
 */
function accountFilter(db: Db, acc: AccountDoc, payable: number, take: AccountTake, policy: AccountPolicy): Record<string, unknown> {
  const _ = db.command;
  const fitsUpTo = policy.creditLimit - acc.receivable - payable;
  const where: Record<string, unknown> = {
    _id: acc.dealerId,
    receivable: acc.receivable,
    creditReserved: acc.creditReserved <= fitsUpTo ? _['lte']!(fitsUpTo) : acc.creditReserved,
  };
  if (take.rebate > 0) where['rebateBalance'] = _['gte']!(take.rebate);
  if (acc.orderCount === undefined) where['orderCount'] = _['exists']!(false);
  else {
    const count = acc.orderCount;
    const bars = policy.approvalRules.flatMap((r) => {
      const n = r.code === 'first_orders_of_new_dealer' ? (r.args as { firstOrders?: unknown } | undefined)?.firstOrders : undefined;
      return typeof n === 'number' ? [n] : [];
    });
    const above = bars.filter((n) => n > count);
    const below = bars.filter((n) => n <= count);
    const bounds = [...(above.length ? [_['lt']!(Math.min(...above))] : []), ...(below.length ? [_['gte']!(Math.max(...below))] : [])];
    where['orderCount'] = bounds.length === 2 ? _['and']!(...bounds) : (bounds[0] ?? _['exists']!(true));
  }
  return where;
}

/**
 * Hold the account for this order: one conditional update (accountFilter) that takes the credit
 * and rebate and counts one more order, noting `holds.<key>`; false when the filter no longer
 * holds (the caller reads the account again and decides again) or this order's entry is there.
 */
export async function holdAccount(
  db: Db,
  holds: Holds,
  acc: AccountDoc,
  payable: number,
  take: AccountTake,
  policy: AccountPolicy,
  priorOrders: number,
): Promise<boolean> {
  const _ = db.command;
  const field = `holds.${holds.key}`;
  const entry: AccountHoldEntry = { orderId: holds.orderId, ...take, at: holds.now, by: holds.by };
  const updated = await db.updateWhere(
    'accounts',
    { ...accountFilter(db, acc, payable, take, policy), [field]: _['exists']!(false) },
    {
      creditReserved: _['inc']!(take.credit),
      rebateBalance: _['inc']!(-take.rebate),
      orderCount: acc.orderCount !== undefined ? _['inc']!(1) : priorOrders + 1,
      holding: _['inc']!(1),
      [field]: _['set']!(entry),
      updatedAt: holds.now,
    },
  );
  if (updated === 1) holds.account = { dealerId: acc.dealerId, take };
  return updated === 1;
}

/** Credit, rebate and the count given back and the entry removed, if the entry is still the one `by` took. */
export async function releaseAccountEntry(db: Db, dealerId: string, key: string, take: AccountTake, by: string, now: number): Promise<number> {
  const _ = db.command;
  return db.updateWhere(
    'accounts',
    { _id: dealerId, [`holds.${key}.by`]: by },
    {
      creditReserved: _['inc']!(-take.credit),
      rebateBalance: _['inc']!(take.rebate),
      orderCount: _['inc']!(-1),
      holding: _['inc']!(-1),
      [`holds.${key}`]: _['remove']!(),
      updatedAt: now,
    },
  );
}

/** The account entry removed (the order owns what it took), if it is still the one `by` took. */
export async function clearAccountEntry(db: Db, dealerId: string, key: string, by: string): Promise<number> {
  const _ = db.command;
  return db.updateWhere('accounts', { _id: dealerId, [`holds.${key}.by`]: by }, { holding: _['inc']!(-1), [`holds.${key}`]: _['remove']!() });
}
