import { randomBytes } from 'node:crypto';
import type { Db } from './db';

/**
 * Stock held for an order being submitted, taken row by row with the database's single-document
 * atomic update instead of inside the submit transaction.
 *
 * Why: a hot SKU's stock row is written by every order that buys it. The cloud database's
 * transactions are optimistic on the documents they touch (CloudBase runs MongoDB
 * transactions: a document another transaction wrote after this one's snapshot is a write
 * conflict, and runTransaction re-runs the whole callback, "只有事务冲突时会重试", by default 3
 * times — developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/Database.runTransaction.html).
 * A submit transaction stays open for at least three network hops (reads, writes, commit), so
 * at a few hundred orders a second over twenty hot SKUs most of them lost and were retried
 * whole, and under load some ran out of attempts (INTERNAL). A conditional update has no such
 * window: `where({ _id, onHand, reserved: ≤ onHand − qty }).update({ reserved: inc(qty) })` is
 * checked and applied in one step on the server — a write in MongoDB is atomic on one document,
 * and each update re-checks its filter against the document as it is then
 * (mongodb.com/docs/manual/core/write-operations-atomicity; Command.inc: "多个用户同时写 … 不会有后来者覆写前者的情况").
 * Parallel holds on one row therefore never conflict; they only fail when the stock is really
 * gone, which is the limit check itself, made where the stock is consumed.
 *
 * Each hold is written on the row beside the increment, `holds.<token>` = { orderId, qty, at },
 * the token being this invocation's own random id (no caller can steer it, and a double tap's
 * twin holds under its own token). Its fate:
 * - the order is inserted (the submit transaction records the token on the order): the hold
 *   is settled — the note removed, the reservation now the order's (released by cancel/reject);
 * - the submit is refused or fails: the hold is released — reserved back, note removed — only
 *   while the note is still there, so a release never runs twice;
 * - the function dies in between: the note stays, with its time. A timer sweep that settles
 *   such notes (an order carrying the token exists) or releases them (none does) once they are
 *   older than any function may run is still to be written; until then such a hold keeps its
 *   units reserved — never oversold, possibly undersold.
 */

export interface HoldLine {
  stockId: string;
  sku: string;
  qty: number;
}

export interface HoldRow {
  onHand: number;
  reserved: number;
}

export interface HoldNote {
  orderId: string;
  qty: number;
  at: number;
}

export type HoldOutcome = { ok: true } | { ok: false; shortage: { sku: string; requested: number; available: number } };

/** A fresh hold token: 24 hex digits, no dot (it is a field name under `holds`). */
export function newHoldToken(): string {
  return randomBytes(12).toString('hex');
}

/** Attempts per row when its on-hand count moved (a stock sync) between the read and the hold. */
const ON_HAND_ATTEMPTS = 4;

async function holdRow(db: Db, token: string, orderId: string, line: HoldLine, known: HoldRow | undefined, now: number): Promise<HoldOutcome> {
  const _ = db.command;
  let row = known ?? (await db.getById<HoldRow>('stock', line.stockId));
  for (let i = 0; i < ON_HAND_ATTEMPTS && row; i++) {
    if (row.onHand - row.reserved < line.qty) break;
    const note: HoldNote = { orderId, qty: line.qty, at: now };
    const updated = await db.updateWhere(
      'stock',
      // On hand pinned as read, reserved bounded by it: "onHand − reserved ≥ qty" at the moment of the write.
      { _id: line.stockId, onHand: row.onHand, reserved: _['lte']!(row.onHand - line.qty) },
      { reserved: _['inc']!(line.qty), [`holds.${token}`]: _['set']!(note), updatedAt: now },
    );
    if (updated === 1) return { ok: true };
    row = await db.getById<HoldRow>('stock', line.stockId);
  }
  return { ok: false, shortage: { sku: line.sku, requested: line.qty, available: row ? Math.max(0, row.onHand - row.reserved) : 0 } };
}

/**
 * Hold every line's stock, or none: rows are held in parallel (one round trip), and when one is
 * short the others are released again. `known` is the rows as read before (their on-hand and
 * reserved counts), so the usual case costs no read. Lines naming one row must come summed.
 */
export async function holdStock(db: Db, token: string, orderId: string, lines: readonly HoldLine[], known: ReadonlyMap<string, HoldRow>, now: number): Promise<HoldOutcome> {
  const outcomes = await Promise.all(lines.map((l) => holdRow(db, token, orderId, l, known.get(l.stockId), now)));
  const short = outcomes.find((o): o is Extract<HoldOutcome, { ok: false }> => !o.ok);
  if (!short) return { ok: true };
  await releaseHolds(db, token, lines.filter((_l, i) => outcomes[i]!.ok), now);
  return short;
}

/** Give held stock back: each row only while its note is there, so twice is once. */
export async function releaseHolds(db: Db, token: string, lines: readonly HoldLine[], now: number): Promise<void> {
  const _ = db.command;
  await Promise.all(
    lines.map((l) =>
      db.updateWhere('stock', { _id: l.stockId, [`holds.${token}`]: _['exists']!(true) }, { reserved: _['inc']!(-l.qty), [`holds.${token}`]: _['remove']!(), updatedAt: now }),
    ),
  );
}

/** The order now owns the reservation: only the notes go. */
export async function settleHolds(db: Db, token: string, lines: readonly HoldLine[]): Promise<void> {
  const _ = db.command;
  await Promise.all(lines.map((l) => db.updateWhere('stock', { _id: l.stockId, [`holds.${token}`]: _['exists']!(true) }, { [`holds.${token}`]: _['remove']!() })));
}

/** Sum the allocation's reservations by stock row (an item and its gift may share one). */
export function holdLinesOf(reservations: ReadonlyArray<{ warehouseId: string; sku: string; qty: number }>): HoldLine[] {
  const byRow = new Map<string, HoldLine>();
  for (const r of reservations) {
    const stockId = `stock-${r.warehouseId}-${r.sku}`;
    const line = byRow.get(stockId);
    if (line) line.qty += r.qty;
    else byRow.set(stockId, { stockId, sku: r.sku, qty: r.qty });
  }
  return [...byRow.values()];
}
