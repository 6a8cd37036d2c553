/**
 * The forecasts the insights function stores each month: per region × category and region × SKU,
 * the net monthly quantity (orders that count as demand, less what came back) over the history,
 * 3 months ahead with 80/95 % bands and the rolling-origin backtest's MASE. Pure: the night loads
 * the orders and the names and saves the documents this returns.
 */
import { forecast, rollingOrigin } from './forecast';
import { type SalesOrder, countsAsDemand, monthOf, monthsBetween } from './sales';
import type { InsightForecastDoc } from './stored';

/** An order as the forecasts read it: its returned units per SKU, when any came back. */
export type OutlookOrder = SalesOrder & { returned?: Readonly<Record<string, { qty: number }>> };

export const HORIZON = 3;
/** Months of actuals kept with each forecast for the page's chart. */
const HISTORY_KEPT = 24;

interface Series {
  level: 'category' | 'sku';
  region: string;
  categoryId: string;
  sku: string | null;
  name: string;
  values: number[];
}

/** Net monthly quantities per region × category and region × SKU over `months` (orders outside them are ignored). */
export function regionSeries(orders: ReadonlyArray<OutlookOrder>, months: ReadonlyArray<string>, categoryNames: ReadonlyMap<string, string>): Series[] {
  const index = new Map(months.map((m, i) => [m, i]));
  const series = new Map<string, Series>();
  const add = (id: string, make: () => Omit<Series, 'values'>, i: number, qty: number) => {
    const s = series.get(id) ?? series.set(id, { ...make(), values: new Array<number>(months.length).fill(0) }).get(id)!;
    s.values[i] = s.values[i]! + qty;
  };
  for (const o of orders) {
    const i = index.get(monthOf(o.createdAt));
    if (i === undefined || !countsAsDemand(o)) continue;
    for (const l of o.lines) {
      if (l.kind !== 'item') continue;
      const qty = l.qty - (o.returned?.[l.sku]?.qty ?? 0);
      const region = o.dealerRegion;
      const name = categoryNames.get(l.categoryId) ?? l.categoryId;
      add(`category|${region}|${l.categoryId}`, () => ({ level: 'category', region, categoryId: l.categoryId, sku: null, name }), i, qty);
      add(`sku|${region}|${l.sku}`, () => ({ level: 'sku', region, categoryId: l.categoryId, sku: l.sku, name: l.name }), i, qty);
    }
  }
  return [...series.values()];
}

/** The `count` months after `month` ('YYYY-MM'). */
export function monthsAfter(month: string, count: number): string[] {
  let [y, m] = month.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, () => {
    if (++m > 12) {
      m = 1;
      y++;
    }
    return `${y}-${String(m).padStart(2, '0')}`;
  });
}

const round1 = (xs: number[]) => xs.map((x) => Math.round(x * 10) / 10);

/**
 * The forecast documents for the month after `lastMonth` (complete), from the `historyMonths`
 * before and including it. Series that sold in fewer than `minMonths` months are left out: too
 * little to say anything a page should show.
 */
export function outlook(
  orders: ReadonlyArray<OutlookOrder>,
  lastMonth: string,
  options: { historyMonths?: number; minMonths?: number; categoryNames?: ReadonlyMap<string, string> } = {},
): Array<Omit<InsightForecastDoc, 'computedAt'> & { _id: string }> {
  const { historyMonths = 36, minMonths = 3, categoryNames = new Map() } = options;
  let first = lastMonth;
  for (const o of orders) {
    const m = monthOf(o.createdAt);
    if (m < first && countsAsDemand(o)) first = m;
  }
  const all = monthsBetween(first, lastMonth);
  const months = all.slice(-historyMonths);
  const ahead = monthsAfter(lastMonth, HORIZON);
  return regionSeries(orders, months, categoryNames).flatMap((s) => {
    if (s.values.filter((v) => v > 0).length < minMonths) return [];
    const f = forecast(s.values, 12, HORIZON);
    // The model chosen on the whole series, refitted at each origin. Scaled by the seasonal naive
    // once a year of training is left at every origin, by the naive before that.
    const m = s.values.length - HORIZON - 2 > 12 ? 12 : 1;
    const backtest = rollingOrigin(s.values, m, HORIZON, (train, _m, h) => forecast(train, 12, h, { method: f.method }));
    const kept = s.values.slice(-HISTORY_KEPT);
    return [
      {
        _id: `${s.level}|${s.region}|${s.sku ?? s.categoryId}`,
        level: s.level,
        region: s.region,
        categoryId: s.categoryId,
        sku: s.sku,
        name: s.name,
        asOfMonth: lastMonth,
        months: ahead,
        mean: round1(f.mean),
        lower80: round1(f.lower80),
        upper80: round1(f.upper80),
        lower95: round1(f.lower95),
        upper95: round1(f.upper95),
        method: f.method,
        mase: Number.isFinite(backtest.mase) ? Math.round(backtest.mase * 1000) / 1000 : null,
        history: { from: months[months.length - kept.length]!, values: kept },
      },
    ];
  });
}
