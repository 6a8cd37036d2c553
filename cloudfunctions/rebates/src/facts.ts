import type { DealerDoc, OrderDoc } from '@shared/models';
import type { DeliveryAggregate, RebateFacts, RebatePolicy } from '@shared/rebates';
import { aggregateFrom, deliveryOfOrder, policyRange, periodOrThrow } from '@shared/rebates';
import type { Db, Stored } from '../../_kit/db';
import { factsOf } from '../../_kit/rebates';

/**
 * Campaign policies whose window cuts through the period read the delivered orders inside the
 * window (bounded by the window and the dealer); every other policy reads month aggregates.
 */
async function windowsOf(db: Db, dealerId: string, period: string, policies: readonly RebatePolicy[]): Promise<Record<string, DeliveryAggregate>> {
  const p = periodOrThrow(period);
  const out: Record<string, DeliveryAggregate> = {};
  for (const policy of policies) {
    const range = policyRange(policy, period);
    if (!range || (range.start === p.start && range.end === p.end)) continue;
    const _ = db.command;
    const orders = await db.findAll<OrderDoc>('orders', { dealerId, deliveredAt: _['and']!([_['gte']!(range.start), _['lt']!(range.end)]) });
    const deliveries = orders.map((o) => deliveryOfOrder(o)).filter((d): d is NonNullable<typeof d> => d !== null);
    out[policy.id] = aggregateFrom(dealerId, period, deliveries, range);
  }
  return out;
}

export async function fullFacts(db: Db, dealer: Stored<DealerDoc>, period: string, policies: readonly RebatePolicy[]): Promise<RebateFacts> {
  const facts = await factsOf(db, dealer, period, policies);
  const windows = await windowsOf(db, dealer._id, period, policies);
  return Object.keys(windows).length > 0 ? { ...facts, windows } : facts;
}
