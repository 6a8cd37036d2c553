import {
  DAY_MS,
  endOfShanghaiDay,
  formatShanghai,
  formatShanghaiMinute,
  instantSchema,
  shanghaiDayKey,
  shanghaiMidnightOf,
  shanghaiMonthKey,
  shanghaiMonthRange,
  shanghaiMonthSpan,
  shanghaiParts,
  shanghaiQuarterSpan,
  shanghaiYearSpan,
  shiftMonthKey,
  startOfShanghaiDay,
} from '../../shared/time';

/** Epoch ms of a Shanghai wall time, read from an ISO string with its +08:00 offset (independent of shared/time). */
const sh = (wall: string): number => Date.parse(`${wall}+08:00`);

/** The last and first instants around a Shanghai midnight. */
const lastMs = (day: string) => sh(`${day}T23:59:59.999`);
const midnight = (day: string) => sh(`${day}T00:00:00.000`);

describe('Shanghai time (shared/time)', () => {
  test('23:59:59.999 on the last day of a month is still that month; 00:00 on the first of the next is the next', () => {
    expect(shanghaiMonthKey(lastMs('2025-02-28'))).toBe('2025-02');
    expect(shanghaiMonthKey(midnight('2025-03-01'))).toBe('2025-03');
    const feb = shanghaiMonthRange('2025-02')!;
    expect(feb).toEqual({ start: midnight('2025-02-01'), end: midnight('2025-03-01') });
    expect(lastMs('2025-02-28')).toBeLessThan(feb.end);
    expect(midnight('2025-03-01')).toBe(feb.end);
  });

  test('a leap February ends after the 29th', () => {
    expect(shanghaiMonthSpan(2024, 2)).toEqual({ start: midnight('2024-02-01'), end: midnight('2024-03-01') });
    expect(shanghaiMonthKey(lastMs('2024-02-29'))).toBe('2024-02');
  });

  test('a quarter runs from 00:00 on its first day to 00:00 on the first day of the next, so 23:59:59.999 on 31 March is in Q1', () => {
    const q1 = shanghaiQuarterSpan(2027, 1);
    expect(q1).toEqual({ start: midnight('2027-01-01'), end: midnight('2027-04-01') });
    expect(lastMs('2027-03-31')).toBeLessThan(q1.end);
    expect(shanghaiQuarterSpan(2027, 2).start).toBe(midnight('2027-04-01'));
    expect(shanghaiQuarterSpan(2026, 4)).toEqual({ start: midnight('2026-10-01'), end: midnight('2027-01-01') });
  });

  test('a year ends at 00:00 on 1 January: 23:59:59.999 on 31 December is still the old year', () => {
    const y2026 = shanghaiYearSpan(2026);
    expect(y2026).toEqual({ start: midnight('2026-01-01'), end: midnight('2027-01-01') });
    expect(lastMs('2026-12-31')).toBe(y2026.end - 1);
    expect(shanghaiParts(lastMs('2026-12-31'))).toMatchObject({ year: 2026, month: 12, day: 31, hour: 23, minute: 59, second: 59 });
    expect(shanghaiParts(midnight('2027-01-01'))).toMatchObject({ year: 2027, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
  });

  test('a UTC instant still on the previous day in UTC is already the next day in Shanghai', () => {
    // 2026-12-31 16:00 UTC is 2027-01-01 00:00 in Shanghai: a new day, month, quarter and year.
    const at = Date.UTC(2026, 11, 31, 16, 0, 0, 0);
    expect(new Date(at).getUTCDate()).toBe(31);
    expect(shanghaiDayKey(at)).toBe('20270101');
    expect(shanghaiMonthKey(at)).toBe('2027-01');
    expect(formatShanghai(at)).toBe('2027-01-01 00:00:00');
    expect(startOfShanghaiDay(at)).toBe(at);
    // One ms earlier it is still the old year in Shanghai.
    expect(shanghaiDayKey(at - 1)).toBe('20261231');
    expect(formatShanghai(at - 1)).toBe('2026-12-31 23:59:59');
  });

  test('a Shanghai day runs from its 00:00 to the next 00:00, whatever the instant in it', () => {
    const noon = sh('2025-03-15T12:34:56.789');
    expect(startOfShanghaiDay(noon)).toBe(midnight('2025-03-15'));
    expect(endOfShanghaiDay(noon)).toBe(midnight('2025-03-16'));
    expect(startOfShanghaiDay(lastMs('2025-03-15'))).toBe(midnight('2025-03-15'));
    expect(endOfShanghaiDay(midnight('2025-03-15'))).toBe(midnight('2025-03-15') + DAY_MS);
    expect(shanghaiMidnightOf('2025-03-15')).toBe(midnight('2025-03-15'));
  });

  test('the boundaries are plain UTC+8 arithmetic: 2025-01-01 00:00 in Shanghai is 2024-12-31 16:00 UTC', () => {
    expect(shanghaiYearSpan(2025).start).toBe(1_735_660_800_000);
    expect(shanghaiMidnightOf('2025-01-01')).toBe(Date.UTC(2024, 11, 31, 16));
  });

  test('formats wall time as YYYY-MM-DD HH:mm:ss, to the minute, or the date alone', () => {
    const at = sh('2025-03-01T09:05:07.500');
    expect(formatShanghai(at)).toBe('2025-03-01 09:05:07');
    expect(formatShanghaiMinute(at)).toBe('2025-03-01 09:05');
    expect(formatShanghai(at, 'date')).toBe('2025-03-01');
    expect(formatShanghaiMinute(lastMs('2025-03-31'))).toBe('2025-03-31 23:59');
  });

  test('a malformed month key names no range', () => {
    for (const bad of ['2025-3', '2025-13', '2025-00', '25-03', '2025-Q1', '']) expect(shanghaiMonthRange(bad)).toBeNull();
  });

  test('month keys shift across year ends both ways', () => {
    expect(shiftMonthKey('2025-01', -1)).toBe('2024-12');
    expect(shiftMonthKey('2024-12', 1)).toBe('2025-01');
    expect(shiftMonthKey('2025-03', -15)).toBe('2023-12');
    expect(shiftMonthKey('2025-03', 0)).toBe('2025-03');
  });
});

describe('the instant schema (shared/time, the one home of epoch-ms validation)', () => {
  test('an instant is a whole number of ms from 1970 up to the last instant a Date can hold', () => {
    expect(instantSchema.safeParse(0).success).toBe(true);
    expect(instantSchema.safeParse(8_640_000_000_000_000).success).toBe(true);
    expect(Number.isNaN(new Date(8_640_000_000_000_000).getTime())).toBe(false);
  });

  test('a negative, fractional or undatable instant is refused', () => {
    expect(instantSchema.safeParse(-1).success).toBe(false);
    expect(instantSchema.safeParse(1.5).success).toBe(false);
    expect(instantSchema.safeParse(8_640_000_000_000_001).success).toBe(false);
    expect(instantSchema.safeParse('2026-01-01').success).toBe(false);
  });

  test('pricing rules, rebate policies and deliveries all use it, so one of them cannot accept an instant the others refuse', async () => {
    const { ruleBaseShape } = await import('../../shared/pricing/rule-kit');
    const { policyBaseShape } = await import('../../shared/rebates/kit');
    const { deliverySchema } = await import('../../shared/rebates/facts');
    expect(ruleBaseShape.validFrom.unwrap().unwrap()).toBe(instantSchema);
    expect(policyBaseShape.validTo.unwrap().unwrap()).toBe(instantSchema);
    expect(deliverySchema.shape.at).toBe(instantSchema);
  });
});
