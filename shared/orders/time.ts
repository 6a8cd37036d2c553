/**
 * Asia/Shanghai time without the machine's timezone: China has had no daylight saving since
 * 1991, so Shanghai is always UTC+8 and plain arithmetic on epoch ms is exact.
 */
export const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The instants [start, end) of a calendar month in Asia/Shanghai, month as 'YYYY-MM'. Null when malformed. */
export function shanghaiMonthRange(month: string): { start: number; end: number } | null {
  const m = MONTH.exec(month);
  if (!m) return null;
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  // Date.UTC reads its arguments as UTC (no local timezone) and rolls month 12 into January.
  return { start: Date.UTC(year, index, 1) - SHANGHAI_OFFSET_MS, end: Date.UTC(year, index + 1, 1) - SHANGHAI_OFFSET_MS };
}

/** An instant as Shanghai wall time: 'YYYY-MM-DD HH:mm:ss' (or only the date). */
export function formatShanghai(ms: number, part: 'date' | 'datetime' = 'datetime'): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  if (part === 'date') return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}
