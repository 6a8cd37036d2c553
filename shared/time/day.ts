import { DAY_MS, SHANGHAI_OFFSET_MS } from './units';

/** 00:00:00.000 in Shanghai of the day containing the instant. */
export function startOfShanghaiDay(at: number): number {
  return Math.floor((at + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** The end, exclusive, of the Shanghai day containing the instant: 00:00:00.000 of the next day. */
export function endOfShanghaiDay(at: number): number {
  return startOfShanghaiDay(at) + DAY_MS;
}

/** 00:00:00.000 in Shanghai of a 'YYYY-MM-DD' day, epoch ms (the day is not validated). */
export function shanghaiMidnightOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) - SHANGHAI_OFFSET_MS;
}
