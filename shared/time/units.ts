/**
 * Lengths of time in ms, and Shanghai's offset from UTC. China has had no daylight saving since
 * 1991, so Asia/Shanghai is UTC+8 all year and plain arithmetic on epoch ms is exact: nothing
 * in shared/time reads the machine's timezone (or the clock).
 */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** An interval of instants [start, end), epoch ms: start inclusive, end exclusive. */
export interface TimeRange {
  start: number;
  end: number;
}
