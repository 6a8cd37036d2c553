/**
 * Rebate periods in Asia/Shanghai: a month 'YYYY-MM', a quarter 'YYYY-Qn' or a year 'YYYY'.
 *
 * A period is the instants [start, end): from 00:00:00.000 Shanghai time on its first day to
 * 00:00:00.000 on the first day of the next period, so 23:59:59.999 on the last day is inside
 * and 00:00:00.000 on the next first day is not. Shanghai is always UTC+8 (no daylight saving
 * since 1991), so everything here is arithmetic on epoch ms (shared/time): the machine's
 * timezone never enters.
 */
import type { TimeRange } from '../time';
import { DAY_MS, endOfShanghaiDay, shanghaiMonthSpan, shanghaiParts, shanghaiQuarterSpan, shanghaiYearSpan } from '../time';

export const PERIOD_KINDS = ['month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  key: string;
  kind: PeriodKind;
  year: number;
  /** 1–12 for a month, 1–4 for a quarter, 1 for a year. */
  index: number;
  /** First instant, inclusive (epoch ms). */
  start: number;
  /** First instant of the next period, exclusive (epoch ms). */
  end: number;
}

/** An interval of instants [start, end), epoch ms. */
export type Range = TimeRange;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})-Q([1-4])$/;
const YEAR = /^(\d{4})$/;

function build(kind: PeriodKind, year: number, index: number): Period {
  const pad2 = (n: number) => String(n).padStart(2, '0');
  const y = String(year).padStart(4, '0');
  switch (kind) {
    case 'month':
      return { key: `${y}-${pad2(index)}`, kind, year, index, ...shanghaiMonthSpan(year, index) };
    case 'quarter':
      return { key: `${y}-Q${index}`, kind, year, index, ...shanghaiQuarterSpan(year, index) };
    case 'year':
      return { key: y, kind, year, index: 1, ...shanghaiYearSpan(year) };
  }
}

/** Years a key may name: Date.UTC reads 0–99 as 1900–1999, and instants here are never before 1970. */
const MIN_YEAR = 1970;

/** The period a key names, or null when the key is malformed ('2024-3', '2024-Q5', '24', '1969'). */
export function parsePeriod(key: string): Period | null {
  const m = MONTH.exec(key) ?? QUARTER.exec(key) ?? YEAR.exec(key);
  if (!m || Number(m[1]) < MIN_YEAR) return null;
  const year = Number(m[1]);
  if (MONTH.test(key)) return build('month', year, Number(m[2]));
  if (QUARTER.test(key)) return build('quarter', year, Number(m[2]));
  return build('year', year, 1);
}

/** Like parsePeriod, for keys that were validated at the edge: a malformed key here is a bug. */
export function periodOrThrow(key: string): Period {
  const p = parsePeriod(key);
  if (!p) throw new RangeError(`period: malformed period key ${JSON.stringify(key)} (expected YYYY-MM, YYYY-Qn or YYYY)`);
  return p;
}

/** The period of the given kind that contains the instant. */
export function periodAt(kind: PeriodKind, at: number): Period {
  if (!Number.isSafeInteger(at)) throw new RangeError(`period: instant must be integer epoch ms, got ${at}`);
  const { year, month } = shanghaiParts(at);
  return build(kind, year, kind === 'month' ? month : kind === 'quarter' ? Math.ceil(month / 3) : 1);
}

/** The key of the period of the given kind that contains the instant: periodKey('quarter', t) -> '2024-Q1'. */
export function periodKey(kind: PeriodKind, at: number): string {
  return periodAt(kind, at).key;
}

/** The keys of the month, quarter and year an instant falls in (what a delivery accrues to). */
export function periodKeysAt(at: number): Record<PeriodKind, string> {
  return { month: periodKey('month', at), quarter: periodKey('quarter', at), year: periodKey('year', at) };
}

/** [start, end) of a period key. */
export function periodRange(key: string): Range {
  const { start, end } = periodOrThrow(key);
  return { start, end };
}

/** The same period one year earlier: '2024-03' -> '2023-03', '2024-Q1' -> '2023-Q1', '2024' -> '2023'. */
export function samePeriodLastYear(key: string): string {
  const p = periodOrThrow(key);
  return build(p.kind, p.year - 1, p.index).key;
}

/** The period right after: '2024-12' -> '2025-01', '2024-Q4' -> '2025-Q1', '2024' -> '2025'. */
export function nextPeriod(key: string): string {
  const p = periodOrThrow(key);
  return periodAt(p.kind, p.end).key;
}

/** Whether the instant lies in [start, end). */
export function contains(range: Range, at: number): boolean {
  return at >= range.start && at < range.end;
}

/** The overlap of two ranges, or null when they do not overlap. */
export function intersect(a: Range, b: Range): Range | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start < end ? { start, end } : null;
}

/**
 * How much of a range has gone by at `now`, for projections at the current run rate. The day
 * in progress counts as gone by (the run rate is measured per Shanghai calendar day, never per
 * fraction of a day, so the first hours of a month do not project wildly): at 2024-03-16 10:00
 * 16 of March's 31 days have elapsed. Before the range nothing has elapsed; from its end on,
 * all of it. `elapsed` and `length` are ms; for a calendar period both are whole days.
 */
export function elapsedOf(range: Range, now: number): { elapsed: number; length: number } {
  const length = range.end - range.start;
  if (now < range.start) return { elapsed: 0, length };
  const dayEnd = endOfShanghaiDay(now);
  return { elapsed: Math.min(dayEnd, range.end) - range.start, length };
}

/** elapsedOf for a period key, with whole days: { elapsedDays: 16, totalDays: 31 }. */
export function elapsedFraction(key: string, now: number): { elapsedDays: number; totalDays: number; elapsed: number; length: number } {
  const e = elapsedOf(periodRange(key), now);
  return { ...e, elapsedDays: e.elapsed / DAY_MS, totalDays: e.length / DAY_MS };
}

const RELATIVE: Record<PeriodKind, string> = { month: '本月', quarter: '本季度', year: '本年度' };

/**
 * How a period reads in a sentence: '本季度' while `now` is inside it, else '2024年3月',
 * '2024年第1季度', '2024年'.
 */
export function periodLabel(key: string, now?: number): string {
  const p = periodOrThrow(key);
  if (now !== undefined && now >= p.start && now < p.end) return RELATIVE[p.kind];
  switch (p.kind) {
    case 'month':
      return `${p.year}年${p.index}月`;
    case 'quarter':
      return `${p.year}年第${p.index}季度`;
    case 'year':
      return `${p.year}年`;
  }
}
