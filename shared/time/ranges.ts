import type { TimeRange } from './units';
import { SHANGHAI_OFFSET_MS } from './units';

/**
 * Calendar months, quarters and years in Shanghai as [start, end): from 00:00:00.000 on the
 * first day to 00:00:00.000 on the first day of the next one, so 23:59:59.999 on the last day
 * is inside and the next midnight is not.
 */

/** 00:00 in Shanghai on the first of a month; month0 is 0-based and rolls over years (12 is next January). */
export function shanghaiMonthStart(year: number, month0: number): number {
  // Date.UTC reads its arguments as UTC, never the machine's timezone.
  return Date.UTC(year, month0, 1) - SHANGHAI_OFFSET_MS;
}

/** A calendar month, month 1–12. */
export function shanghaiMonthSpan(year: number, month: number): TimeRange {
  return { start: shanghaiMonthStart(year, month - 1), end: shanghaiMonthStart(year, month) };
}

/** A calendar quarter, quarter 1–4. */
export function shanghaiQuarterSpan(year: number, quarter: number): TimeRange {
  return { start: shanghaiMonthStart(year, (quarter - 1) * 3), end: shanghaiMonthStart(year, quarter * 3) };
}

/** A calendar year. */
export function shanghaiYearSpan(year: number): TimeRange {
  return { start: shanghaiMonthStart(year, 0), end: shanghaiMonthStart(year + 1, 0) };
}

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month a 'YYYY-MM' key names, or null when the key is malformed ('2025-3', '2025-13'). */
export function shanghaiMonthRange(month: string): TimeRange | null {
  const m = MONTH_KEY.exec(month);
  if (!m) return null;
  return shanghaiMonthSpan(Number(m[1]), Number(m[2]));
}
