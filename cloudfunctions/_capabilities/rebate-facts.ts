/**
 * The facts a rebate settlement is computed on, read the one way a period close, progress, approval
 * and an offboarding's settlement all read them (rebates and lifecycle functions).
 */
import { NO_CATEGORIES } from '@shared/targeting';
import type { DealerDoc, OrderDoc } from '@shared/models';
import type { Delivery, DeliveryAggregate, RebateFacts, RebatePolicy, SettlementRecord } from '@shared/rebates';
import {
  aggregateFrom,
  countsSellThrough,
  deliveryOfOrder,
  parsePeriod,
  policyRange,
  periodOrThrow,
  rebatePolicySchema,
  samePeriodLastYear,
} from '@shared/rebates';
import { loadCategoryTree } from './categories';
import { aggregateOf } from './rebate-ledger';
import type { Db, Stored } from '../_kit/db';

/** The enabled policies; a stored policy that no longer parses is skipped, not fatal. */
export async function enabledPolicies(db: Db): Promise<RebatePolicy[]> {
  const docs = await db.find('rebate_policies', { enabled: true }, { limit: 1000 });
  return docs.flatMap((d) => {
    const parsed = rebatePolicySchema.safeParse(d.policy);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Everything evaluate() needs for one dealer and one period of a policy kind. */
export async function factsOf(db: Db, dealer: Stored<DealerDoc>, period: string, policies: readonly RebatePolicy[]): Promise<RebateFacts> {
  const parsed = parsePeriod(period);
  const needsLastYear = policies.some((p) => p.code === 'growth');
  // A scope naming a category counts the categories below it: the rules need the tree (read once per call).
  const byCategory = policies.some((p) => p.scope.includeCategories.length + p.scope.excludeCategories.length > 0);
  // Sell-through (分销出货) is read only when a policy counts it, so sell-in facts stay as they were.
  const st = policies.some(countsSellThrough);
  const stLastYear = st && parsed && policies.some((p) => countsSellThrough(p) && p.code === 'growth');
  const [current, lastYear, targets, categories, sellThrough, sellThroughLastYear] = await Promise.all([
    aggregateOf(db, dealer._id, period),
    needsLastYear && parsed ? aggregateOf(db, dealer._id, samePeriodLastYear(period)) : Promise.resolve(null),
    db.find('rebate_targets', { dealerId: dealer._id, period }, { limit: 200 }),
    byCategory ? loadCategoryTree(db) : Promise.resolve(NO_CATEGORIES),
    st ? aggregateOf(db, dealer._id, period, 'rebate_st_aggregates') : Promise.resolve(null),
    stLastYear ? aggregateOf(db, dealer._id, samePeriodLastYear(period), 'rebate_st_aggregates') : Promise.resolve(null),
  ]);
  return {
    dealer: { id: dealer._id, level: dealer.level, region: dealer.region },
    period,
    current,
    lastYear,
    targets: Object.fromEntries(targets.map((t) => [t.policyId, t.amount])),
    categories,
    ...(sellThrough ? { sellThrough } : {}),
    ...(sellThroughLastYear ? { sellThroughLastYear } : {}),
  };
}

/** What has come back of an order, per SKU: units, the payable they took back (fen), when recorded. */
export type Returned = Record<string, { qty: number; amount: number; at: number }>;

export type OrderWithReturns = OrderDoc & { returned?: Returned; returning?: Record<string, number> };

/**
 * The deliveries an order counts for: its delivery, and when goods came back, a return dated at
 * that delivery with the returned units and payable as negative lines (as recordReturn accrues it).
 */
export function deliveriesOf(order: OrderWithReturns): Delivery[] {
  const d = deliveryOfOrder(order);
  if (!d) return [];
  const back = Object.entries(order.returned ?? {}).map(([sku, r]) => ({
    sku,
    categoryId: order.lines.find((l) => l.sku === sku)?.categoryId ?? '',
    qty: -r.qty,
    payable: -r.amount,
  }));
  return back.length > 0 ? [d, { ...d, ref: `${d.ref}-return`, lines: back }] : [d];
}

/**
 * Campaign policies whose window cuts through the period read the delivered orders inside the
 * window (bounded by the window and the dealer), net of returns; every other policy reads month
 * aggregates.
 */
async function windowsOf(db: Db, dealerId: string, period: string, policies: readonly RebatePolicy[]): Promise<Record<string, DeliveryAggregate>> {
  const p = periodOrThrow(period);
  const out: Record<string, DeliveryAggregate> = {};
  for (const policy of policies) {
    const range = policyRange(policy, period);
    if (!range || (range.start === p.start && range.end === p.end)) continue;
    const _ = db.command;
    const deliveredAt = _['and']!([_['gte']!(range.start), _['lt']!(range.end)]);
    if (countsSellThrough(policy)) {
      // Sell-through: the first-tier's two-tier orders delivered to its children inside the window.
      const sold = await db.findAll('tier_orders', { supplierDealerId: dealerId, status: 'delivered', deliveredAt });
      const deliveries = sold.flatMap((o) => deliveryOfOrder({ ...o, dealerId }) ?? []);
      out[policy.id] = aggregateFrom(dealerId, period, deliveries, range);
      continue;
    }
    const orders = await db.findAll<OrderWithReturns>('orders', { dealerId, deliveredAt });
    out[policy.id] = aggregateFrom(dealerId, period, orders.flatMap(deliveriesOf), range);
  }
  return out;
}

export async function fullFacts(db: Db, dealer: Stored<DealerDoc>, period: string, policies: readonly RebatePolicy[]): Promise<RebateFacts> {
  const facts = await factsOf(db, dealer, period, policies);
  const windows = await windowsOf(db, dealer._id, period, policies);
  return Object.keys(windows).length > 0 ? { ...facts, windows } : facts;
}

/**
 * The facts a settlement is recomputed on (approval, claw-back): as they are now, read the way the
 * period's close read them. The close reads last year's aggregate for every policy when any policy
 * needs it, and it is part of each record's inputs; so it is read again whenever the record has it.
 */
export async function factsToRecompute(db: Db, dealer: Stored<DealerDoc>, record: SettlementRecord, policy: RebatePolicy): Promise<RebateFacts> {
  const facts = await fullFacts(db, dealer, record.period, [policy]);
  if (countsSellThrough(policy)) {
    if (record.inputs.lastYear === null || facts.sellThroughLastYear) return facts;
    return { ...facts, sellThroughLastYear: await aggregateOf(db, dealer._id, samePeriodLastYear(record.period), 'rebate_st_aggregates') };
  }
  if (record.inputs.lastYear === null || facts.lastYear) return facts;
  return { ...facts, lastYear: await aggregateOf(db, dealer._id, samePeriodLastYear(record.period)) };
}
