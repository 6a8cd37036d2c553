/**
 * Dealer health, 0–100, from the dealer's own ordering (recency against its rhythm, frequency and
 * amount trends) and, when given, payment timeliness, campaign participation and WeCom customers
 * added. Each factor scores 0–1; the reasons are the factors furthest from healthy, in words with
 * the numbers. Flags: churn risk (low score or a silence far past the usual gap) and growth room
 * (orders regularly but buys less than half its region-and-level peers' median, or is growing).
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
): DealerHealth[] {
  const window = 90 * DAY_MS;
  const byDealer = new Map<string, SalesOrder[]>();
  for (const o of orders) if (countsAsDemand(o) && o.createdAt < asOf) (byDealer.get(o.dealerId) ?? byDealer.set(o.dealerId, []).get(o.dealerId)!).push(o);
  const rows = dealers.flatMap((d) => {
    const list = (byDealer.get(d._id) ?? []).sort((a, b) => a.createdAt - b.createdAt);
    if (!list.length) return [];
    const recent = list.filter((o) => o.createdAt >= asOf - window);
    const before = list.filter((o) => o.createdAt >= asOf - 2 * window && o.createdAt < asOf - window);
    const sum = (xs: SalesOrder[]) => xs.reduce((s, o) => s + o.payable, 0);
    const gaps = list.slice(1).map((o, i) => (o.createdAt - list[i]!.createdAt) / DAY_MS);
    const gap = Math.max(1, median(gaps) || 30);
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
    const regular = silent <= 2 * gap && recent.length >= 2;
    return {
      dealerId: d._id,
      dealerName: d.name,
      region: d.region,
      level: d.level,
      score,
      churnRisk: score < 40 || silent > 4 * gap,
      growthRoom: regular && (recentAmount < 0.5 * peerMedian || amountTrend > 0.3),
      reasons: [...factors].sort((a, b) => a.score - b.score),
      recentAmount,
    };
  });
}

/**
 * Honest check: score as of `asOf`, then look at the following `days`: a dealer churned when it
 * ordered under a third of what its preceding 90 days' rate gives, grew when it bought 30 % more.
 */
export function evaluateHealth(
  orders: ReadonlyArray<SalesOrder>,
  dealers: ReadonlyArray<{ _id: string; name: string; region: string; level: string }>,
  asOf: number,
  days = 90,
  signals: ReadonlyMap<string, DealerSignals> = new Map(),
) {
  const scored = dealerHealth(orders, dealers, asOf, signals);
  const after = new Map<string, { count: number; amount: number }>();
  for (const o of orders)
    if (countsAsDemand(o) && o.createdAt >= asOf && o.createdAt < asOf + days * DAY_MS) {
      const a = after.get(o.dealerId) ?? { count: 0, amount: 0 };
      after.set(o.dealerId, { count: a.count + 1, amount: a.amount + o.payable });
    }
  const churned = new Set(
    scored.filter((h) => (after.get(h.dealerId)?.amount ?? 0) < (h.recentAmount * days) / 90 / 3 && h.recentAmount > 0).map((h) => h.dealerId),
  );
  const grew = new Set(scored.filter((h) => (after.get(h.dealerId)?.amount ?? 0) > (1.3 * h.recentAmount * days) / 90).map((h) => h.dealerId));
  const rate = (flagged: string[], actual: Set<string>) => {
    const hits = flagged.filter((id) => actual.has(id)).length;
    return {
      flagged: flagged.length,
      actual: actual.size,
      hits,
      precision: flagged.length ? hits / flagged.length : 0,
      recall: actual.size ? hits / actual.size : 0,
    };
  };
  return {
    dealers: scored.length,
    churn: rate(
      scored.filter((h) => h.churnRisk).map((h) => h.dealerId),
      churned,
    ),
    growth: rate(
      scored.filter((h) => h.growthRoom).map((h) => h.dealerId),
      grew,
    ),
  };
}
