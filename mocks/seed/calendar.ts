/**
 * The beverage trade's seasons for the demo history, in Asia/Shanghai days: the stock-up before
 * 春节, the dead week of the holiday itself, the summer peak and the small 中秋/国庆 gift bump.
 * The date arithmetic itself is shared/time.
 */
import { DAY_MS, shanghaiMidnightOf, shanghaiParts } from '../../shared/time';

/** 春节 (lunar new year's day) by Gregorian year; enough years for any sensible reference date. */
const SPRING_FESTIVAL: Record<number, string> = {
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-03',
  2031: '2031-01-23',
};

/** 中秋节 by year: the gift season that runs into 国庆. */
const MID_AUTUMN: Record<number, string> = {
  2023: '2023-09-29',
  2024: '2024-09-17',
  2025: '2025-10-06',
  2026: '2026-09-25',
  2027: '2027-09-15',
  2028: '2028-10-03',
  2029: '2029-09-22',
  2030: '2030-09-12',
  2031: '2031-10-01',
};

function nearestDays(at: number, table: Record<number, string>): number {
  const { year } = shanghaiParts(at);
  let best = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    const date = table[y];
    if (!date) continue;
    const diff = (at - shanghaiMidnightOf(date)) / DAY_MS;
    if (Math.abs(diff) < Math.abs(best)) best = diff;
  }
  return best;
}

/** Signed days from the nearest 春节 (negative: before it). */
export function daysFromSpringFestival(at: number): number {
  return nearestDays(at, SPRING_FESTIVAL);
}

const bell = (x: number, sd: number) => Math.exp(-(x * x) / (2 * sd * sd));

/** How summery a day is, 0..1: peaks around 20 July. */
export function summerness(at: number): number {
  const { year } = shanghaiParts(at);
  const peak = shanghaiMidnightOf(`${year}-07-20`);
  return bell((at - peak) / DAY_MS, 38);
}

/** How much a day is in the stock-up before 春节, 0..1: peaks about 18 days before it. */
export function festivalStockUp(at: number): number {
  const d = daysFromSpringFestival(at);
  return Number.isFinite(d) ? bell(d + 18, 11) : 0;
}

/** The 中秋/国庆 gift season, 0..1. */
export function giftSeason(at: number): number {
  const d = nearestDays(at, MID_AUTUMN);
  return Number.isFinite(d) ? bell(d + 10, 8) : 0;
}

/**
 * Relative order activity of a day (about 1 = an ordinary weekday in spring): more before 春节
 * and in summer, almost nothing in the 春节 week, less in the 国庆 week and at weekends.
 */
export function activity(at: number): number {
  let w = 0.85 + 0.75 * summerness(at) + 0.9 * festivalStockUp(at) + 0.25 * giftSeason(at);
  const fromFestival = daysFromSpringFestival(at);
  if (fromFestival >= -2 && fromFestival <= 7) w *= 0.12;
  const { weekday, month, day } = shanghaiParts(at);
  // 国庆黄金周: shops sell from the stock they built up in September.
  if (month === 10 && day <= 7) w *= 0.5;
  if (weekday === 0) w *= 0.45;
  else if (weekday === 6) w *= 0.7;
  return w;
}
