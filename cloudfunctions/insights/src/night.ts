import type { InsightSalesDoc } from '@shared/insights/stored';
import { runNight } from '@shared/insights/nightly';
import { type MonthlySalesRow, type SalesOrder, mergeDay } from '@shared/insights/sales';
import type { Db } from '../../_kit/db';
import { notifyManagers } from './notify';

const DAY_MS = 86_400_000;
/** How far back the detectors look: the churn baseline (240 days) plus the recent window (60) and a margin. */
const HISTORY_DAYS = 330;

/**
 * One night for the Asia/Shanghai day starting at `dayStart`: merge the day's orders into the
 * monthly rows they touch (only those rows are read and written), then raise the night's alerts
 * under their keys. Both writes are idempotent: the same night twice writes the same documents.
 */
export async function runNightFor(db: Db, dayStart: number, now: number) {
  const _ = db.command;
  const dayEnd = dayStart + DAY_MS;
  // One field bounded on both sides (createdAt ≥ from and < to), which the orders' createdAt index serves.
  const from = _['gte']!(dayStart - HISTORY_DAYS * DAY_MS) as { and: (other: unknown) => unknown };
  const history: SalesOrder[] = await db.findAll('orders', { createdAt: from.and(_['lt']!(dayEnd)) });
  const today = history.filter((o) => o.createdAt >= dayStart);
  const months = [...new Set(today.map((o) => new Date(o.createdAt + 8 * 3_600_000).toISOString().slice(0, 7)))];
  const stored = months.length ? await db.findAll('insight_sales_monthly', { month: _['in']!(months) }) : [];
  const rows = mergeDay(new Map(stored.map((r): [string, MonthlySalesRow] => [r._id, r])), today);
  for (const { _id, ...row } of rows) await db.set<InsightSalesDoc>('insight_sales_monthly', _id, row);

  const [managers, dealers, previous] = await Promise.all([
    db.findAll('users', { role: 'manager' }),
    db.findAll('dealers', { status: _['neq']!('active') }),
    db.findAll('insight_alerts', { status: _['in']!(['open', 'handled']), raisedAt: _['gte']!(dayStart - 3650 * DAY_MS) }),
  ]);
  // Every earlier raising counts, the same night's too: a re-run neither repeats nor reopens a handled alert.
  const lastRaised = new Map(previous.map((a) => [a._id, a.raisedAt]));
  const alerts = runNight({ orders: history, dayStart, lastRaised, managers, inactiveDealers: new Set(dealers.map((d) => d._id)) });
  for (const { key, ...alert } of alerts) {
    await db.set('insight_alerts', key, { ...alert, status: 'open', raisedAt: dayStart, handledAt: null, handledBy: null, note: '' });
  }
  // Sent after the alerts are saved: a failed send leaves the alert in the inbox, never loses it.
  const notified = await notifyManagers(db, alerts, now);
  return { ordersMerged: today.length, rowsWritten: rows.length, alertsRaised: alerts.length, notified };
}
