import { REBATE_SPEND_RULE } from '@shared/contracts/rebates';
import type { DealerDoc } from '@shared/models';
import type { Order } from '@shared/orders';
import type { Delivery, DeliveryAggregate, RebateFacts, RebatePolicy, WalletEntry } from '@shared/rebates';
import { accrue, deliveryOfOrder, emptyAggregate, mergeAggregates, parsePeriod, periodKey, periodRange, rebatePolicySchema, samePeriodLastYear, spendCap } from '@shared/rebates';
import { formatFen } from '@shared/money';
import { Refusal } from '@shared/envelope';
import type { Db, Stored, Tx } from './db';
import { findByIds } from './pricing';

export { REBATE_SPEND_RULE };

export interface PolicyDoc {
  policy: RebatePolicy;
  code: string;
  enabled: boolean;
  updatedAt: number;
  updatedBy: string;
}

export type WalletEntryDoc = Omit<WalletEntry, 'id'>;

/** Month aggregate id: dealer and Asia/Shanghai month of the delivery. */
export function aggregateId(dealerId: string, month: string): string {
  return `${dealerId}:${month}`;
}

/**
 * Add a delivery (or, with negative lines, a return) to its dealer's month aggregate inside the
 * transaction that delivers the order or records the return: progress reads stay O(policies).
 */
export async function accrueInTx(tx: Tx, delivery: Delivery): Promise<void> {
  const month = periodKey('month', delivery.at);
  const id = aggregateId(delivery.dealerId, month);
  const current = (await tx.get<DeliveryAggregate>('rebate_aggregates', id)) ?? emptyAggregate(delivery.dealerId, month);
  const { _id: _ignored, ...plain } = current as Stored<DeliveryAggregate>;
  await tx.set('rebate_aggregates', id, accrue(plain as DeliveryAggregate, delivery));
}

/** The accrual of an order that has just been delivered. */
export async function accrueDeliveredOrder(tx: Tx, order: Pick<Order, 'orderNo' | 'dealerId' | 'deliveredAt' | 'lines'>): Promise<void> {
  const delivery = deliveryOfOrder(order);
  if (delivery && delivery.lines.length > 0) await accrueInTx(tx, delivery);
}

/** Month keys of a period (a month is itself; quarters and years their months). */
export function monthsOf(period: string): string[] {
  const range = periodRange(period);
  if (!range) return [];
  const out: string[] = [];
  for (let at = range.start; at < range.end; ) {
    const m = periodKey('month', at);
    out.push(m);
    at = periodRange(m)!.end;
  }
  return out;
}

/** A dealer's aggregate of a whole period, merged from its month aggregates. */
export async function aggregateOf(db: Db, dealerId: string, period: string): Promise<DeliveryAggregate> {
  const months = monthsOf(period);
  const docs = await findByIds<DeliveryAggregate>(db, 'rebate_aggregates', months.map((m) => aggregateId(dealerId, m)));
  const parts = docs.map(({ _id: _i, ...a }) => a as DeliveryAggregate);
  return mergeAggregates(dealerId, period, parts);
}

export async function enabledPolicies(db: Db): Promise<RebatePolicy[]> {
  const docs = await db.find<PolicyDoc>('rebate_policies', { enabled: true }, { limit: 1000 });
  return docs.flatMap((d) => {
    const parsed = rebatePolicySchema.safeParse(d.policy);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Everything evaluate() needs for one dealer and one period of a policy kind. */
export async function factsOf(db: Db, dealer: Stored<DealerDoc>, period: string, policies: readonly RebatePolicy[]): Promise<RebateFacts> {
  const parsed = parsePeriod(period);
  const needsLastYear = policies.some((p) => p.code === 'growth');
  const [current, lastYear, targets] = await Promise.all([
    aggregateOf(db, dealer._id, period),
    needsLastYear && parsed ? aggregateOf(db, dealer._id, samePeriodLastYear(period)) : Promise.resolve(null),
    db.find<{ policyId: string; amount: number }>('rebate_targets', { dealerId: dealer._id, period }, { limit: 200 }),
  ]);
  return {
    dealer: { id: dealer._id, level: dealer.level, region: dealer.region },
    period,
    current,
    lastYear,
    targets: Object.fromEntries(targets.map((t) => [t.policyId, t.amount])),
  };
}

/** Book a wallet entry and keep the account's cached balance in step, in one transaction. */
export async function bookWallet(tx: Tx, entry: WalletEntry, now: number): Promise<'booked' | 'already'> {
  if (await tx.get<WalletEntryDoc>('wallet_entries', entry.id)) return 'already';
  const { id, ...doc } = entry;
  await tx.set('wallet_entries', id, doc);
  const acc = await tx.get<{ rebateBalance: number; receivable: number; creditReserved: number }>('accounts', entry.dealerId);
  await tx.set('accounts', entry.dealerId, {
    dealerId: entry.dealerId,
    receivable: acc?.receivable ?? 0,
    creditReserved: acc?.creditReserved ?? 0,
    rebateBalance: (acc?.rebateBalance ?? 0) + entry.amount,
    updatedAt: now,
  });
  return 'booked';
}

/**
 * Check a rebate spend against the wallet and the spend rule (at most 10 % of the order before
 * rebate): the amount to deduct, or a refusal that says the most this order may use.
 */
export function checkRebateSpend(requested: number, payableBeforeRebate: number, balance: number): number | Refusal {
  if (requested === 0) return 0;
  const max = spendCap(payableBeforeRebate, REBATE_SPEND_RULE, balance);
  if (requested > max) {
    return new Refusal('INVALID_INPUT', `本单最多可用返利 ${formatFen(max)}（余额 ${formatFen(Math.max(0, balance))}，不超过订单金额的 10%）`, { rebateMax: max, rebateBalance: balance });
  }
  return requested;
}
