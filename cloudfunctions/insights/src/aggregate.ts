import type { InsightSalesDoc, InsightWeeklySalesDoc } from '@shared/insights/stored';
import { type MonthlySalesRow, type SalesOrder, type SalesReturn, type WeeklySalesRow, mergeDay, touchedPeriods } from '@shared/insights/sales';
import type { ReturnDoc } from '@shared/documents';
import type { Db, Stored } from '../../_kit/db';

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
  for (const { _id, ...row } of monthRows) await db.set<InsightSalesDoc>('insight_sales_monthly', _id, row);
  for (const { _id, ...row } of weekRows) await db.set<InsightWeeklySalesDoc>('insight_sales_weekly', _id, row);
  return { rowsWritten: monthRows.length, weeklyRowsWritten: weekRows.length, returnsMerged: returns.length };
}
