import { type MonthlySalesRow, type SalesOrder, type SalesReturn, type WeeklySalesRow, mergeDay, touchedPeriods } from '@shared/insights/sales';
import type { ReturnDoc } from '@shared/documents';
import type { Db, Stored } from '../../_kit/db';

const SETS_AT_ONCE = 20;
/** Documents per batched insert: CloudBase's 批量插入 takes an array (https://docs.cloudbase.net/http-api/nosql/insert-documents). */
const ADDS_AT_ONCE = 100;

/**
 * A night touches a few rows, the backfill of an installation's history thousands: rows new to the
 * collection go in batched inserts, changed ones are set a few at a time, not one round trip after another.
 */
async function save(db: Db, coll: 'insight_sales_monthly' | 'insight_sales_weekly', rows: ReadonlyArray<{ _id: string }>, stored: ReadonlySet<string>) {
  const fresh = rows.filter((r) => !stored.has(r._id));
  const changed = rows.filter((r) => stored.has(r._id));
  for (let i = 0; i < fresh.length; i += ADDS_AT_ONCE) await db.addMany(coll, fresh.slice(i, i + ADDS_AT_ONCE));
  for (let i = 0; i < changed.length; i += SETS_AT_ONCE) {
    await Promise.all(changed.slice(i, i + SETS_AT_ONCE).map(({ _id, ...row }) => db.set(coll, _id, row)));
  }
}

/**
 * Merge a day's orders and returns into the monthly and weekly rows they touch: only the periods
 * they fall in are read, and only the rows they change are written (a return lowers the period its
 * order was placed in, so that one is read too). Idempotent: the rows remember what they counted.
 */
export async function mergeAggregates(db: Db, today: ReadonlyArray<SalesOrder>, returned: ReadonlyArray<Stored<ReturnDoc>>) {
  const _ = db.command;
  const orders = await db.getMany('orders', [...new Set(returned.map((r) => r.orderId))]);
  const byId = new Map(orders.map((o) => [o._id, o]));
  const returns: SalesReturn[] = returned.flatMap((r) => {
    const order = byId.get(r.orderId);
    return order ? [{ _id: r._id, lines: r.lines, order }] : [];
  });
  const months = touchedPeriods('month', today, returns);
  const weeks = touchedPeriods('week', today, returns);
  const [monthly, weekly] = await Promise.all([
    months.length ? db.findAll('insight_sales_monthly', { month: _['in']!(months) }) : [],
    weeks.length ? db.findAll('insight_sales_weekly', { week: _['in']!(weeks) }) : [],
  ]);
  const monthRows = mergeDay(new Map(monthly.map((r): [string, MonthlySalesRow] => [r._id, r])), today, returns, 'month');
  const weekRows = mergeDay(new Map(weekly.map((r): [string, WeeklySalesRow] => [r._id, r])), today, returns, 'week');
  await save(db, 'insight_sales_monthly', monthRows, new Set(monthly.map((r) => r._id)));
  await save(db, 'insight_sales_weekly', weekRows, new Set(weekly.map((r) => r._id)));
  return { rowsWritten: monthRows.length, weeklyRowsWritten: weekRows.length, returnsMerged: returns.length };
}
