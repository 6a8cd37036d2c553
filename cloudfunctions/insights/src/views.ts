import { REGIONS, levelName, regionName } from '@shared/dealer';
import { type DealerHealth, dealerHealth } from '@shared/insights/health';
import type { InsightSalesDoc } from '@shared/insights/stored';
import type { Db } from '../../_kit/db';
import { salesOrders } from './sales-orders';

const DAY_MS = 86_400_000;

/**
 * Loaders shared by the 洞察 read actions (and the 问渠道 tools): each reads only the caller's
 * regions ('all' for admins), by the indexes in shared/indexes.ts.
 */
const inRegions = (db: Db, field: string, regions: 'all' | string[]) => (regions === 'all' ? {} : { [field]: db.command['in']!(regions) });

/** The aggregate fields the pages read: each row's orderIds and returnIds are most of it, and no page needs them. */
const ROW_FIELDS = Object.fromEntries(['month', 'region', 'categoryId', 'sku', 'dealerId', 'qty', 'amount'].map((f) => [f, true]));
export type PageRow = Pick<InsightSalesDoc, 'month' | 'region' | 'categoryId' | 'sku' | 'dealerId' | 'qty' | 'amount'> & { _id: string };

/**
 * The stored monthly aggregates of `months` in `regions`, page by page in _id order (index: month,
 * region, _id); every region named even for an admin, so that index serves the paging.
 */
export async function monthlyRows(db: Db, months: string[], regions: 'all' | string[]): Promise<PageRow[]> {
  const where = { month: db.command['in']!(months), region: db.command['in']!(regions === 'all' ? Object.keys(REGIONS) : regions) };
  const out: PageRow[] = [];
  for (let after = ''; ;) {
    const page = await db.find<PageRow>(
      'insight_sales_monthly',
      { ...where, _id: db.command['gt']!(after) },
      { orderBy: [['_id', 'asc']], limit: 1000, fields: ROW_FIELDS },
    );
    out.push(...page);
    if (page.length < 1000) return out;
    after = page[page.length - 1]!._id;
  }
}

/** Names for category ids and SKUs (missing ones keep their code). */
export async function namesOf(db: Db, what: 'categories' | 'products', keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  if (what === 'categories') return new Map((await db.getMany('categories', keys)).map((c) => [c._id, c.name]));
  // A page of names at most (the pages show 20 lines): one read by the unique sku index.
  const products = await db.find('products', { sku: db.command['in']!(keys.slice(0, 500)) }, { limit: 1000 });
  return new Map(products.map((p) => [p.sku, p.name]));
}

/**
 * Health of the dealers of `regions` as the nightly job stored it (insight_health), the weakest
 * first; computed from the orders when nothing is stored yet (a fresh install before its first night).
 */
export async function healthOf(db: Db, regions: 'all' | string[], asOf: number): Promise<Array<DealerHealth & { regionName: string; levelName: string }>> {
  if (regions !== 'all' && regions.length === 0) return [];
  const byScore = { orderBy: [['score', 'asc'] as [string, 'asc'], ['_id', 'asc'] as [string, 'asc']], limit: 1000 };
  // One read per region by (region, score, _id), or all by (score, _id): each the worst 1,000 at most.
  const stored = (
    await Promise.all(regions === 'all' ? [db.find('insight_health', {}, byScore)] : regions.map((r) => db.find('insight_health', { region: r }, byScore)))
  ).flat();
  if (stored.length === 0) return computedHealth(db, regions, asOf);
  return stored.map(({ _id, asOf: _a, month: _m, computedAt: _c, ...h }) => ({ ...h, regionName: regionName(h.region), levelName: levelName(h.level) }));
}

/** The forecasts stored on the first night of the month for `level` in `regions` (index: level, region, _id). */
export function storedForecasts(db: Db, level: 'category' | 'sku', regions: 'all' | string[]) {
  return db.findAll('insight_forecasts', { level, region: db.command['in']!(regions === 'all' ? Object.keys(REGIONS) : regions) });
}

/** Health computed on read from the last year's orders. */
async function computedHealth(db: Db, regions: 'all' | string[], asOf: number): Promise<Array<DealerHealth & { regionName: string; levelName: string }>> {
  if (regions !== 'all' && regions.length === 0) return [];
  const _ = db.command;
  // The year's orders by the createdAt index (as the nightly job reads them), the regions kept here.
  const [year, dealers] = await Promise.all([
    salesOrders(db, { createdAt: _['gte']!(asOf - 365 * DAY_MS) }),
    db.findAll('dealers', inRegions(db, 'region', regions)),
  ]);
  const orders = regions === 'all' ? year : year.filter((o) => regions.includes(o.dealerRegion));
  const scored = dealerHealth(
    orders,
    dealers.map((d) => ({ _id: d._id, name: d.name, region: d.region, level: d.level })),
    asOf,
  );
  return scored.map((h) => ({ ...h, regionName: regionName(h.region), levelName: levelName(h.level) }));
}
