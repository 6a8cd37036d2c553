import type { DealerDoc } from '@shared/models';
import type { MonthFacts } from '@shared/rating';
import { DAY_MS, shanghaiMonthRange, shiftMonthKey } from '@shared/time';
import type { Db, Stored } from '../../../_kit/db';

const WEEK_MS = 7 * DAY_MS;
const PAGE = 1000;

/** Per-dealer figures of one aggregation, page by page (the cloud answers at most 1,000 groups a call). */
async function groupedByDealer<T extends { _id: string }>(
  db: Db,
  coll: 'orders' | 'campaign_codes' | 'wecom_customers',
  stages: Array<Record<string, unknown>>,
): Promise<Map<string, T>> {
  const out = new Map<string, T>();
  for (let skip = 0; ; skip += PAGE) {
    const page = await db.aggregate<T>(coll, [...stages, { $sort: { _id: 1 } }, { $skip: skip }, { $limit: PAGE }]);
    for (const row of page) out.set(row._id, row);
    if (page.length < PAGE) return out;
  }
}

/** One month's order activity of every dealer: orders placed and the weeks (from the 1st) they fell in; one indexed $match on createdAt. */
function orderActivity(db: Db, start: number, end: number) {
  return groupedByDealer<{ _id: string; orders: number; weeks: number[] }>(db, 'orders', [
    { $match: { createdAt: { $gte: start, $lt: end } } },
    { $project: { dealerId: 1, week: { $floor: { $divide: [{ $subtract: ['$createdAt', start] }, WEEK_MS] } } } },
    { $group: { _id: '$dealerId', orders: { $sum: 1 }, weeks: { $addToSet: '$week' } } },
  ]);
}

function campaignCodes(db: Db, start: number, end: number) {
  return groupedByDealer<{ _id: string; n: number }>(db, 'campaign_codes', [
    { $match: { createdAt: { $gte: start, $lt: end } } },
    { $group: { _id: '$dealerId', n: { $sum: 1 } } },
  ]);
}

/** Customers first added this month, by the dealer of the clerk who added them. */
function customersAdded(db: Db, start: number, end: number) {
  return groupedByDealer<{ _id: string; n: number }>(db, 'wecom_customers', [
    { $match: { createdAt: { $gte: start, $lt: end } } },
    { $unwind: '$relations' },
    { $match: { 'relations.addedAt': { $gte: start, $lt: end }, 'relations.transferredFrom': null } },
    { $group: { _id: '$relations.dealerId', n: { $sum: 1 } } },
  ]);
}

/**
 * The facts of a month for the given dealers, with a fixed number of reads whatever their count:
 * three aggregations matched by time, the month aggregates and accounts by id (getMany), the
 * month's targets by period. Nothing is read per dealer.
 */
export async function monthFacts(db: Db, dealers: ReadonlyArray<Stored<DealerDoc>>, month: string): Promise<Map<string, MonthFacts>> {
  const { start, end } = shanghaiMonthRange(month)!;
  const ids = dealers.map((d) => d._id);
  const prev = shiftMonthKey(month, -1);
  const yearAgo = shiftMonthKey(month, -12);
  const aggIds = ids.flatMap((id) => [`${id}:${month}`, `${id}:${prev}`, `${id}:${yearAgo}`]);
  const [aggs, accounts, targets, orders, codes, customers] = await Promise.all([
    db.getMany('rebate_aggregates', aggIds),
    db.getMany('accounts', ids),
    db.findAll('rebate_targets', { period: month }),
    orderActivity(db, start, end),
    campaignCodes(db, start, end),
    customersAdded(db, start, end),
  ]);
  const agg = new Map(aggs.map((a) => [a._id, a.total.amount]));
  const acc = new Map(accounts.map((a) => [a._id, a.receivable]));
  const target = new Map<string, number>();
  for (const t of targets) target.set(t.dealerId, (target.get(t.dealerId) ?? 0) + t.amount);
  const facts = new Map<string, MonthFacts>();
  for (const id of ids) {
    const o = orders.get(id);
    facts.set(id, {
      dealerId: id,
      delivered: agg.get(`${id}:${month}`) ?? 0,
      deliveredYearAgo: agg.has(`${id}:${yearAgo}`) ? agg.get(`${id}:${yearAgo}`)! : null,
      deliveredPrevMonth: agg.get(`${id}:${prev}`) ?? 0,
      target: target.get(id) ?? null,
      receivable: acc.get(id) ?? 0,
      days: Math.round((end - start) / DAY_MS),
      orderWeeks: o ? new Set(o.weeks).size : 0,
      orders: o?.orders ?? 0,
      campaignCodes: codes.get(id)?.n ?? 0,
      customersAdded: customers.get(id)?.n ?? 0,
    });
  }
  return facts;
}
