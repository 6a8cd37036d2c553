import type { Db } from '../../_kit/db';
import { mergeAggregates } from './aggregate';
import { salesOrders } from './sales-orders';

/**
 * The monthly and weekly rows from every order placed, and every return recorded, before `until`:
 * the history a new installation (or a demo just seeded) already has, which the nightly merge — one
 * day at a time — never reaches, so 洞察's trends would start empty. Merged like a night (the rows
 * remember what they counted), so a second run, or a night over the same days, counts nothing twice.
 */
export async function backfillAggregates(db: Db, until: number) {
  const _ = db.command;
  const [orders, returns] = await Promise.all([salesOrders(db, { createdAt: _['lt']!(until) }), db.findAll('returns', { at: _['lt']!(until) })]);
  return { ordersMerged: orders.length, ...(await mergeAggregates(db, orders, returns)) };
}

/** Whether no sales row exists yet: the first night of an installation. */
export async function noAggregatesYet(db: Db): Promise<boolean> {
  return (await db.find('insight_sales_monthly', { _id: db.command['gt']!('') }, { orderBy: [['_id', 'asc']], limit: 1 })).length === 0;
}
