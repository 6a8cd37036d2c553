import { pad2, shanghaiParts } from './parts';

/** The Shanghai calendar day of an instant as 'YYYYMMDD' (the key of daily counters, the date in an order number). */
export function shanghaiDayKey(ms: number): string {
  const p = shanghaiParts(ms);
  return `${p.year}${pad2(p.month)}${pad2(p.day)}`;
}

/** The Shanghai calendar month of an instant as 'YYYY-MM'. */
export function shanghaiMonthKey(ms: number): string {
  const p = shanghaiParts(ms);
  return `${p.year}-${pad2(p.month)}`;
}

/** A 'YYYY-MM' month key moved by `by` months: ('2025-01', -1) -> '2024-12'. */
export function shiftMonthKey(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${pad2((index % 12) + 1)}`;
}
