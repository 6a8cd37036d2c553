/**
 * Trends for the 洞察 pages, read from the stored monthly aggregates: per region, category or
 * SKU, the last 13 months of amount and quantity, and the chosen month against the month before
 * (环比) and the same month a year earlier (同比). Pure: the read actions load rows and call these.
 */
import { shiftMonthKey } from '../time/keys';
import type { MonthlySalesRow } from './sales';

type Row = Pick<MonthlySalesRow, 'month' | 'region' | 'categoryId' | 'sku' | 'dealerId' | 'qty' | 'amount'>;

export interface TrendLine {
  key: string;
  /** Fen per month of `months`, oldest first. */
  amounts: number[];
  qty: number[];
  /** The chosen month, the one before, the same month last year (fen). */
  amount: number;
  previous: number;
  lastYear: number;
  /** Relative change (0.12 = +12 %); null when there is nothing to compare with. */
  mom: number | null;
  yoy: number | null;
}

/** The 13 months ending with `month` (so its same month last year is the first), oldest first. */
export const trendMonths = (month: string) => Array.from({ length: 13 }, (_, i) => shiftMonthKey(month, i - 12));

const change = (now: number, before: number) => (before > 0 ? now / before - 1 : null);

/**
 * One line per key (`keyOf` a row) over the 13 months ending with `month`, the largest amount in
 * `month` first, and the total line of all rows. Rows outside the months are ignored.
 */
export function trendLines(rows: Iterable<Row>, month: string, keyOf: (r: Row) => string): { months: string[]; total: TrendLine; lines: TrendLine[] } {
  const months = trendMonths(month);
  const at = new Map(months.map((m, i) => [m, i]));
  const sums = new Map<string, { amounts: number[]; qty: number[] }>();
  const add = (key: string, i: number, r: Row) => {
    const s = sums.get(key) ?? sums.set(key, { amounts: new Array<number>(13).fill(0), qty: new Array<number>(13).fill(0) }).get(key)!;
    s.amounts[i]! += r.amount;
    s.qty[i]! += r.qty;
  };
  for (const r of rows) {
    const i = at.get(r.month);
    if (i === undefined) continue;
    add(keyOf(r), i, r);
    add('\u0000total', i, r);
  }
  const line = (key: string, s = sums.get(key) ?? { amounts: new Array<number>(13).fill(0), qty: new Array<number>(13).fill(0) }): TrendLine => {
    const [amount, previous, lastYear] = [s.amounts[12]!, s.amounts[11]!, s.amounts[0]!];
    return { key, amounts: s.amounts, qty: s.qty, amount, previous, lastYear, mom: change(amount, previous), yoy: change(amount, lastYear) };
  };
  const lines = [...sums.keys()].filter((k) => k !== '\u0000total').map((k) => line(k));
  lines.sort((a, b) => b.amount - a.amount || b.previous - a.previous || (a.key < b.key ? -1 : 1));
  return { months, total: line('\u0000total'), lines };
}

/** Monthly quantity series per key over `months` (zeros where nothing sold), for the forecasts. */
export function seriesBy(rows: Iterable<Row>, months: ReadonlyArray<string>, keyOf: (r: Row) => string): Map<string, number[]> {
  const at = new Map(months.map((m, i) => [m, i]));
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const i = at.get(r.month);
    if (i === undefined) continue;
    const key = keyOf(r);
    const s = out.get(key) ?? out.set(key, new Array<number>(months.length).fill(0)).get(key)!;
    s[i]! += r.qty;
  }
  return out;
}
