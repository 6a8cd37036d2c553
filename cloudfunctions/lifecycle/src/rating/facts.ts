import type { MonthFacts } from '@shared/rating';
import { DAY_MS, shanghaiMonthRange, shiftMonthKey } from '@shared/time';
import type { Db } from '../../../_kit/db';

const WEEK_MS = 7 * DAY_MS;
/**
 * Dealers scored together: one page's facts are a handful of requests, each naming the page's
 * dealers in an `in` (the cloud's commands take lists of up to 500 values here, as Db.getMany
 * does) and answering at most one row per dealer — under the 1,000 rows an aggregation answers.
 */
export const FACTS_PAGE = 500;

/** One row per dealer of the page: the cloud answers aggregations 20 rows by default, at most 1,000. */
function perDealer<T extends { _id: string }>(
  db: Db,
  coll: 'orders' | 'campaign_codes' | 'wecom_customers' | 'rebate_aggregates' | 'rebate_targets',
  stages: Array<Record<string, unknown>>,
) {
  return db.aggregate<T>(coll, [...stages, { $limit: FACTS_PAGE * 2 }]).then((rows) => new Map(rows.map((r) => [r._id, r])));
}

/**
 * The page's facts of a month, in six requests whatever the page's size: the orders placed (by
 * the index on dealerId + createdAt), the delivered totals of the month, the month before and the
 * month a year before (the rebate aggregates the delivery events keep), the month's targets,
 * campaign codes made and WeCom customers first added, each grouped by dealer in the database,
 * and the accounts by id. Nothing is read per dealer. `ids`: the page's dealer ids, ascending.
 */
export async function monthFacts(db: Db, ids: readonly string[], month: string): Promise<Map<string, MonthFacts>> {
  const { start, end } = shanghaiMonthRange(month)!;
  const prev = shiftMonthKey(month, -1);
  const yearAgo = shiftMonthKey(month, -12);
  const _ = db.command;
  const inPage = _['in']!([...ids]);
  const inMonth = { $gte: start, $lt: end };
  const pageRange = { $gte: ids[0], $lte: ids[ids.length - 1] };
  const [aggs, targets, orders, codes, customers, accounts] = await Promise.all([
    perDealer<{ _id: string; months: Array<{ p: string; a: number }> }>(db, 'rebate_aggregates', [
      { $match: { dealerId: inPage, period: _['in']!([month, prev, yearAgo]) } },
      { $group: { _id: '$dealerId', months: { $push: { p: '$period', a: '$total.amount' } } } },
    ]),
    perDealer<{ _id: string; amount: number }>(db, 'rebate_targets', [
      { $match: { dealerId: inPage, period: month } },
      { $group: { _id: '$dealerId', amount: { $sum: '$amount' } } },
    ]),
    // When each order of the month was placed (a few a dealer): the weeks they fall in are counted here.
    perDealer<{ _id: string; at: number[] }>(db, 'orders', [
      { $match: { dealerId: inPage, createdAt: inMonth } },
      { $group: { _id: '$dealerId', at: { $push: '$createdAt' } } },
    ]),
    perDealer<{ _id: string; n: number }>(db, 'campaign_codes', [
      { $match: { dealerId: inPage, createdAt: inMonth } },
      { $group: { _id: '$dealerId', n: { $sum: 1 } } },
    ]),
    // Customers first added this month, by the dealer of the clerk who added them. The page is a
    // run of dealer ids in order, so a range names it (a dealer in between that is not active is
    // counted and ignored) and is cheap to test on every relation after the $unwind.
    perDealer<{ _id: string; n: number }>(db, 'wecom_customers', [
      { $match: { 'relations.dealerId': pageRange, createdAt: inMonth } },
      { $unwind: '$relations' },
      { $match: { 'relations.dealerId': pageRange, 'relations.addedAt': inMonth, 'relations.transferredFrom': null } },
      { $group: { _id: '$relations.dealerId', n: { $sum: 1 } } },
    ]),
    db.getMany('accounts', ids),
  ]);
  const receivable = new Map(accounts.map((a) => [a._id, a.receivable]));
  const facts = new Map<string, MonthFacts>();
  for (const id of ids) {
    const delivered = new Map((aggs.get(id)?.months ?? []).map((m) => [m.p, m.a]));
    const o = orders.get(id);
    facts.set(id, {
      dealerId: id,
      delivered: delivered.get(month) ?? 0,
      deliveredYearAgo: delivered.has(yearAgo) ? delivered.get(yearAgo)! : null,
      deliveredPrevMonth: delivered.get(prev) ?? 0,
      target: targets.get(id)?.amount ?? null,
      receivable: receivable.get(id) ?? 0,
      days: Math.round((end - start) / DAY_MS),
      orderWeeks: new Set((o?.at ?? []).map((at) => Math.floor((at - start) / WEEK_MS))).size,
      orders: o?.at.length ?? 0,
      campaignCodes: codes.get(id)?.n ?? 0,
      customersAdded: customers.get(id)?.n ?? 0,
    });
  }
  return facts;
}
