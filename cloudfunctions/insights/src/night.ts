import { runNight } from '@shared/insights/nightly';
import { paymentFactsOf, receivableAgeing } from '@shared/insights/payments';
import type { Db } from '../../_kit/db';
import { mergeAggregates } from './aggregate';
import { notifyManagers } from './notify';
import { firstOfMonth, forecastFrom, saveForecasts, saveHealth } from './outlook';
import { salesOrders } from './sales-orders';

const DAY_MS = 86_400_000;

/** How far back the detectors look: the churn baseline (240 days) plus the recent window (60) and a margin. */
const HISTORY_DAYS = 330;

/**
 * One night for the Asia/Shanghai day starting at `dayStart`: merge the day's orders and returns
 * into the monthly and weekly rows they touch, raise the night's alerts under their keys, store
 * each dealer's health and, on the first night of a month, the forecasts. Every write is
 * idempotent: the same night twice writes the same documents.
 */
export async function runNightFor(db: Db, dayStart: number, now: number) {
  const _ = db.command;
  const dayEnd = dayStart + DAY_MS;
  const since = dayStart - HISTORY_DAYS * DAY_MS;
  // On a month's first night the forecasts read further back: one read serves both.
  const newMonth = firstOfMonth(dayStart);
  const from = newMonth ? Math.min(since, forecastFrom(dayStart)) : since;
  // Up to now, not only the day: what was shipped, paid and returned since the day judged tells
  // what was owed at its end. createdAt bounded below is served by the orders' createdAt index.
  const after = { at: _['gte']!(since) };
  const loaded = await salesOrders(db, { createdAt: _['gte']!(from) });
  const [payments, returns, dealers, accounts] = await Promise.all([
    db.findAll('payments', after),
    db.findAll('returns', after),
    db.findAll('dealers', {}),
    db.findAll('accounts', {}),
  ]);
  const history = loaded.filter((o) => o.createdAt >= since && o.createdAt < dayEnd);
  const today = history.filter((o) => o.createdAt >= dayStart);
  const merged = await mergeAggregates(
    db,
    today,
    returns.filter((r) => r.at >= dayStart && r.at < dayEnd),
  );
  const facts = paymentFactsOf({ dealers, orders: loaded, payments, returns, accounts, now, since });
  const [managers, previous] = await Promise.all([
    db.findAll('users', { role: 'manager' }),
    db.findAll('insight_alerts', { status: _['in']!(['open', 'handled']), raisedAt: _['gte']!(dayStart - 3650 * DAY_MS) }),
  ]);
  // Every earlier raising counts, the same night's too: a re-run neither repeats nor reopens a handled alert.
  const lastRaised = new Map(previous.map((a) => [a._id, a.raisedAt]));
  const inactiveDealers = new Set(dealers.filter((d) => d.status !== 'active').map((d) => d._id));
  const alerts = runNight({ orders: history, dayStart, lastRaised, managers, inactiveDealers, payments: facts });
  for (const { key, ...alert } of alerts) {
    await db.set('insight_alerts', key, { ...alert, status: 'open', raisedAt: dayStart, handledAt: null, handledBy: null, note: '' });
  }
  const healthWritten = await saveHealth(db, history, dealers, receivableAgeing(facts, dayEnd), dayEnd, now);
  const forecastsWritten = newMonth ? await saveForecasts(db, dayStart, loaded, now) : 0;
  // Sent after the alerts are saved: a failed send leaves the alert in the inbox, never loses it.
  const notified = await notifyManagers(db, alerts, now);
  return { ordersMerged: today.length, ...merged, alertsRaised: alerts.length, notified, healthWritten, forecastsWritten };
}
