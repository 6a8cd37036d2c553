/**
 * Anomaly detectors over the sales history, each general (thresholds against the subject's own
 * history or its region's, never against known ids): an order far above its dealer's usual, a
 * dealer whose ordering collapses against its own rhythm (adjusted for its region's season), a
 * SKU ordered in a region where no one else buys it (窜货), and region × SKU months outside the
 * forecast's 95 % interval (payment delays: ./payments). Each alert says what, where, how far from expected and what to do.
 */
import { regionName } from '../dealer';
import { forecast } from './forecast';
import { type SalesOrder, countsAsDemand, monthOf, monthsBetween } from './sales';

const DAY_MS = 86_400_000;

export type AlertKind = 'order_spike' | 'dealer_churn' | 'off_region' | 'region_sku_spike' | 'region_sku_collapse' | 'payment_delay';

export interface InsightAlert {
  /** Dedup key: the same key within the cool-down is the same alert. */
  key: string;
  kind: AlertKind;
  region: string;
  dealerId: string | null;
  sku: string | null;
  title: string;
  /** What, where, how far from expected, what to do — in Chinese with the numbers. */
  message: string;
  expected: number;
  actual: number;
  orderNos: string[];
  /** When the anomaly happened (the order, or the end of the period). */
  at: number;
}

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { maximumFractionDigits: 0 })}`;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : 0;
};
const byDealer = (orders: ReadonlyArray<SalesOrder>) => {
  const out = new Map<string, SalesOrder[]>();
  for (const o of orders) if (countsAsDemand(o)) (out.get(o.dealerId) ?? out.set(o.dealerId, []).get(o.dealerId)!).push(o);
  for (const list of out.values()) list.sort((a, b) => a.createdAt - b.createdAt);
  return out;
};

/**
 * Orders placed in [since, asOf) worth at least `factor` × the median of the dealer's earlier
 * orders and beyond `zLimit` robust deviations (MAD of log amounts) of them: order sizes are
 * log-normal, so a 5× order is ordinary for an irregular dealer and rare for a steady one.
 */
export function orderSpikes(orders: ReadonlyArray<SalesOrder>, since: number, asOf: number, factor = 5, zLimit = 4): InsightAlert[] {
  const alerts: InsightAlert[] = [];
  for (const list of byDealer(orders).values())
    list.forEach((o, i) => {
      if (o.createdAt < since || o.createdAt >= asOf || i < 5) return;
      const usual = median(list.slice(0, i).map((p) => p.payable));
      if (usual <= 0 || o.payable < factor * usual) return;
      const logs = list.slice(0, i).map((p) => Math.log(Math.max(p.payable, 1)));
      const spread = 1.4826 * median(logs.map((v) => Math.abs(v - Math.log(usual))));
      if (spread > 0 && (Math.log(o.payable) - Math.log(usual)) / spread < zLimit) return;
      const times = o.payable / usual;
      alerts.push({
        key: `order_spike:${o._id}`,
        kind: 'order_spike',
        region: o.dealerRegion,
        dealerId: o.dealerId,
        sku: null,
        title: `异常大单：${o.dealerName}`,
        message: `${regionName(o.dealerRegion)}的${o.dealerName}下单 ${o.orderNo}，金额 ${yuan(o.payable)}，约为其平时单笔（中位数 ${yuan(usual)}）的 ${times.toFixed(1)} 倍。请核实需求真实性与收货能力，并确认相关商品库存。`,
        expected: usual,
        actual: o.payable,
        orderNos: [o.orderNo],
        at: o.createdAt,
      });
    });
  return alerts;
}

/** P(X ≤ k) for X ~ Poisson(λ). */
function poissonAtMost(k: number, lambda: number): number {
  let term = Math.exp(-lambda);
  let sum = term;
  for (let i = 1; i <= k; i++) sum += term *= lambda / i;
  return sum;
}

/**
 * Dealers whose orders in the last `recentDays` fell below `ratio` of what their own rate over the
 * `baselineDays` before would give, after scaling by how their whole region moved in the same
 * windows (so a season's dip is not read as churn).
 */
export function dealerChurn(orders: ReadonlyArray<SalesOrder>, asOf: number, recentDays = 60, baselineDays = 240, significance = 0.005): InsightAlert[] {
  const cut = asOf - recentDays * DAY_MS;
  const start = cut - baselineDays * DAY_MS;
  const region = new Map<string, { before: number; recent: number }>();
  const dealers = byDealer(orders.filter((o) => o.createdAt >= start && o.createdAt < asOf));
  const counts = [...dealers.values()].map((list) => {
    const first = list[0]!;
    const before = list.filter((o) => o.createdAt < cut).length;
    const recent = list.length - before;
    const r = region.get(first.dealerRegion) ?? { before: 0, recent: 0 };
    region.set(first.dealerRegion, { before: r.before + before, recent: r.recent + recent });
    return { first, list, before, recent };
  });
  const alerts: InsightAlert[] = [];
  for (const { first, list, before, recent } of counts) {
    const r = region.get(first.dealerRegion)!;
    const season = r.before ? r.recent / recentDays / (r.before / baselineDays) : 1;
    const expected = (before / baselineDays) * recentDays * season;
    // Significantly few: so few orders would happen by chance less than `significance` of the time.
    if (before < 6 || recent >= expected / 2 || poissonAtMost(recent, expected) > significance) continue;
    const last = list.at(-1)!;
    const quiet = Math.floor((asOf - last.createdAt) / DAY_MS);
    alerts.push({
      key: `dealer_churn:${first.dealerId}`,
      kind: 'dealer_churn',
      region: first.dealerRegion,
      dealerId: first.dealerId,
      sku: null,
      title: `流失风险：${first.dealerName}`,
      message: `${regionName(first.dealerRegion)}的${first.dealerName}近 ${recentDays} 天下单 ${recent} 笔，按其以往节奏与本区同期走势应约 ${expected.toFixed(1)} 笔（仅为预期的 ${Math.round((recent / expected) * 100)}%），最近一单在 ${quiet} 天前。请尽快拜访了解原因（竞品、资金、库存积压），必要时安排政策支持。`,
      expected,
      actual: recent,
      orderNos: [],
      at: asOf,
    });
  }
  return alerts;
}

/**
 * 窜货: a dealer in [since, asOf) orders a SKU of a category that no other dealer of its region has
 * ever bought, while at least `popularElsewhere` dealers in two or more other regions buy that SKU. A category
 * a region never buys is a regional habit (凉茶 in the north), so its goods there are out of place;
 * a single SKU missing from a region is often just a narrow range.
 */
export function offRegionOrders(orders: ReadonlyArray<SalesOrder>, since: number, asOf: number, popularElsewhere = 5): InsightAlert[] {
  const skuBuyers = new Map<string, Map<string, Set<string>>>(); // sku → region → dealers (before the window)
  const categoryBuyers = new Map<string, Set<string>>(); // region|category → dealers (before the window)
  const add = <K>(map: Map<K, Set<string>>, key: K, dealer: string) => (map.get(key) ?? map.set(key, new Set()).get(key)!).add(dealer);
  for (const o of orders)
    if (countsAsDemand(o) && o.createdAt < since)
      for (const l of o.lines) {
        add(skuBuyers.get(l.sku) ?? skuBuyers.set(l.sku, new Map()).get(l.sku)!, o.dealerRegion, o.dealerId);
        add(categoryBuyers, `${o.dealerRegion}|${l.categoryId}`, o.dealerId);
      }
  const found = new Map<string, InsightAlert>();
  for (const o of orders) {
    if (!countsAsDemand(o) || o.createdAt < since || o.createdAt >= asOf) continue;
    for (const l of o.lines) {
      if (l.kind !== 'item') continue;
      const home = [...(categoryBuyers.get(`${o.dealerRegion}|${l.categoryId}`) ?? [])].filter((d) => d !== o.dealerId).length;
      let elsewhere = 0;
      const where: string[] = [];
      for (const [r, ds] of skuBuyers.get(l.sku) ?? [])
        if (r !== o.dealerRegion && ds.size) {
          elsewhere += ds.size;
          where.push(regionName(r));
        }
      // A SKU sold in one region only is regional itself; judge only SKUs several regions carry.
      if (home > 0 || elsewhere < popularElsewhere || where.length < 2) continue;
      const key = `off_region:${o.dealerId}:${l.sku}`;
      const alert = found.get(key) ?? {
        key,
        kind: 'off_region' as const,
        region: o.dealerRegion,
        dealerId: o.dealerId,
        sku: l.sku,
        title: `疑似窜货：${o.dealerName} 订购「${l.name}」`,
        message: `${regionName(o.dealerRegion)}的${o.dealerName}订购了本区其他经销商从不进货的品类中的「${l.name}」（${l.sku}），该品在${where.join('、')}有 ${elsewhere} 家经销商进货。请核查货物流向，防止跨区窜货。`,
        expected: 0,
        actual: 0,
        orderNos: [],
        at: o.createdAt,
      };
      if (!alert.orderNos.includes(o.orderNo)) alert.orderNos.push(o.orderNo);
      alert.actual += l.qty;
      found.set(key, alert);
    }
  }
  for (const a of found.values()) a.message += `（订单 ${a.orderNos.join('、')}，共 ${a.actual} 件）`;
  return [...found.values()];
}

/** The units of an order that came back, per SKU (as the orders store them), when any did. */
export interface Returned {
  returned?: Readonly<Record<string, { qty: number }>>;
}

/**
 * Region × SKU sales in the month `month` against a forecast from the months before it: above the
 * 95 % interval is a spike to restock, below it a collapse to look into. Only series that sell
 * most months are judged (sparse SKUs' months swing by nature), and only moves of the region's own:
 * when the SKU moved the same way across the country (a season the short history cannot show yet),
 * the region merely followed.
 */
export function regionSkuOutliers(orders: ReadonlyArray<SalesOrder & Returned>, month: string, minHistory = 6): InsightAlert[] {
  const series = new Map<string, { region: string; sku: string; name: string; byMonth: Map<string, number> }>();
  let first = month;
  for (const o of orders) {
    if (!countsAsDemand(o)) continue;
    const m = monthOf(o.createdAt);
    if (m > month) continue;
    if (m < first) first = m;
    for (const l of o.lines) {
      if (l.kind !== 'item') continue;
      for (const key of [`${o.dealerRegion}|${l.sku}`, `*|${l.sku}`]) {
        const s = series.get(key) ?? series.set(key, { region: key.split('|')[0]!, sku: l.sku, name: l.name, byMonth: new Map() }).get(key)!;
        // Net of returns, as the forecasts it is judged against: goods that came back were not sold.
        s.byMonth.set(m, (s.byMonth.get(m) ?? 0) + l.qty - (o.returned?.[l.sku]?.qty ?? 0));
      }
    }
  }
  const months = monthsBetween(first, month);
  const history = months.slice(0, -1);
  if (history.length < minHistory) return [];
  const judge = (s: { byMonth: Map<string, number> }) => {
    const values = history.map((m) => s.byMonth.get(m) ?? 0);
    if (values.filter((v) => v > 0).length < history.length * 0.8) return undefined;
    const actual = s.byMonth.get(month) ?? 0;
    const f = forecast(values, 12, 1);
    const mean = f.mean[0]!;
    return { f, mean, actual, spike: actual > f.upper95[0]! && actual >= 2 * mean, collapse: actual < f.lower95[0]! && actual <= 0.5 * mean };
  };
  const alerts: InsightAlert[] = [];
  for (const s of series.values()) {
    if (s.region === '*') continue;
    const j = judge(s);
    if (!j || (!j.spike && !j.collapse)) continue;
    const country = judge(series.get(`*|${s.sku}`)!);
    const ratio = (x: { actual: number; mean: number }) => x.actual / Math.max(x.mean, 1);
    if (country && (j.spike ? ratio(country) > 1.5 : ratio(country) < 0.67)) continue;
    const { f, mean, actual, spike } = j;
    const pct = Math.round(((actual - mean) / Math.max(mean, 1)) * 100);
    alerts.push({
      key: `${spike ? 'region_sku_spike' : 'region_sku_collapse'}:${s.region}:${s.sku}:${month}`,
      kind: spike ? 'region_sku_spike' : 'region_sku_collapse',
      region: s.region,
      dealerId: null,
      sku: s.sku,
      title: `${spike ? '销量异常增长' : '销量异常下滑'}：${regionName(s.region)}「${s.name}」`,
      message: spike
        ? `${regionName(s.region)}「${s.name}」${month} 销量 ${actual} 件，预测 ${Math.round(mean)} 件（95% 区间上限 ${Math.round(f.upper95[0]!)}），高出 ${pct}%。请关注并补充区域库存。`
        : `${regionName(s.region)}「${s.name}」${month} 销量 ${actual} 件，预测 ${Math.round(mean)} 件（95% 区间下限 ${Math.round(f.lower95[0]!)}），低了 ${-pct}%。请排查原因（缺货、竞品、价格）。`,
      expected: mean,
      actual,
      orderNos: [],
      at: 0,
    });
  }
  return alerts;
}

/** Alerts not raised under the same key within `coolDownDays` (no alert storms on re-runs). */
export function withCoolDown(alerts: ReadonlyArray<InsightAlert>, lastRaised: ReadonlyMap<string, number>, now: number, coolDownDays = 30): InsightAlert[] {
  const seen = new Set<string>();
  return alerts.filter((a) => {
    const last = lastRaised.get(a.key);
    if (seen.has(a.key) || (last !== undefined && now - last < coolDownDays * DAY_MS)) return false;
    seen.add(a.key);
    return true;
  });
}

/** The manager of each alert's region (first manager whose regions include it), or null for the admins. */
export function assignManager(region: string, managers: ReadonlyArray<{ _id: string; regions?: ReadonlyArray<string> | null }>): string | null {
  return managers.find((m) => m.regions?.includes(region))?._id ?? null;
}
