import type { Order } from '@shared/orders';
import type { Delivery, DeliveryAggregate, WalletEntry } from '@shared/rebates';
import { accrue, deliveryOfOrder, emptyAggregate, periodKeysAt } from '@shared/rebates';
import type { Db, Stored, Tx } from '../_kit/db';

/**
 * The rebate ledger: delivered goods accrued to their dealer's period aggregates, and the wallet
 * (entries plus the account's cached balance). Orders accrue a delivery and spend or book the
 * wallet inside their own transactions, rebates records returns, settles and claws back, pricing
 * reads the balance: each through this module, so the ledger has one writer's rules.
 */

/** Aggregate id: dealer and Asia/Shanghai period (month, quarter or year) of the delivery. */
export function aggregateId(dealerId: string, period: string): string {
  return `${dealerId}:${period}`;
}

/**
 * Add a delivery (or, with negative lines, a return) to its dealer's month, quarter and year
 * aggregates inside the transaction that delivers the order or records the return: reading
 * progress or closing a period then reads one document per dealer, not one per order.
 */
export async function accrueInTx(tx: Tx, delivery: Delivery, coll: AggregateColl = 'rebate_aggregates'): Promise<void> {
  for (const period of Object.values(periodKeysAt(delivery.at))) {
    const id = aggregateId(delivery.dealerId, period);
    const current = (await tx.get(coll, id)) ?? emptyAggregate(delivery.dealerId, period);
    const { _id: _ignored, ...plain } = current as Stored<DeliveryAggregate>;
    await tx.set(coll, id, accrue(plain as DeliveryAggregate, delivery));
  }
}

/** Sell-in aggregates (the dealer's own deliveries) or sell-through ones (a first-tier's deliveries to its children). */
type AggregateColl = 'rebate_aggregates' | 'rebate_st_aggregates';

/**
 * The sell-through accrual of a two-tier order that has just been delivered to the child: counted
 * for its first-tier (the seller), at the lines' payable after discounts, dated at delivery, in
 * rebate_st_aggregates (never the sell-in aggregates). The caller runs it in the transaction that
 * moves the order to delivered, only on that move, so the order accrues exactly once.
 */
export async function accrueDeliveredTierOrder(tx: Tx, order: Pick<Order, 'orderNo' | 'deliveredAt' | 'lines'> & { supplierDealerId: string }): Promise<void> {
  const delivery = deliveryOfOrder({ ...order, dealerId: order.supplierDealerId });
  if (delivery && delivery.lines.length > 0) await accrueInTx(tx, delivery, 'rebate_st_aggregates');
}

/** The accrual of an order that has just been delivered. */
export async function accrueDeliveredOrder(tx: Tx, order: Pick<Order, 'orderNo' | 'dealerId' | 'deliveredAt' | 'lines'>): Promise<void> {
  const delivery = deliveryOfOrder(order);
  if (delivery && delivery.lines.length > 0) await accrueInTx(tx, delivery);
}

/** A dealer's aggregate of a whole period (month, quarter or year): one document (sell-in, or sell-through with coll). */
export async function aggregateOf(db: Db, dealerId: string, period: string, coll: AggregateColl = 'rebate_aggregates'): Promise<DeliveryAggregate> {
  const doc = await db.getById(coll, aggregateId(dealerId, period));
  if (!doc) return emptyAggregate(dealerId, period);
  const { _id: _i, ...plain } = doc;
  return plain as DeliveryAggregate;
}

/** Book a wallet entry and keep the account's cached balance in step, in one transaction. */
export async function bookWallet(tx: Tx, entry: WalletEntry, now: number): Promise<'booked' | 'already'> {
  if (await tx.get('wallet_entries', entry.id)) return 'already';
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
 * The wallet balance: the account's cached sum of the ledger, which bookWallet keeps in step in
 * the same transaction as every entry (the ledger sum, walletBalance of the entries, is what it caches).
 */
export async function walletBalance(db: Db, dealerId: string): Promise<number> {
  return (await db.getById('accounts', dealerId))?.rebateBalance ?? 0;
}
