/**
 * Time in Asia/Shanghai, the one home for it: lengths of time, the calendar fields of an
 * instant, day boundaries, month/quarter/year ranges, wall-time formatting, date keys, and the
 * schema of an instant (epoch ms).
 *
 * Shanghai is UTC+8 all year (no daylight saving since 1991), so all of it is arithmetic on
 * epoch ms through Date.UTC and getUTC*: the machine's timezone never enters. Nothing here reads
 * the clock; every function takes the instant it is about.
 */
export { DAY_MS, HOUR_MS, MINUTE_MS, SHANGHAI_OFFSET_MS } from './units';
export type { TimeRange } from './units';
export { shanghaiParts } from './parts';
export type { ShanghaiParts } from './parts';
export { endOfShanghaiDay, shanghaiMidnightOf, startOfShanghaiDay } from './day';
export { shanghaiMonthRange, shanghaiMonthSpan, shanghaiMonthStart, shanghaiQuarterSpan, shanghaiYearSpan } from './ranges';
export { formatShanghai, formatShanghaiMinute } from './format';
export { shanghaiDayKey, shanghaiMonthKey, shiftMonthKey } from './keys';
export { instantSchema } from './schema';
