import { dealerHealth } from '@shared/insights/health';
import { type OutlookOrder, outlook } from '@shared/insights/outlook';
import type { Ageing } from '@shared/insights/payments';
import { monthOf } from '@shared/insights/sales';
import { SIGNAL_DAYS, engagementSignals } from '@shared/insights/signals';
import type { InsightForecastDoc, InsightHealthDoc } from '@shared/insights/stored';
import type { DealerDoc } from '@shared/models';
import type { Db, Stored } from '../../_kit/db';

const DAY_MS = 86_400_000;
/** Months of history the stored forecasts are fitted on (three seasons when the data go back so far). */
const FORECAST_MONTHS = 36;

/**
 * Score every active dealer as of the end of the day judged, with how late it pays, and store each
 * one's health; a dealer no longer active loses its entry (its silence is explained, not a risk).
 */
export async function saveHealth(
  db: Db,
  history: ReadonlyArray<OutlookOrder>,
  dealers: ReadonlyArray<Stored<DealerDoc>>,
  ageing: ReadonlyMap<string, Ageing>,
  asOf: number,
  now: number,
) {
  const active = dealers.filter((d) => d.status === 'active');
  const engagement = await engagementOf(db, active, asOf);
  const signals = new Map(active.map((d) => [d._id, { ...engagement.get(d._id), overdueDays: ageing.get(d._id)?.overdueDays ?? 0 }]));
  const scored = dealerHealth(history, active, asOf, signals);
  for (const h of scored) await db.set<InsightHealthDoc>('insight_health', h.dealerId, { ...h, asOf, month: monthOf(asOf - 1), computedAt: now });
  for (const d of dealers) if (d.status !== 'active') await db.remove('insight_health', d._id);
  return scored.length;
}

/**
 * Campaign participation and WeCom customers added over the window before `asOf`: the campaigns
 * published (a handful), the share codes of those that ran in the window, and the customers first
 * added in it, and which dealers have WeCom members at all (each served by an index: campaigns
 * status+startAt, campaign_codes campaignId, wecom_customers createdAt, wecom_staff dealerId+status).
 */
async function engagementOf(db: Db, dealers: ReadonlyArray<Stored<DealerDoc>>, asOf: number) {
  const _ = db.command;
  const from = asOf - SIGNAL_DAYS * DAY_MS;
  const [campaigns, customers] = await Promise.all([
    db.findAll('campaigns', { status: _['in']!(['published', 'ended']) }),
    db.findAll('wecom_customers', { createdAt: _['gte']!(from) }),
  ]);
  const ran = campaigns.filter((c) => c.startAt < asOf && Math.min(c.endAt, c.endedAt ?? Infinity) > from);
  const [codes, staff] = await Promise.all([
    ran.length ? db.findAll('campaign_codes', { campaignId: _['in']!(ran.map((c) => c._id)) }) : [],
    db.findAll('wecom_staff', { dealerId: _['in']!(dealers.map((d) => d._id)), status: 'active' }),
  ]);
  const wecomDealers = new Set(staff.flatMap((s) => (s.dealerId ? [s.dealerId] : [])));
  return engagementSignals({ dealers, campaigns: ran, codes, customers, wecomDealers, asOf });
}

/** Whether the night starting at `dayStart` is a month's first (when the forecasts are made). */
export const firstOfMonth = (dayStart: number) => monthOf(dayStart) !== monthOf(dayStart - DAY_MS);

/** The start of the history the forecasts made on the night starting at `dayStart` are fitted on. */
export function forecastFrom(dayStart: number): number {
  const [y, m] = monthOf(dayStart).split('-').map(Number) as [number, number];
  return Date.parse(`${y - Math.floor(FORECAST_MONTHS / 12)}-${String(m).padStart(2, '0')}-01T00:00:00+08:00`);
}

/**
 * On the first night of a month, forecast the months ahead from the one just ended, per region ×
 * category and region × SKU, and drop the forecasts of series that no longer qualify. Read from
 * the orders (net of returns) rather than the aggregates: a new installation has years of orders
 * and no aggregates for them, and once a month the read is affordable (the night reads them once
 * for its detectors and these: `loaded` reaches back to forecastFrom).
 */
export async function saveForecasts(db: Db, dayStart: number, loaded: ReadonlyArray<OutlookOrder>, now: number): Promise<number> {
  const _ = db.command;
  const lastMonth = monthOf(dayStart - DAY_MS);
  const from = forecastFrom(dayStart);
  const orders = loaded.filter((o) => o.createdAt >= from && o.createdAt < dayStart);
  const categories = await db.findAll('categories', {});
  const docs = outlook(orders, lastMonth, { historyMonths: FORECAST_MONTHS, categoryNames: new Map(categories.map((c) => [c._id, c.name])) });
  for (const { _id, ...doc } of docs) await db.set<InsightForecastDoc>('insight_forecasts', _id, { ...doc, computedAt: now });
  for (const stale of await db.findAll('insight_forecasts', { asOfMonth: _['lt']!(lastMonth) })) await db.remove('insight_forecasts', stale._id);
  return docs.length;
}
