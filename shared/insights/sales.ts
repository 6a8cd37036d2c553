/**
 * Sales facts the insight models read: one row per order line that counts as demand (open,
 * shipped, delivered or completed orders; cancelled and rejected ones never do), and the
 * incremental monthly and weekly aggregates by region × category × SKU × dealer built from them,
 * net of returns. Pure: the nightly job loads a day's orders and returns and saves what `mergeDay` returns.
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

/** What one aggregate row counts, for one period × region × category × SKU × dealer. */
interface SalesFacts {
  region: string;
  categoryId: string;
  sku: string;
  dealerId: string;
  /** Units ordered, net of the units that came back. */
  qty: number;
  /** Fen, net of what returns took back. */
  amount: number;
  /** Units and fen returned (already taken off qty and amount). */
  returnedQty: number;
  returnedAmount: number;
  /** Order ids counted, so merging the same day twice counts nothing twice. */
  orderIds: string[];
  /** Return ids counted, likewise. */
  returnIds: string[];
}

/** One monthly row: `_id` = month|region|category|sku|dealer, so a re-run of a day overwrites, never adds twice. */
export interface MonthlySalesRow extends SalesFacts {
  _id: string;
  month: string;
}

/** One weekly row: `_id` = week|region|category|sku|dealer, week = the Monday it starts on ('YYYY-MM-DD', Asia/Shanghai). */
export interface WeeklySalesRow extends SalesFacts {
  _id: string;
  week: string;
}

/** The Monday ('YYYY-MM-DD', Asia/Shanghai) of the week an instant falls in. */
export function weekOf(at: number): string {
  const local = at + SHANGHAI_MS;
  const dayIndex = Math.floor(local / DAY_MS);
  // 1970-01-01 was a Thursday: (dayIndex + 3) % 7 is days since Monday.
  return new Date((dayIndex - ((dayIndex + 3) % 7)) * DAY_MS).toISOString().slice(0, 10);
}

/** A recorded return as the aggregates read it (a `returns` document), with the order it came back from. */
export interface SalesReturn {
  _id: string;
  lines: ReadonlyArray<{ sku: string; qty: number; amount: number }>;
  order: Pick<SalesOrder, '_id' | 'dealerId' | 'dealerRegion' | 'createdAt' | 'lines'>;
}

type Period = 'month' | 'week';
type RowOf<P extends Period> = P extends 'month' ? MonthlySalesRow : WeeklySalesRow;

/** The period key of an instant. */
export const periodOf = (period: Period, at: number) => (period === 'month' ? monthOf(at) : weekOf(at));

/** The row ids a day's orders and returns touch (to load just those rows before merging). */
export function touchedPeriods(period: Period, orders: ReadonlyArray<Pick<SalesOrder, 'createdAt'>>, returns: ReadonlyArray<SalesReturn> = []): string[] {
  return [...new Set([...orders.map((o) => o.createdAt), ...returns.map((r) => r.order.createdAt)].map((at) => periodOf(period, at)))];
}

/**
 * Merges one day's orders and returns into the rows they touch (incremental: only those rows are
 * returned, to be saved over the stored ones), by month (default) or by week. A return is taken
 * off the period its order was placed in: the demand that period really had. An order or return
 * already counted in a row is skipped, so the same day merged twice changes nothing.
 */
export function mergeDay<P extends Period = 'month'>(
  existing: ReadonlyMap<string, RowOf<P>>,
  orders: ReadonlyArray<SalesOrder>,
  returns: ReadonlyArray<SalesReturn> = [],
  period: P = 'month' as P,
): Array<RowOf<P>> {
  const touched = new Map<string, RowOf<P>>();
  const rowFor = (o: Pick<SalesOrder, 'createdAt' | 'dealerRegion' | 'dealerId'>, categoryId: string, sku: string): RowOf<P> => {
    const key = periodOf(period, o.createdAt);
    const id = [key, o.dealerRegion, categoryId, sku, o.dealerId].join('|');
    const own = touched.get(id);
    if (own) return own;
    const stored = existing.get(id);
    // Rows stored before returns were counted lack their fields: they start at none returned.
    const row = stored
      ? {
          ...stored,
          returnedQty: stored.returnedQty ?? 0,
          returnedAmount: stored.returnedAmount ?? 0,
          orderIds: [...stored.orderIds],
          returnIds: [...(stored.returnIds ?? [])],
        }
      : {
          _id: id,
          [period]: key,
          region: o.dealerRegion,
          categoryId,
          sku,
          dealerId: o.dealerId,
          qty: 0,
          amount: 0,
          returnedQty: 0,
          returnedAmount: 0,
          orderIds: [],
          returnIds: [],
        };
    return row as RowOf<P>;
  };
  // Only rows something new was counted in are returned (and saved).
  const keep = (row: RowOf<P>) => touched.set(row._id, row);
  for (const o of orders) {
    if (!countsAsDemand(o)) continue;
    for (const line of o.lines) {
      if (line.kind !== 'item') continue;
      const row = rowFor(o, line.categoryId, line.sku);
      if (row.orderIds.includes(o._id)) continue;
      row.qty += line.qty;
      row.amount += line.payable;
      row.orderIds.push(o._id);
      keep(row);
    }
  }
  for (const r of returns) {
    for (const l of r.lines) {
      const line = r.order.lines.find((x) => x.sku === l.sku && x.kind === 'item');
      if (!line) continue;
      const row = rowFor(r.order, line.categoryId, l.sku);
      if (row.returnIds.includes(r._id)) continue;
      row.qty -= l.qty;
      row.amount -= l.amount;
      row.returnedQty += l.qty;
      row.returnedAmount += l.amount;
      row.returnIds.push(r._id);
      keep(row);
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
