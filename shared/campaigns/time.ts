import { DAY_MS, SHANGHAI_OFFSET_MS } from '../orders/time';

/** The Asia/Shanghai calendar day of an instant as `YYYYMMDD` (the key of daily counters). */
export function shanghaiDayKey(ms: number): string {
  const d = new Date(ms + SHANGHAI_OFFSET_MS);
  return `${d.getUTCFullYear()}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Midnight in Shanghai of a `YYYY-MM-DD` day, epoch ms. */
export function shanghaiMidnightOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS;
}

/** The instants [startAt, endAt) of a campaign period of Shanghai days, both days included. */
export function periodRange(period: { from: string; to: string }): { startAt: number; endAt: number } {
  return { startAt: shanghaiMidnightOf(period.from), endAt: shanghaiMidnightOf(period.to) + DAY_MS };
}
