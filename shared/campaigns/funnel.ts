import { BASIS_POINTS, divide } from '../money';
import { csvField, fenToYuanText } from '../orders/statement';
import type { FunnelCounts } from './types';

/**
 * The campaign funnel: visits → unique visitors → leads → redemptions → sales, by dealer and by
 * sharer, from counter rows (campaign_stats). Pure: the same rows give the same funnel.
 *
 * Definitions (stated once, used by the function, the mini-program and the CSV):
 * - visits: openings of a sharer's code, at most one per consumer per code per Shanghai day;
 * - unique visitors: consumers counted once per campaign, under the code they first came through,
 *   so the rows add up to the campaign's distinct visitors;
 * - leads: one per consumer per campaign, under the code of the page where it was left;
 * - redemptions and sales: coupons redeemed and the sale amounts recorded, under the lead's code;
 * - rates are basis points (10000 = 100 %), rounded half up; null when the base is 0:
 *   leadRate = leads / unique visitors, redemptionRate = redemptions / leads;
 * - ROI = (sales − cost) / cost in basis points, half up; only for the whole campaign (cost is
 *   not split over dealers), null when the cost is 0.
 */
export interface FunnelInputRow extends FunnelCounts {
  dealerId: string;
  dealerName: string;
  dealerRegion: string;
  clerkId: string;
  clerkName: string;
  code: string;
}

export interface FunnelRates {
  leadRate: number | null;
  redemptionRate: number | null;
}

export type FunnelLine = FunnelCounts & FunnelRates;

export interface DealerFunnelRow extends FunnelLine {
  dealerId: string;
  dealerName: string;
  dealerRegion: string;
  sharers: number;
}

export interface SharerFunnelRow extends FunnelLine {
  dealerId: string;
  dealerName: string;
  clerkId: string;
  clerkName: string;
  code: string;
}

export interface Funnel {
  /** cost is null (and so is roi) when the caller may not see the campaign's cost. */
  totals: FunnelLine & { cost: number | null; roi: number | null };
  byDealer: DealerFunnelRow[];
  bySharer: SharerFunnelRow[];
}

export const ZERO_COUNTS: FunnelCounts = { visits: 0, uniqueVisitors: 0, leads: 0, redemptions: 0, sales: 0 };

export function addCounts(a: FunnelCounts, b: FunnelCounts): FunnelCounts {
  return {
    visits: a.visits + b.visits,
    uniqueVisitors: a.uniqueVisitors + b.uniqueVisitors,
    leads: a.leads + b.leads,
    redemptions: a.redemptions + b.redemptions,
    sales: a.sales + b.sales,
  };
}

/** part / whole in basis points, half up; null when whole is 0. */
export function rateBp(part: number, whole: number): number | null {
  return whole > 0 ? divide(part * BASIS_POINTS, whole, 'half_up') : null;
}

export function ratesOf(c: FunnelCounts): FunnelRates {
  return { leadRate: rateBp(c.leads, c.uniqueVisitors), redemptionRate: rateBp(c.redemptions, c.leads) };
}

/** (sales − cost) / cost in basis points, half up; null when the campaign cost nothing. */
export function roiBp(sales: number, cost: number): number | null {
  return cost > 0 ? divide((sales - cost) * BASIS_POINTS, cost, 'half_up') : null;
}

const countsOf = (r: FunnelCounts): FunnelCounts => ({
  visits: r.visits,
  uniqueVisitors: r.uniqueVisitors,
  leads: r.leads,
  redemptions: r.redemptions,
  sales: r.sales,
});

/**
 * Fold counter rows (any number per sharer: one per day) into the funnel. `cost` is the
 * campaign's, or null for a caller who may not see it (then there is no ROI either); pass `withRoi: false` when the rows are only part of the campaign (a clerk's own,
 * a dealer's, a manager's regions), since the cost cannot be set against a part.
 */
export function buildFunnel(rows: readonly FunnelInputRow[], cost: number | null, withRoi: boolean): Funnel {
  const sharers = new Map<string, SharerFunnelRow>();
  for (const r of rows) {
    const key = r.code;
    const cur = sharers.get(key);
    const counts = cur ? addCounts(cur, r) : countsOf(r);
    sharers.set(key, {
      dealerId: r.dealerId,
      dealerName: r.dealerName,
      clerkId: r.clerkId,
      clerkName: r.clerkName,
      code: r.code,
      ...counts,
      ...ratesOf(counts),
    });
  }
  const dealers = new Map<string, DealerFunnelRow>();
  const regionOf = new Map(rows.map((r) => [r.dealerId, r.dealerRegion]));
  for (const s of sharers.values()) {
    const cur = dealers.get(s.dealerId);
    const counts = cur ? addCounts(cur, s) : countsOf(s);
    dealers.set(s.dealerId, {
      dealerId: s.dealerId,
      dealerName: s.dealerName,
      dealerRegion: regionOf.get(s.dealerId) ?? '',
      sharers: (cur?.sharers ?? 0) + 1,
      ...counts,
      ...ratesOf(counts),
    });
  }
  const total = [...sharers.values()].reduce<FunnelCounts>((acc, s) => addCounts(acc, s), ZERO_COUNTS);
  // Best first: by sales, then leads, then visits; ties by id so the order is stable.
  const order =
    <T extends FunnelCounts>(key: (x: T) => string) =>
    (a: T, b: T) =>
      b.sales - a.sales || b.leads - a.leads || b.visits - a.visits || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);
  return {
    totals: { ...total, ...ratesOf(total), cost, roi: withRoi && cost !== null ? roiBp(total.sales, cost) : null },
    byDealer: [...dealers.values()].sort(order((d) => d.dealerId)),
    bySharer: [...sharers.values()].sort(order((s) => s.code)),
  };
}

/** A rate in basis points as a percentage with one decimal, e.g. 1234 → 12.3%; '—' when null. */
export function formatRate(bp: number | null): string {
  if (bp === null) return '—';
  const tenths = divide(bp, 10, 'half_up');
  const sign = tenths < 0 ? '-' : '';
  const abs = Math.abs(tenths);
  return `${sign}${Math.floor(abs / 10)}.${abs % 10}%`;
}

export const FUNNEL_CSV_HEADERS = [
  '经销商编号',
  '经销商',
  '导购编号',
  '导购',
  '活动码',
  '访问',
  '独立访客',
  '留资',
  '核销',
  '销售额(元)',
  '留资率',
  '核销率',
] as const;

/**
 * The funnel by sharer as CSV: UTF-8 with BOM, CRLF, Chinese headers, yuan with two decimals,
 * then a 合计 row with the campaign's cost and ROI.
 */
export function funnelToCsv(f: Funnel): string {
  const row = (cells: string[]) => cells.join(',');
  const n = (v: number) => String(v);
  const lines = [
    row(FUNNEL_CSV_HEADERS.map((h) => csvField(h))),
    ...f.bySharer.map((s) =>
      row([
        csvField(s.dealerId),
        csvField(s.dealerName),
        csvField(s.clerkId),
        csvField(s.clerkName),
        csvField(s.code),
        n(s.visits),
        n(s.uniqueVisitors),
        n(s.leads),
        n(s.redemptions),
        csvField(fenToYuanText(s.sales), false),
        formatRate(s.leadRate),
        formatRate(s.redemptionRate),
      ]),
    ),
    row([
      '',
      csvField('合计'),
      '',
      '',
      '',
      n(f.totals.visits),
      n(f.totals.uniqueVisitors),
      n(f.totals.leads),
      n(f.totals.redemptions),
      csvField(fenToYuanText(f.totals.sales), false),
      formatRate(f.totals.leadRate),
      formatRate(f.totals.redemptionRate),
    ]),
    row(['', csvField('活动成本(元)'), '', '', '', '', '', '', '', f.totals.cost === null ? '' : csvField(fenToYuanText(f.totals.cost), false), '', '']),
    row(['', csvField('投资回报率'), '', '', '', '', '', '', '', formatRate(f.totals.roi), '', '']),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
