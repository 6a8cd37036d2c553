import type { Metric, MetricScore, Rating } from './types';
import { RATINGS } from './types';

/**
 * What a dealer's month is scored from, all read from stored data: money in fen, counts plain.
 * `delivered*` are net delivered goods (the rebate month aggregates), `target` the month's
 * rebate target when one is set, `receivable` what the dealer owed at the end of the month.
 */
export interface MonthFacts {
  dealerId: string;
  delivered: number;
  /** The same month a year before; null when the dealer had no history then (growth is then measured on the previous month). */
  deliveredYearAgo: number | null;
  deliveredPrevMonth: number;
  target: number | null;
  receivable: number;
  /** Days in the month, for days of sales outstanding. */
  days: number;
  /** Weeks (1–5, from the 1st) with at least one order placed. */
  orderWeeks: number;
  orders: number;
  /** Campaign share codes the dealer's people made this month. */
  campaignCodes: number;
  /** WeCom customers the dealer's clerks added this month. */
  customersAdded: number;
}

/** Weights in basis points (sum 10,000): target attainment weighs most, then paying on time. */
export const WEIGHTS_BP: Record<Metric, number> = { attainment: 3000, growth: 1500, payment: 2000, regularity: 1500, campaigns: 1000, customers: 1000 };

/** Lowest weighted score of each rating (D below C's). */
export const RATING_FLOORS: Record<Exclude<Rating, 'D'>, number> = { A: 85, B: 70, C: 55 };

/**
 * Hysteresis: a dealer moves to another rating only when its score is this many points past the
 * boundary; within the margin it keeps last month's rating. A dealer scoring 69–71 month after
 * month (boundary 70) stays where it was instead of flapping between B and C.
 */
export const HYSTERESIS_POINTS = 3;

const clamp = (x: number): number => Math.max(0, Math.min(100, x));
const round1 = (x: number): number => Math.round(x * 10) / 10;
/** ¥12,345 (whole yuan, thousands grouped): a regex, not Intl, since a month formats tens of thousands of them. */
const yuan = (fen: number): string => `¥${String(Math.round(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;

/** Each measure scored 0–100 with its reason. Linear between the stated anchors. */
export function scoreMetrics(f: MonthFacts): MetricScore[] {
  const out: Array<Omit<MetricScore, 'weightBp'>> = [];
  if (f.target && f.target > 0) {
    const pct = (f.delivered / f.target) * 100;
    out.push({
      metric: 'attainment',
      value: round1(pct),
      score: round1(clamp(pct)),
      reason: `目标达成 ${round1(pct)}%（${yuan(f.delivered)} / ${yuan(f.target)}）`,
    });
  } else out.push({ metric: 'attainment', value: 0, score: 60, reason: '本月未设目标，按 60 分计' });
  const base = f.deliveredYearAgo ?? f.deliveredPrevMonth;
  const basis = f.deliveredYearAgo === null ? '环比上月' : '同比去年同月';
  const growth = base > 0 ? ((f.delivered - base) / base) * 100 : f.delivered > 0 ? 100 : 0;
  out.push({ metric: 'growth', value: round1(growth), score: round1(clamp(50 + growth)), reason: `${basis}增长 ${round1(growth)}%` });
  const daily = f.delivered / Math.max(1, f.days);
  const dso = f.receivable <= 0 ? 0 : daily > 0 ? f.receivable / daily : 999;
  out.push({
    metric: 'payment',
    value: round1(dso),
    score: round1(clamp(((90 - dso) / 60) * 100)),
    reason: `应收账款周转 ${Math.round(dso)} 天（30 天内满分，90 天以上 0 分）`,
  });
  out.push({
    metric: 'regularity',
    value: f.orderWeeks,
    score: round1(clamp((f.orderWeeks / 4) * 100)),
    reason: `${f.orderWeeks} 周有订货（共 ${f.orders} 单）`,
  });
  out.push({ metric: 'campaigns', value: f.campaignCodes, score: round1(clamp((f.campaignCodes / 3) * 100)), reason: `参与活动推广 ${f.campaignCodes} 次` });
  out.push({
    metric: 'customers',
    value: f.customersAdded,
    score: round1(clamp((f.customersAdded / 20) * 100)),
    reason: `新增企业微信客户 ${f.customersAdded} 位`,
  });
  return out.map((m) => ({ ...m, weightBp: WEIGHTS_BP[m.metric] }));
}

/** The weighted score, one decimal. */
export function weightedScore(metrics: readonly MetricScore[]): number {
  return round1(metrics.reduce((s, m) => s + m.score * m.weightBp, 0) / 10_000);
}

/** The rating a score alone gives. */
export function ratingOf(score: number): Rating {
  if (score >= RATING_FLOORS.A) return 'A';
  if (score >= RATING_FLOORS.B) return 'B';
  if (score >= RATING_FLOORS.C) return 'C';
  return 'D';
}

const rank = (r: Rating): number => RATINGS.indexOf(r);

/**
 * The rating after hysteresis: up only when the score minus the margin still earns the better
 * rating, down only when the score plus the margin still falls short; otherwise last month's.
 */
export function rateWithHysteresis(score: number, previous: Rating | null): Rating {
  const raw = ratingOf(score);
  if (previous === null || raw === previous) return raw;
  if (rank(raw) < rank(previous)) {
    const up = ratingOf(score - HYSTERESIS_POINTS);
    return rank(up) < rank(previous) ? up : previous;
  }
  const down = ratingOf(score + HYSTERESIS_POINTS);
  return rank(down) > rank(previous) ? down : previous;
}

/** The dealer level a rating points to: A, B, C; a D dealer stays at the lowest level, C (and is named in the reasons). */
export function levelForRating(rating: Rating): string {
  return rating === 'D' ? 'C' : rating;
}
