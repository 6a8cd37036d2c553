/**
 * Dealer health, 0–100, from the dealer's own ordering (recency against its rhythm, frequency and
 * amount trends) and, when given, payment timeliness, campaign participation and WeCom customers
 * added. Each factor scores 0–1; the reasons are the factors furthest from healthy, in words with
 * the numbers. Flags: churn risk (low score or a silence far past the usual gap) and growth room
 * (orders regularly but buys well under its region-and-level peers' median, or is growing). The
 * flags' thresholds are fitted on the history (`fitHealthThresholds`, `npm run insights -- fit-health`),
 * never set by hand on the dates they are judged on.
 */
import { type SalesOrder, countsAsDemand } from './sales';

const DAY_MS = 86_400_000;

export interface DealerSignals {
  /** Days the oldest unpaid receivable is past due (0: on time). */
  overdueDays?: number;
  /** Campaigns joined in the last 90 days, and campaigns offered to it. */
  campaignsJoined?: number;
  campaignsOffered?: number;
  /** WeCom customers its staff added in the last 90 days. */
  wecomCustomersAdded?: number;
}

export interface HealthFactor {
  factor: 'recency' | 'frequency' | 'monetary' | 'payment' | 'campaigns' | 'wecom';
  score: number;
  weight: number;
  reason: string;
}

export interface DealerHealth {
  dealerId: string;
  dealerName: string;
  region: string;
  level: string;
  score: number;
  churnRisk: boolean;
  growthRoom: boolean;
  /** The factors furthest from healthy first. */
  reasons: HealthFactor[];
  /** Amount ordered in the last 90 days, fen. */
  recentAmount: number;
}

/** Where the flags switch on: fitted by `fitHealthThresholds` on origins the back-test does not judge. */
export interface HealthThresholds {
  /** Churn risk below this score (0–100)… */
  churnScore: number;
  /** …or when silent for more than this many of its usual gaps between orders. */
  churnSilence: number;
  /** Growth room: ordering regularly and buying under this share of its peers' median… */
  growthShare: number;
  /** …or its amount (net of the region's season) up by more than this share. */
  growthTrend: number;
}

/**
 * The thresholds the stored health uses: the last line of `npm run insights -- fit-health`, fitted on
 * other generated histories than the demo's (scripts/insights/health-backtest.ts), copied here. The
 * insights bench fits again and prints whether the fit still gives these. Infinity: the fit turned
 * that rule off (growth is then "buys under its peers' median while ordering regularly").
 */
export const HEALTH_THRESHOLDS: HealthThresholds = { churnScore: 30, churnSilence: 3.5, growthShare: 1, growthTrend: Infinity };

/** What the flags are decided from, per dealer, beside its health. */
export interface HealthFeatures {
  health: Omit<DealerHealth, 'churnRisk' | 'growthRoom'>;
  /** Days silent over its usual gap between orders. */
  silenceRatio: number;
  /** Recent amount over its region-and-level peers' median (Infinity when the median is 0). */
  peerShare: number;
  amountTrend: number;
  /** Ordered at least twice in the last 90 days and is not silent past twice its gap. */
  regular: boolean;
}

const flagsOf = (f: HealthFeatures, t: HealthThresholds) => ({
  churnRisk: f.health.score < t.churnScore || f.silenceRatio > t.churnSilence,
  growthRoom: f.regular && (f.peerShare < t.growthShare || f.amountTrend > t.growthTrend),
});

const clamp = (x: number) => Math.max(0, Math.min(1, x));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : 0;
};
const pct = (x: number) => `${x >= 0 ? '+' : ''}${Math.round(x * 100)}%`;

/** Scores every dealer with orders before `asOf` (orders after it are ignored). */
export function dealerHealth(
  orders: ReadonlyArray<SalesOrder>,
  dealers: ReadonlyArray<{ _id: string; name: string; region: string; level: string }>,
  asOf: number,
  signals: ReadonlyMap<string, DealerSignals> = new Map(),
  thresholds: HealthThresholds = HEALTH_THRESHOLDS,
): DealerHealth[] {
  return healthFeatures(orders, dealers, asOf, signals).map((f) => ({ ...f.health, ...flagsOf(f, thresholds) }));
}

function healthFeatures(
  orders: ReadonlyArray<SalesOrder>,
  dealers: ReadonlyArray<{ _id: string; name: string; region: string; level: string }>,
  asOf: number,
  signals: ReadonlyMap<string, DealerSignals>,
): HealthFeatures[] {
  const window = 90 * DAY_MS;
  const byDealer = new Map<string, SalesOrder[]>();
  for (const o of orders) if (countsAsDemand(o) && o.createdAt < asOf) (byDealer.get(o.dealerId) ?? byDealer.set(o.dealerId, []).get(o.dealerId)!).push(o);
  const rows = dealers.flatMap((d) => {
    const list = (byDealer.get(d._id) ?? []).sort((a, b) => a.createdAt - b.createdAt);
    if (!list.length) return [];
    const recent = list.filter((o) => o.createdAt >= asOf - window);
    const before = list.filter((o) => o.createdAt >= asOf - 2 * window && o.createdAt < asOf - window);
    const sum = (xs: SalesOrder[]) => xs.reduce((s, o) => s + o.payable, 0);
    // The mean gap over the last year, not the median: orders come at random, so half the gaps are
    // shorter than 0.7 of the mean and a silence of 1.5 median gaps happens to a third of healthy dealers.
    const year = list.filter((o) => o.createdAt >= asOf - 365 * DAY_MS);
    const gap = Math.max(1, year.length > 1 ? (year.at(-1)!.createdAt - year[0]!.createdAt) / DAY_MS / (year.length - 1) : 30);
    const silent = (asOf - list.at(-1)!.createdAt) / DAY_MS;
    return [{ d, list, recent, before, recentAmount: sum(recent), beforeAmount: sum(before), gap, silent }];
  });
  // The region's own movement between the two windows, so a season is not read as a dealer's trend.
  const regionTrend = new Map<string, { recent: number; before: number; recentAmount: number; beforeAmount: number }>();
  for (const r of rows) {
    const t = regionTrend.get(r.d.region) ?? { recent: 0, before: 0, recentAmount: 0, beforeAmount: 0 };
    regionTrend.set(r.d.region, {
      recent: t.recent + r.recent.length,
      before: t.before + r.before.length,
      recentAmount: t.recentAmount + r.recentAmount,
      beforeAmount: t.beforeAmount + r.beforeAmount,
    });
  }
  const peers = new Map<string, number[]>();
  for (const r of rows)
    (peers.get(`${r.d.region}|${r.d.level}`) ?? peers.set(`${r.d.region}|${r.d.level}`, []).get(`${r.d.region}|${r.d.level}`)!).push(r.recentAmount);
  return rows.map(({ d, recent, before, recentAmount, beforeAmount, gap, silent }) => {
    const s = signals.get(d._id) ?? {};
    const t = regionTrend.get(d.region)!;
    const season = t.before ? t.recent / t.before : 1;
    const seasonAmount = t.beforeAmount ? t.recentAmount / t.beforeAmount : 1;
    const frequencyTrend = before.length && season ? recent.length / before.length / season - 1 : 0;
    const amountTrend = beforeAmount && seasonAmount ? recentAmount / beforeAmount / seasonAmount - 1 : 0;
    const factors: HealthFactor[] = [
      {
        factor: 'recency',
        weight: 0.3,
        score: clamp(1 - (silent / gap - 1) / 3),
        reason: `距上次下单 ${Math.round(silent)} 天，平时约每 ${Math.round(gap)} 天一单`,
      },
      {
        factor: 'frequency',
        weight: 0.2,
        score: clamp(0.5 + frequencyTrend),
        reason: `近 90 天 ${recent.length} 单，前 90 天 ${before.length} 单（扣除本区季节变化 ${pct(frequencyTrend)}）`,
      },
      { factor: 'monetary', weight: 0.2, score: clamp(0.5 + amountTrend), reason: `近 90 天进货额较前 90 天（扣除本区季节变化）${pct(amountTrend)}` },
    ];
    if (s.overdueDays !== undefined)
      factors.push({
        factor: 'payment',
        weight: 0.15,
        score: clamp(1 - s.overdueDays / 60),
        reason: s.overdueDays ? `应收款逾期 ${s.overdueDays} 天` : '回款准时',
      });
    if (s.campaignsOffered)
      factors.push({
        factor: 'campaigns',
        weight: 0.1,
        score: clamp((s.campaignsJoined ?? 0) / s.campaignsOffered),
        reason: `参与活动 ${s.campaignsJoined ?? 0}/${s.campaignsOffered} 个`,
      });
    if (s.wecomCustomersAdded !== undefined)
      factors.push({ factor: 'wecom', weight: 0.05, score: clamp(s.wecomCustomersAdded / 20), reason: `近 90 天企业微信新增客户 ${s.wecomCustomersAdded} 位` });
    const weight = factors.reduce((a, f) => a + f.weight, 0);
    const score = Math.round((100 * factors.reduce((a, f) => a + f.weight * f.score, 0)) / weight);
    const peerMedian = median(peers.get(`${d.region}|${d.level}`) ?? []);
    return {
      health: {
        dealerId: d._id,
        dealerName: d.name,
        region: d.region,
        level: d.level,
        score,
        reasons: [...factors].sort((a, b) => a.score - b.score),
        recentAmount,
      },
      silenceRatio: silent / gap,
      peerShare: peerMedian > 0 ? recentAmount / peerMedian : Infinity,
      amountTrend,
      regular: silent <= 2 * gap && recent.length >= 2,
    };
  });
}

/** A dealer scored as of a past day, with what it did in the days after. */
export interface HealthCase {
  features: HealthFeatures;
  churned: boolean;
  grew: boolean;
}

/**
 * Score as of `asOf`, then look at the following `days`. Only dealers that ordered in the 90 days
 * before are judged (a dealer already gone can no longer churn, nor grow from nothing). A dealer
 * churned when it ordered under a third of what its last 90 days' rate gives; it grew when its
 * amount rose by 30 % more than its region's dealers' did together (summer lifts everyone: the
 * season is not the dealer's growth).
 */
export function healthCases(
  orders: ReadonlyArray<SalesOrder>,
  dealers: ReadonlyArray<{ _id: string; name: string; region: string; level: string }>,
  asOf: number,
  days = 90,
  signals: ReadonlyMap<string, DealerSignals> = new Map(),
): HealthCase[] {
  const scored = healthFeatures(orders, dealers, asOf, signals).filter((f) => f.health.recentAmount > 0);
  const after = new Map<string, number>();
  for (const o of orders)
    if (countsAsDemand(o) && o.createdAt >= asOf && o.createdAt < asOf + days * DAY_MS) after.set(o.dealerId, (after.get(o.dealerId) ?? 0) + o.payable);
  const region = new Map<string, { before: number; after: number }>();
  for (const f of scored) {
    const r = region.get(f.health.region) ?? { before: 0, after: 0 };
    region.set(f.health.region, { before: r.before + (f.health.recentAmount * days) / 90, after: r.after + (after.get(f.health.dealerId) ?? 0) });
  }
  return scored.map((f) => {
    const expected = (f.health.recentAmount * days) / 90;
    const actual = after.get(f.health.dealerId) ?? 0;
    const r = region.get(f.health.region)!;
    return { features: f, churned: actual < expected / 3, grew: actual > 1.3 * expected * (r.before ? r.after / r.before : 1) };
  });
}

export interface FlagRate {
  flagged: number;
  actual: number;
  hits: number;
  precision: number;
  recall: number;
}

/** Precision and recall of both flags over cases (pooled from any number of origins). */
export function healthRates(cases: ReadonlyArray<HealthCase>, thresholds: HealthThresholds = HEALTH_THRESHOLDS): { churn: FlagRate; growth: FlagRate } {
  const count = (flag: 'churnRisk' | 'growthRoom', outcome: 'churned' | 'grew') => {
    let flagged = 0;
    let actual = 0;
    let hits = 0;
    for (const c of cases) {
      const on = flagsOf(c.features, thresholds)[flag];
      flagged += on ? 1 : 0;
      actual += c[outcome] ? 1 : 0;
      hits += on && c[outcome] ? 1 : 0;
    }
    return { flagged, actual, hits, precision: flagged ? hits / flagged : 0, recall: actual ? hits / actual : 0 };
  };
  return { churn: count('churnRisk', 'churned'), growth: count('growthRoom', 'grew') };
}

const f1 = (r: FlagRate) => (r.precision + r.recall ? (2 * r.precision * r.recall) / (r.precision + r.recall) : 0);

/**
 * The thresholds that give each flag its best F1 (precision and recall weighed alike) on the cases,
 * over a fixed grid; ties go to the stricter threshold (fewer dealers flagged). Fit on origins the
 * back-test does not judge.
 */
export function fitHealthThresholds(cases: ReadonlyArray<HealthCase>): HealthThresholds {
  const best = <K extends keyof HealthThresholds>(a: K, as: number[], b: K, bs: number[], rate: (t: HealthThresholds) => FlagRate) => {
    let top = { a: as[0]!, b: bs[0]!, f: -1 };
    for (const x of as)
      for (const y of bs) {
        const f = f1(rate({ ...HEALTH_THRESHOLDS, [a]: x, [b]: y }));
        if (f > top.f + 1e-9) top = { a: x, b: y, f };
      }
    return { [a]: top.a, [b]: top.b } as Pick<HealthThresholds, K>;
  };
  const range = (from: number, to: number, step: number) =>
    Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toFixed(2)));
  return {
    ...best('churnScore', range(20, 80, 2), 'churnSilence', [...range(1.5, 8, 0.5), Infinity], (t) => healthRates(cases, t).churn),
    ...best('growthShare', range(0, 1, 0.05), 'growthTrend', [...range(0, 1.5, 0.1), Infinity], (t) => healthRates(cases, t).growth),
  };
}

/** The back-test of one origin: both flags' precision and recall (see `healthCases`). */
export function evaluateHealth(
  orders: ReadonlyArray<SalesOrder>,
  dealers: ReadonlyArray<{ _id: string; name: string; region: string; level: string }>,
  asOf: number,
  days = 90,
  signals: ReadonlyMap<string, DealerSignals> = new Map(),
  thresholds: HealthThresholds = HEALTH_THRESHOLDS,
) {
  const cases = healthCases(orders, dealers, asOf, days, signals);
  return { dealers: cases.length, ...healthRates(cases, thresholds) };
}
