import type { TierOrderGroup, TierOrderList } from '@shared/contracts/tier';
import type { OrderStatus } from '@shared/orders';
import type { Db } from '../../_kit/db';
import { summaryOf } from './views';

const PAGE = 20;
const GROUP_STATUSES: Record<TierOrderGroup, OrderStatus[]> = {
  to_accept: ['submitted'],
  to_ship: ['approved'],
  to_receive: ['shipped'],
  unpaid: ['delivered'],
  done: ['delivered'],
  closed: ['cancelled', 'rejected'],
};

/**
 * One page of two-tier orders, newest first: a first-tier's (by supplierDealerId) or a child's
 * (by dealerId). The cursor is the offset of the next page. unpaid / done split delivered orders
 * by whether the first-tier recorded their payment.
 */
export async function listTierOrders(
  db: Db,
  by: { supplierDealerId: string } | { dealerId: string },
  group: TierOrderGroup | undefined,
  cursor: string | undefined,
): Promise<TierOrderList> {
  const offset = cursor && /^\d{1,6}$/.test(cursor) ? Number(cursor) : 0;
  const statuses = group ? GROUP_STATUSES[group] : null;
  const where = statuses ? { ...by, status: statuses.length === 1 ? statuses[0] : db.command['in']!(statuses) } : by;
  const docs = await db.find('tier_orders', where, {
    orderBy: [
      ['createdAt', 'desc'],
      ['_id', 'desc'],
    ],
    skip: offset,
    limit: PAGE,
  });
  const kept = group === 'unpaid' ? docs.filter((d) => d.paidAt == null) : group === 'done' ? docs.filter((d) => d.paidAt != null) : docs;
  return { items: kept.map(summaryOf), nextCursor: docs.length === PAGE ? String(offset + PAGE) : null };
}
