import type { FunnelCounts } from '@shared/campaigns';
import type { RoiCode, RoiInput, SellInWindows, Window } from '@shared/campaigns/roi';
import { SELL_IN_STATUSES, sellInWindows } from '@shared/campaigns/roi';
import type { Db, Where } from '../../../_kit/db';
import type { CampaignDocument } from '../lib';
import { rowsByCode } from '../code-rows';
import { settlePending } from '../tally';

/** get()'s cap per request. */
const PAGE = 1000;

/** Every document of a query, page by page in the given order. */
async function pages<T>(read: (skip: number) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += PAGE) {
    const page = await read(skip);
    out.push(...page);
    if (page.length < PAGE) return out;
  }
}

/** The counters of each code, folded over its days and visit shards (in the database: code-rows). */
async function countsByCode(db: Db, where: Where): Promise<Record<string, FunnelCounts>> {
  const out: Record<string, FunnelCounts> = {};
  for (const { code, visits, uniqueVisitors, leads, redemptions, sales } of await rowsByCode(db, where)) {
    out[code] = { visits, uniqueVisitors, leads, redemptions, sales };
  }
  return out;
}

/**
 * A dealer's sell-in in one window: the payable of its orders placed in it that count
 * (SELL_IN_STATUSES), fen. Read through the dealer's orders by _id with the window as a filter, as
 * the rebate facts read a period's deliveries, on the index orders already have.
 */
async function sellIn(db: Db, dealerId: string, w: Window): Promise<number> {
  if (w.to <= w.from) return 0;
  const _ = db.command;
  const where = { dealerId, createdAt: _['and']!([_['gte']!(w.from), _['lt']!(w.to)]) };
  const orders = await pages<{ payable: number; status: string }>((skip) =>
    db.find('orders', where, { orderBy: [['_id', 'asc']], skip, limit: PAGE, fields: { payable: true, status: true } }),
  );
  return orders.filter((o) => (SELL_IN_STATUSES as readonly string[]).includes(o.status)).reduce((s, o) => s + o.payable, 0);
}

async function sellInOf(db: Db, dealerId: string, windows: Record<keyof SellInWindows, Window>): Promise<SellInWindows> {
  const [during, before, lastYearDuring, lastYearBefore] = await Promise.all(
    (['during', 'before', 'lastYearDuring', 'lastYearBefore'] as const).map((k) => sellIn(db, dealerId, windows[k])),
  );
  return { during: during!, before: before!, lastYearDuring: lastYearDuring!, lastYearBefore: lastYearBefore! };
}

/** The sharer codes of a campaign as the ROI names them. */
export async function codesOf(db: Db, campaignId: string): Promise<RoiCode[]> {
  const docs = await pages((skip) => db.find('campaign_codes', { campaignId }, { orderBy: [['_id', 'asc']], skip, limit: PAGE }));
  return docs.map((c) => ({
    code: c._id,
    dealerId: c.dealerId,
    dealerName: c.dealerName,
    dealerRegion: c.dealerRegion,
    clerkId: c.clerkId,
    clerkName: c.sharerName,
  }));
}

/** The counts of some codes (a sharer's own, a store's), without anything the brand keeps to itself. */
export async function countsOf(db: Db, campaignId: string, where: Where = {}): Promise<Record<string, FunnelCounts>> {
  // Leads committed but not yet in the counters are added first (tally.ts).
  await settlePending(db, campaignId);
  return countsByCode(db, { campaignId, ...where });
}

/** Everything the whole campaign's ROI is computed from: codes, counts, budgets, and each dealer's sell-in windows. */
export async function roiInput(db: Db, c: CampaignDocument, now: number): Promise<{ input: RoiInput; window: Window }> {
  const [codes, counts, budgets] = await Promise.all([
    codesOf(db, c._id),
    countsOf(db, c._id),
    pages((skip) => db.find('campaign_budgets', { campaignId: c._id }, { orderBy: [['_id', 'asc']], skip, limit: PAGE })),
  ]);
  const windows = sellInWindows(c.startAt, c.endAt, now);
  const dealerIds = [...new Set(codes.map((x) => x.dealerId))];
  const sells = await Promise.all(dealerIds.map((id) => sellInOf(db, id, windows)));
  return {
    input: {
      cost: c.cost,
      couponValueFen: c.coupon.valueFen,
      codes,
      counts,
      budgets: Object.fromEntries(budgets.map((b) => [b.dealerId, b.budgetFen])),
      sellIn: Object.fromEntries(dealerIds.map((id, i) => [id, sells[i]!])),
    },
    window: windows.during,
  };
}
