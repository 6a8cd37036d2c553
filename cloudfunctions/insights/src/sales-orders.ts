import type { OutlookOrder } from '@shared/insights/outlook';
import type { Db } from '../../_kit/db';

/** The order fields the models read: a night reads thousands of orders, and their timelines and addresses are most of each. */
const SALES_FIELDS = Object.fromEntries(
  ['orderNo', 'dealerId', 'dealerName', 'dealerRegion', 'status', 'createdAt', 'payable', 'lines', 'shipments', 'deliveredAt', 'returned'].map((f) => [
    f,
    true,
  ]),
);

/** Every order matching `where` with the sales fields only, paged by _id as db.findAll pages. */
export async function salesOrders(db: Db, where: Record<string, unknown>): Promise<OutlookOrder[]> {
  const out: OutlookOrder[] = [];
  for (let after = ''; ;) {
    const page = await db.find<OutlookOrder>(
      'orders',
      { ...where, _id: db.command['gt']!(after) },
      { orderBy: [['_id', 'asc']], limit: 1000, fields: SALES_FIELDS },
    );
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1]!._id;
  }
}
