import {
  elapsedFraction,
  nextPeriod,
  parsePeriod,
  periodAt,
  periodKey,
  periodKeysAt,
  periodLabel,
  periodRange,
  samePeriodLastYear,
} from '../../../shared/rebates';
import { sh } from './fixtures';

describe('Asia/Shanghai rebate periods', () => {
  test('a month, a quarter and a year run from 00:00:00.000 on their first day to 00:00:00.000 on the next first day', () => {
    expect(periodRange('2025-03')).toEqual({ start: sh(2025, 3, 1), end: sh(2025, 4, 1) });
    expect(periodRange('2025-Q1')).toEqual({ start: sh(2025, 1, 1), end: sh(2025, 4, 1) });
    expect(periodRange('2024-Q4')).toEqual({ start: sh(2024, 10, 1), end: sh(2025, 1, 1) });
    expect(periodRange('2024')).toEqual({ start: sh(2024, 1, 1), end: sh(2025, 1, 1) });
  });

  test('the boundaries are plain UTC+8 arithmetic, whatever the machine’s timezone', () => {
    // 2025-01-01 00:00 Shanghai = 2024-12-31 16:00 UTC.
    expect(periodRange('2025').start).toBe(1_735_660_800_000);
    expect(periodRange('2025-03').start).toBe(1_740_758_400_000);
  });

  test('23:59:59.999 on the last day belongs to the period; 00:00:00.000 on the next first day to the next one', () => {
    expect(periodKey('month', sh(2025, 3, 31, 23, 59, 59, 999))).toBe('2025-03');
    expect(periodKey('month', sh(2025, 4, 1, 0, 0, 0, 0))).toBe('2025-04');
    expect(periodKey('quarter', sh(2025, 3, 31, 23, 59, 59, 999))).toBe('2025-Q1');
    expect(periodKey('quarter', sh(2025, 4, 1))).toBe('2025-Q2');
    expect(periodKey('year', sh(2024, 12, 31, 23, 59, 59, 999))).toBe('2024');
    expect(periodKey('year', sh(2025, 1, 1))).toBe('2025');
  });

  test('an instant that is still the previous day in UTC is already the next month in Shanghai', () => {
    // 2025-03-31T16:00:00Z is 2025-04-01 00:00 in Shanghai.
    expect(periodKeysAt(Date.UTC(2025, 2, 31, 16))).toEqual({ month: '2025-04', quarter: '2025-Q2', year: '2025' });
    expect(periodKeysAt(Date.UTC(2025, 2, 31, 15, 59, 59, 999))).toEqual({ month: '2025-03', quarter: '2025-Q1', year: '2025' });
  });

  test('the same period last year and the next period', () => {
    expect(samePeriodLastYear('2024-02')).toBe('2023-02');
    expect(samePeriodLastYear('2025-Q1')).toBe('2024-Q1');
    expect(samePeriodLastYear('2025')).toBe('2024');
    expect(nextPeriod('2024-12')).toBe('2025-01');
    expect(nextPeriod('2024-Q4')).toBe('2025-Q1');
    expect(nextPeriod('2024')).toBe('2025');
  });

  test('February of a leap year has 29 days, and a leap year 366', () => {
    expect(elapsedFraction('2024-02', sh(2024, 3, 1)).totalDays).toBe(29);
    expect(elapsedFraction('2023-02', sh(2023, 3, 1)).totalDays).toBe(28);
    expect(elapsedFraction('2024', sh(2025, 1, 1)).totalDays).toBe(366);
  });

  test('elapsed days count the Shanghai day in progress as elapsed', () => {
    expect(elapsedFraction('2025-03', sh(2025, 2, 28, 23, 59, 59, 999))).toMatchObject({ elapsedDays: 0, totalDays: 31 });
    expect(elapsedFraction('2025-03', sh(2025, 3, 1, 0, 0, 0))).toMatchObject({ elapsedDays: 1, totalDays: 31 });
    expect(elapsedFraction('2025-03', sh(2025, 3, 16, 10))).toMatchObject({ elapsedDays: 16 });
    expect(elapsedFraction('2025-03', sh(2025, 3, 31, 23, 59, 59, 999))).toMatchObject({ elapsedDays: 31 });
    expect(elapsedFraction('2025-03', sh(2025, 6, 1))).toMatchObject({ elapsedDays: 31 });
  });

  test('malformed keys are refused', () => {
    for (const bad of ['2025-3', '2025-13', '2025-Q5', '2025-Q0', '25', '2025-03-01', '1969', '0099-01', '']) {
      expect(parsePeriod(bad)).toBeNull();
      expect(() => periodRange(bad)).toThrow(RangeError);
    }
  });

  test('periodAt returns the key, kind and index of the period containing an instant', () => {
    expect(periodAt('quarter', sh(2025, 8, 15))).toMatchObject({ key: '2025-Q3', kind: 'quarter', year: 2025, index: 3 });
  });

  test('labels read 本月/本季度/本年度 while the period runs and the calendar name otherwise', () => {
    expect(periodLabel('2025-03', sh(2025, 3, 10))).toBe('本月');
    expect(periodLabel('2025-Q1', sh(2025, 3, 10))).toBe('本季度');
    expect(periodLabel('2025', sh(2025, 3, 10))).toBe('本年度');
    expect(periodLabel('2025-03', sh(2025, 4, 1))).toBe('2025年3月');
    expect(periodLabel('2025-Q1')).toBe('2025年第1季度');
    expect(periodLabel('2025')).toBe('2025年');
  });
});
