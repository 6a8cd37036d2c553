/**
 * Sales facts the insight models read: one row per order line that counts as demand (open,
 * shipped, delivered or completed orders; cancelled and rejected ones never do), and the
 * incremental monthly aggregates by region × category × SKU × dealer built from them.
 * Pure: the nightly job loads a day's orders and saves what `mergeDay` returns.
 */
import type { OrderDoc } from '../models';

const SHANGHAI_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The order fields the models use (a stored order has them all). */
export type SalesOrder = Pick<OrderDoc, 'orderNo' | 'dealerId' | 'dealerName' | 'dealerRegion' | 'status' | 'createdAt' | 'payable'> & {
  _id: string;
  lines: ReadonlyArray<Pick<OrderDoc['lines'][number], 'sku' | 'name' | 'categoryId' | 'kind' | 'qty' | 'payable'>>;
};

export const countsAsDemand = (o: Pick<SalesOrder, 'status'>) => o.status !== 'cancelled' && o.status !== 'rejected';

/** 'YYYY-MM' of an instant in Asia/Shanghai (no DST there, so a fixed offset is exact). */
export const monthOf = (at: number) => new Date(at + SHANGHAI_MS).toISOString().slice(0, 7);
/** 'YYYY-MM-DD' in Asia/Shanghai. */
export const dayOf = (at: number) => new Date(at + SHANGHAI_MS).toISOString().slice(0, 10);
/** Months from `from` to `to` inclusive, both 'YYYY-MM'. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= to) break;
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
export const daysBetween = (a: number, b: number) => Math.floor((b - a) / DAY_MS);

/** One aggregate row: `_id` = month|region|category|sku|dealer, so a re-run of a day overwrites, never adds twice. */
export interface MonthlySalesRow {
  _id: string;
  month: string;
  region: string;
  categoryId: string;
  sku: string;
  dealerId: string;
  qty: number;
  /** Fen. */
  amount: number;
  /** Order ids counted, so merging the same day twice counts nothing twice. */
  orderIds: string[];
}

/**
 * Merges one day's orders into the monthly rows they touch (incremental: only those rows are
 * returned, to be saved over the stored ones). An order already in a row's orderIds is skipped.
 */
export function mergeDay(existing: ReadonlyMap<string, MonthlySalesRow>, orders: ReadonlyArray<SalesOrder>): MonthlySalesRow[] {
  const touched = new Map<string, MonthlySalesRow>();
  for (const o of orders) {
    if (!countsAsDemand(o)) continue;
    const month = monthOf(o.createdAt);
    for (const line of o.lines) {
      if (line.kind !== 'item') continue;
      const id = [month, o.dealerRegion, line.categoryId, line.sku, o.dealerId].join('|');
      const stored = touched.get(id) ?? existing.get(id);
      const row = stored
        ? { ...stored, orderIds: [...stored.orderIds] }
        : { _id: id, month, region: o.dealerRegion, categoryId: line.categoryId, sku: line.sku, dealerId: o.dealerId, qty: 0, amount: 0, orderIds: [] };
      if (row.orderIds.includes(o._id)) continue;
      row.qty += line.qty;
      row.amount += line.payable;
      row.orderIds.push(o._id);
      touched.set(id, row);
    }
  }
  return [...touched.values()];
}

/** A monthly series (qty) over `months` for rows matching `pick`, zeros where nothing sold. */
export function monthlySeries(rows: Iterable<MonthlySalesRow>, months: ReadonlyArray<string>, pick: (r: MonthlySalesRow) => boolean): number[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const out = new Array<number>(months.length).fill(0);
  for (const r of rows) {
    const i = index.get(r.month);
    if (i !== undefined && pick(r)) out[i] = out[i]! + r.qty;
  }
  return out;
}
