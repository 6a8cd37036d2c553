import { REBATE_SPEND_RULE } from '@shared/contracts/rebates';
import type { DealerDoc } from '@shared/models';
import type { Order } from '@shared/orders';
import type { Delivery, DeliveryAggregate, RebateFacts, RebatePolicy, WalletEntry } from '@shared/rebates';
import { accrue, deliveryOfOrder, emptyAggregate, parsePeriod, periodKeysAt, rebatePolicySchema, samePeriodLastYear, spendCap } from '@shared/rebates';
import { formatFen } from '@shared/money';
import { Refusal } from '@shared/envelope';
import { NO_CATEGORIES } from '@shared/category-scope';
import { loadCategoryTree } from './categories';
import type { Db, Stored, Tx } from './db';

export { REBATE_SPEND_RULE };

export interface PolicyDoc {
  policy: RebatePolicy;
  code: string;
  enabled: boolean;
  updatedAt: number;
  updatedBy: string;
}

export type WalletEntryDoc = Omit<WalletEntry, 'id'>;

/** Aggregate id: dealer and Asia/Shanghai period (month, quarter or year) of the delivery. */
export function aggregateId(dealerId: string, period: string): string {
  return `${dealerId}:${period}`;
}

/**
 * Add a delivery (or, with negative lines, a return) to its dealer's month, quarter and year
 * aggregates inside the transaction that delivers the order or records the return: reading
 * progress or closing a period then reads one document per dealer, not one per order.
 */
export async function accrueInTx(tx: Tx, delivery: Delivery): Promise<void> {
  for (const period of Object.values(periodKeysAt(delivery.at))) {
    const id = aggregateId(delivery.dealerId, period);
    const current = (await tx.get<DeliveryAggregate>('rebate_aggregates', id)) ?? emptyAggregate(delivery.dealerId, period);
    const { _id: _ignored, ...plain } = current as Stored<DeliveryAggregate>;
    await tx.set('rebate_aggregates', id, accrue(plain as DeliveryAggregate, delivery));
  }
}

/** The accrual of an order that has just been delivered. */
export async function accrueDeliveredOrder(tx: Tx, order: Pick<Order, 'orderNo' | 'dealerId' | 'deliveredAt' | 'lines'>): Promise<void> {
  const delivery = deliveryOfOrder(order);
  if (delivery && delivery.lines.length > 0) await accrueInTx(tx, delivery);
}

/** A dealer's aggregate of a whole period (month, quarter or year): one document. */
export async function aggregateOf(db: Db, dealerId: string, period: string): Promise<DeliveryAggregate> {
  const doc = await db.getById<DeliveryAggregate>('rebate_aggregates', aggregateId(dealerId, period));
  if (!doc) return emptyAggregate(dealerId, period);
  const { _id: _i, ...plain } = doc;
  return plain as DeliveryAggregate;
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
  // A scope naming a category counts the categories below it: the rules need the tree (read once per call).
  const byCategory = policies.some((p) => p.scope.includeCategories.length + p.scope.excludeCategories.length > 0);
  const [current, lastYear, targets, categories] = await Promise.all([
    aggregateOf(db, dealer._id, period),
    needsLastYear && parsed ? aggregateOf(db, dealer._id, samePeriodLastYear(period)) : Promise.resolve(null),
    db.find<{ policyId: string; amount: number }>('rebate_targets', { dealerId: dealer._id, period }, { limit: 200 }),
    byCategory ? loadCategoryTree(db) : Promise.resolve(NO_CATEGORIES),
  ]);
  return {
    dealer: { id: dealer._id, level: dealer.level, region: dealer.region },
    period,
    current,
    lastYear,
    targets: Object.fromEntries(targets.map((t) => [t.policyId, t.amount])),
    categories,
  };
}

/** Book a wallet entry and keep the account's cached balance in step, in one transaction. */
export async function bookWallet(tx: Tx, entry: WalletEntry, now: number): Promise<'booked' | 'already'> {
  if (await tx.get<WalletEntryDoc>('wallet_entries', entry.id)) return 'already';
  const { id, ...doc } = entry;
  await tx.set('wallet_entries', id, doc);
  const acc = await tx.get<{ rebateBalance: number; receivable: number; creditReserved: number }>('accounts', entry.dealerId);
  // Every other field of the account (orderCount…) is kept as it is.
  const { _id: _ignored, ...kept } = acc ?? { _id: '' };
  await tx.set('accounts', entry.dealerId, {
    ...kept,
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
