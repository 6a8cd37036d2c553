import { allocate, multiplyRatio } from '../money';
import { formatFen } from '../money/format-fen';
import { formatRate, roiBp } from './funnel';
import type { OrderStatus } from '../orders/types';
import { DAY_MS } from '../time';
import type { FunnelCounts } from './types';

/**
 * ROI per campaign × dealer × clerk. Pure: the same documents give the same figures. Rules, stated
 * once (docs/campaigns.md repeats them):
 *
 * Costs
 * - The campaign's material and media cost (`cost` of the kit) is split over the sharers' codes of
 *   the campaign, one equal share per code (every sharer got the kit), largest remainder in code
 *   order; a dealer's share is its codes' shares. By codes, not visits: a code that brought nobody
 *   still had its material, and a share by visits would hide exactly that waste.
 * - Coupon value redeemed: redemptions × the coupon's face value, on the code the lead came through.
 * - The dealer's own budget for the campaign (campaigns.setDealerBudget), on the dealer only.
 *
 * Revenue
 * - Attributed redemptions: the sales recorded at redemption, on the lead's code.
 * - The dealer's sell-in lift, on the dealer only: its orders to the brand (payable, orders not
 *   cancelled, rejected or awaiting its confirmation) during the campaign so far, less its
 *   baseline. Baseline = its sell-in in the same-length window just before the campaign, times
 *   last year's seasonal ratio (the same two windows 364 days earlier: during ÷ before) when both
 *   of last year's windows had sell-in, else × 1; rounded half up to the fen. The lift can be
 *   negative: a dealer that bought less during the campaign is not hidden.
 *
 * ROI = (revenue − cost) / cost in basis points, half up; null when the cost is 0. A dealer's cost
 * and revenue are its clerks' plus its own budget and lift; the campaign's are its dealers', so
 * the rows add up to the campaign's totals exactly.
 */
export interface RoiCode {
  code: string;
  dealerId: string;
  dealerName: string;
  dealerRegion: string;
  clerkId: string;
  clerkName: string;
}

/** A dealer's sell-in (fen) in the four windows of the baseline rule. */
export interface SellInWindows {
  during: number;
  before: number;
  lastYearDuring: number;
  lastYearBefore: number;
}

export interface RoiInput {
  /** Material and media cost of the campaign, fen. */
  cost: number;
  couponValueFen: number;
  /** Every sharer code of the campaign (campaign_codes), and the counts of each (campaign_stats folded). */
  codes: readonly RoiCode[];
  counts: Readonly<Record<string, FunnelCounts>>;
  /** dealerId → budget, fen. */
  budgets: Readonly<Record<string, number>>;
  /** dealerId → sell-in windows. */
  sellIn: Readonly<Record<string, SellInWindows>>;
}

export interface RoiMoney {
  materialCost: number;
  couponCost: number;
  budget: number;
  cost: number;
  sales: number;
  lift: number;
  revenue: number;
  roi: number | null;
}

export interface ClerkRoiRow extends RoiCode, RoiMoney, FunnelCounts {
  rank: number;
}

export interface Baseline extends SellInWindows {
  /** Last year's during ÷ before in basis points; null when last year had no sell-in in one of them (then 1). */
  seasonalBp: number | null;
  baseline: number;
}

export interface DealerRoiRow extends RoiMoney, FunnelCounts {
  dealerId: string;
  dealerName: string;
  dealerRegion: string;
  codes: number;
  sellIn: Baseline;
  rank: number;
}

export interface RoiSuggestion {
  fromDealerId: string;
  toDealerId: string;
  /** Fen, whole yuan. */
  amount: number;
  text: string;
}

export interface CampaignRoi {
  totals: RoiMoney & FunnelCounts;
  /** Best ROI first (null last), ties by id. */
  dealers: DealerRoiRow[];
  clerks: ClerkRoiRow[];
  suggestions: RoiSuggestion[];
}

const ZERO: FunnelCounts = { visits: 0, uniqueVisitors: 0, leads: 0, redemptions: 0, sales: 0 };

/** The baseline rule above. */
export function baselineOf(w: SellInWindows): Baseline {
  const seasonal = w.lastYearBefore > 0 && w.lastYearDuring > 0;
  const seasonalBp = seasonal ? multiplyRatio(10_000, w.lastYearDuring, w.lastYearBefore, 'half_up') : null;
  const baseline = seasonal ? multiplyRatio(w.before, w.lastYearDuring, w.lastYearBefore, 'half_up') : w.before;
  return { ...w, seasonalBp, baseline };
}

function money(m: Omit<RoiMoney, 'cost' | 'revenue' | 'roi'>): RoiMoney {
  const cost = m.materialCost + m.couponCost + m.budget;
  const revenue = m.sales + m.lift;
  return { ...m, cost, revenue, roi: roiBp(revenue, cost) };
}

const add = (a: FunnelCounts, b: FunnelCounts): FunnelCounts => ({
  visits: a.visits + b.visits,
  uniqueVisitors: a.uniqueVisitors + b.uniqueVisitors,
  leads: a.leads + b.leads,
  redemptions: a.redemptions + b.redemptions,
  sales: a.sales + b.sales,
});

/** Best ROI first, null last, ties by key; ranks from 1. */
function ranked<T extends { roi: number | null }>(rows: T[], key: (r: T) => string): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => {
    if (a.roi !== b.roi) return a.roi === null ? 1 : b.roi === null ? -1 : b.roi - a.roi;
    return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
  });
  return sorted.map((r, i) => ({ ...r, rank: i + 1 }));
}

export function campaignRoi(input: RoiInput): CampaignRoi {
  const codes = [...input.codes].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const shares =
    codes.length > 0
      ? allocate(
          input.cost,
          codes.map(() => 1),
        )
      : [];
  const clerks = codes.map((c, i) => {
    const n = input.counts[c.code] ?? ZERO;
    const m = money({ materialCost: shares[i]!, couponCost: n.redemptions * input.couponValueFen, budget: 0, sales: n.sales, lift: 0 });
    return { ...c, ...n, ...m };
  });
  const dealerIds = [...new Set(codes.map((c) => c.dealerId))];
  const dealers = dealerIds.map((id) => {
    const mine = clerks.filter((c) => c.dealerId === id);
    const counts = mine.reduce<FunnelCounts>((acc, c) => add(acc, c), ZERO);
    const sellIn = baselineOf(input.sellIn[id] ?? { during: 0, before: 0, lastYearDuring: 0, lastYearBefore: 0 });
    const sum = (k: 'materialCost' | 'couponCost') => mine.reduce((s, c) => s + c[k], 0);
    const m = money({
      materialCost: sum('materialCost'),
      couponCost: sum('couponCost'),
      budget: input.budgets[id] ?? 0,
      sales: counts.sales,
      lift: sellIn.during - sellIn.baseline,
    });
    return { dealerId: id, dealerName: mine[0]!.dealerName, dealerRegion: mine[0]!.dealerRegion, codes: mine.length, ...counts, ...m, sellIn };
  });
  const counts = dealers.reduce<FunnelCounts>((acc, d) => add(acc, d), ZERO);
  const total = (k: 'budget' | 'couponCost' | 'lift') => dealers.reduce((s, d) => s + d[k], 0);
  // With no code at all there is nobody to give the material cost to: the campaign still bears it.
  const materialCost = codes.length > 0 ? dealers.reduce((s, d) => s + d.materialCost, 0) : input.cost;
  const totals = { ...counts, ...money({ materialCost, couponCost: total('couponCost'), budget: total('budget'), sales: counts.sales, lift: total('lift') }) };
  const rankedDealers = ranked(dealers, (d) => d.dealerId);
  return { totals, dealers: rankedDealers, clerks: ranked(clerks, (c) => c.code), suggestions: suggest(rankedDealers) };
}

/**
 * Where to move budget: pair the best dealer with the worst, the second best with the second worst,
 * … while the giver's ROI is below the taker's; the amount is half of what the giver spends that
 * can be moved (its own budget, else its material share), in whole yuan. At most three suggestions.
 */
function suggest(dealers: ReadonlyArray<DealerRoiRow>): RoiSuggestion[] {
  const scored = dealers.filter((d) => d.roi !== null && d.cost > 0);
  const out: RoiSuggestion[] = [];
  for (let i = 0, j = scored.length - 1; i < j && out.length < 3; i++, j--) {
    const to = scored[i]!;
    const from = scored[j]!;
    if (from.roi! >= to.roi!) break;
    const movable = from.budget > 0 ? from.budget : from.materialCost;
    const amount = Math.floor(movable / 2 / 100) * 100;
    if (amount <= 0) continue;
    out.push({
      fromDealerId: from.dealerId,
      toDealerId: to.dealerId,
      amount,
      text: `建议将${from.dealerName}的 ${formatFen(amount)} 预算调给${to.dealerName}（投资回报率 ${formatRate(from.roi)} → ${formatRate(to.roi)}）`,
    });
  }
  return out;
}

/** What a clerk (or a dealer owner, of her store's codes) sees: her own counts and sales, never a cost or an ROI (which would reveal it). */
export interface OwnRoiRow extends FunnelCounts {
  code: string;
  clerkId: string;
  clerkName: string;
}

/** Orders that count as sell-in: placed and not called off (an order awaiting the dealer's own confirmation is not placed yet). */
export const SELL_IN_STATUSES: readonly OrderStatus[] = ['submitted', 'pending_approval', 'approved', 'partially_shipped', 'shipped', 'delivered', 'completed'];

/** 52 weeks: last year's window starts on the same weekday. */
export const LAST_YEAR_MS = 364 * DAY_MS;

export interface Window {
  from: number;
  to: number;
}

/**
 * The baseline rule's four windows, epoch ms, [from, to): during = the campaign so far (from its
 * first moment to its end or `now`, whichever is first; empty before it starts), before = the
 * same length just before it, and both 364 days earlier.
 */
export function sellInWindows(startAt: number, endAt: number, now: number): Record<keyof SellInWindows, Window> {
  const to = Math.max(startAt, Math.min(endAt, now));
  const length = to - startAt;
  const during = { from: startAt, to };
  const before = { from: startAt - length, to: startAt };
  const back = (w: Window): Window => ({ from: w.from - LAST_YEAR_MS, to: w.to - LAST_YEAR_MS });
  return { during, before, lastYearDuring: back(during), lastYearBefore: back(before) };
}
