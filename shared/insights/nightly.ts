/**
 * One night's insight run, pure: given the history up to the end of `day` and when each alert key
 * was last raised, the alerts to raise tonight (cool-down applied) with the manager each goes to.
 * Region × SKU outliers are judged once a month, on its first night, for the month just ended.
 */
import { type InsightAlert, type Returned, assignManager, dealerChurn, offRegionOrders, orderSpikes, regionSkuOutliers, withCoolDown } from './anomalies';
import { type PaymentFacts, paymentDelays } from './payments';
import { type SalesOrder, monthOf } from './sales';

const DAY_MS = 86_400_000;

/** Days an alert key stays quiet after it is raised: a churning dealer is one story, not a daily one. */
export const COOL_DOWN_DAYS: Record<InsightAlert['kind'], number> = {
  order_spike: 3650,
  off_region: 90,
  dealer_churn: 90,
  region_sku_spike: 30,
  region_sku_collapse: 30,
  // A debt that stays late is one story; a quarter later, still late, it is worth telling again.
  payment_delay: 90,
};

export interface NightInput {
  /** Orders with their returned units: region × SKU months are judged net of returns. */
  orders: ReadonlyArray<SalesOrder & Returned>;
  /** Start of the day judged (Asia/Shanghai midnight), epoch ms. */
  dayStart: number;
  lastRaised: ReadonlyMap<string, number>;
  managers: ReadonlyArray<{ _id: string; regions?: ReadonlyArray<string> | null }>;
  /** Dealers not active (suspended, closed): their silence is explained, not churn. */
  inactiveDealers?: ReadonlySet<string>;
  /** Judge region × SKU months (default: on the first night of a month). */
  regionSku?: boolean;
  /** Receivables and payments, to find dealers paying late (left out: not judged). */
  payments?: PaymentFacts;
}

export function runNight(input: NightInput): Array<InsightAlert & { managerId: string | null }> {
  const { orders, dayStart } = input;
  const dayEnd = dayStart + DAY_MS;
  const newMonth = monthOf(dayStart) !== monthOf(dayStart - DAY_MS);
  const found = [
    ...orderSpikes(orders, dayStart, dayEnd),
    ...offRegionOrders(orders, dayStart, dayEnd),
    ...dealerChurn(orders, dayEnd).filter((a) => !input.inactiveDealers?.has(a.dealerId ?? '')),
    ...((input.regionSku ?? newMonth) ? regionSkuOutliers(orders, monthOf(dayStart - DAY_MS)) : []),
    ...(input.payments ? paymentDelays(input.payments, dayEnd) : []),
  ];
  const fresh = (Object.keys(COOL_DOWN_DAYS) as Array<InsightAlert['kind']>).flatMap((kind) =>
    withCoolDown(
      found.filter((a) => a.kind === kind),
      input.lastRaised,
      dayStart,
      COOL_DOWN_DAYS[kind],
    ),
  );
  return fresh.map((a) => ({ ...a, managerId: assignManager(a.region, input.managers) }));
}
