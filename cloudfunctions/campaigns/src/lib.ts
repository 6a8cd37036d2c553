import type { CampaignCodeDoc, CampaignCouponDoc, CampaignDoc, CampaignLeadDoc, CampaignStatsDoc, FunnelCounts } from '@shared/campaigns';
import { campaignPhase, hash53, PHASE_LABELS } from '@shared/campaigns';
import type { CampaignDetail, CampaignSummary, ConsentView, CouponView, StoreView } from '@shared/contracts';
import type { DealerDoc } from '@shared/models';
import type { Db, Stored, Tx } from '../../_kit/db';
import type { Refusal } from '@shared/envelope';
import { isDuplicateKey } from '../../_kit/sdk';
import { CONSOLE } from '@shared/roles';

/** Who manages campaign kits: brand admins at the console or in the app. */
export const BRAND = ['admin', CONSOLE] as const;

/** The consumer landing page of the mini-program (the page of every mini-program code). */
export const LANDING_PAGE = 'packages/campaign/landing/index';

export type CampaignDocument = Stored<CampaignDoc>;

export function toSummary(c: CampaignDocument, now: number): CampaignSummary {
  const phase = campaignPhase(c, now);
  return {
    id: c._id,
    title: c.title,
    summary: c.summary,
    status: c.status,
    phase,
    phaseLabel: PHASE_LABELS[phase],
    period: c.period,
    couponTitle: c.coupon.title,
    shareTitle: c.share.title,
  };
}

/** The kit as stored; the poster's product and the sharer's store are read beside it (campaigns.get). */
export function toDetail(c: CampaignDocument, now: number, showCost: boolean): Omit<CampaignDetail, 'product' | 'store'> {
  return {
    ...toSummary(c, now),
    coupon: c.coupon,
    posters: c.posters,
    copyTexts: c.copyTexts,
    share: c.share,
    visibility: c.visibility,
    cost: showCost ? c.cost : null,
  };
}

export function couponView(couponCode: string, c: CampaignCouponDoc, now: number): CouponView {
  return {
    couponCode,
    title: c.title,
    valueFen: c.valueFen,
    minSpendFen: c.minSpendFen,
    status: c.status === 'redeemed' ? 'redeemed' : now >= c.expiresAt ? 'expired' : 'issued',
    issuedAt: c.issuedAt,
    expiresAt: c.expiresAt,
    redeemedAt: c.redeemedAt,
    saleAmount: c.saleAmount,
    campaignId: c.campaignId,
    campaignTitle: c.campaignTitle,
    dealerName: c.dealerName,
  };
}

export const visitorId = (campaignId: string, openid: string) => `${campaignId}:${openid}`;
export const statsId = (campaignId: string, code: string, day: string) => `${campaignId}:${code}:${day}`;

/** Which counter row: one campaign, one sharer's code, one Shanghai day (YYYYMMDD). */
export interface StatsKey {
  campaignId: string;
  code: string;
  day: string;
}

/**
 * How many rows a code's day of visits is spread over (issue 13). A visit is counted inside its
 * own transaction and must stay so (its rounds are what a consumer waits for after the scan: no
 * settlement step after the commit, as a lead has), so the visits of a hot code must not all
 * write one document: on the single row of the code's day, dozens of scans at once kept
 * conflicting and some lost every retry (INTERNAL). Each visit instead increments one of
 * VISIT_SHARDS rows, picked from the consumer's openid: the same consumer always lands on the
 * same row (a retried visit too), different consumers spread evenly. Sharding costs the visit no
 * round: the write is the same single increment, and the row's existence is read beside the
 * visitor (scene.ts), so even a shard's first visit of the day adds it in that same round.
 *
 * Why 16: two visits in flight at one code meet on a row once in 16 instead of always, so 60
 * scans at once are ~4 per row, well inside Db.transaction's retries, while a code's day holds at
 * most 16 rows — fewer for the common code with a handful of visitors a day, since a shard row
 * exists only once a visit used it — which the readers fold in the database (code-rows.ts).
 * Leads (through their tallies) and redemptions still add to the base row (statsId).
 */
export const VISIT_SHARDS = 16;

/** The counter row of a consumer's visits through one code on one day: `statsId:vNN`, NN the shard (00–15). */
export const visitShardId = (key: StatsKey, openid: string) =>
  `${statsId(key.campaignId, key.code, key.day)}:v${String(hash53(openid) % VISIT_SHARDS).padStart(2, '0')}`;

/**
 * Add to the funnel counters of one campaign, code and day inside the event's transaction: to the
 * day's base row, or to `row.id` (a visit's shard). The common case is one round trip (an
 * increment of an existing counter document); the row's first event creates it from the code's
 * names, in that same round when `row.exists` says it was not there when read just before: an
 * insert, so if a concurrent event created it since, the duplicate key makes eventTransaction run
 * the work again (and the increment then finds it).
 */
export async function bumpStats(
  tx: Tx,
  db: Db,
  key: StatsKey,
  delta: Partial<FunnelCounts>,
  codeDoc: CampaignCodeDoc | (() => Promise<CampaignCodeDoc | null>),
  row: { id?: string; exists?: boolean } = {},
): Promise<void> {
  const id = row.id ?? statsId(key.campaignId, key.code, key.day);
  const rowOf = async () => {
    const owner = typeof codeDoc === 'function' ? await codeDoc() : codeDoc;
    if (!owner) throw new Error(`campaign code ${key.code} has no document`);
    return statsRow(key, delta, owner);
  };
  if (row.exists === false) {
    await tx.add('campaign_stats', { _id: id, ...(await rowOf()) });
    return;
  }
  if ((await tx.update('campaign_stats', id, incOf(db, delta))) > 0) return;
  await tx.set('campaign_stats', id, await rowOf());
}

/** The counter row of one campaign, code and day holding `delta`, named from the code's owner. */
export function statsRow(key: StatsKey, delta: Partial<FunnelCounts>, owner: CampaignCodeDoc): CampaignStatsDoc {
  return {
    campaignId: key.campaignId,
    code: key.code,
    day: key.day,
    dealerId: owner.dealerId,
    dealerName: owner.dealerName,
    dealerRegion: owner.dealerRegion,
    clerkId: owner.clerkId,
    clerkName: owner.sharerName,
    visits: delta.visits ?? 0,
    uniqueVisitors: delta.uniqueVisitors ?? 0,
    leads: delta.leads ?? 0,
    redemptions: delta.redemptions ?? 0,
    sales: delta.sales ?? 0,
  };
}

/** The `_.inc` patch adding `delta` to a counter row (zero counts left out). */
export function incOf(db: Db, delta: Partial<FunnelCounts>): Record<string, unknown> {
  const inc: Record<string, unknown> = {};
  for (const k of COUNTS) if (delta[k]) inc[k] = db.command['inc']!(delta[k]);
  return inc;
}

const COUNTS = ['visits', 'uniqueVisitors', 'leads', 'redemptions', 'sales'] as const;

/**
 * A transaction whose inserts use derived ids (a visit, a lead): when a concurrent twin committed
 * the same id first, the insert fails with a duplicate key rather than a write conflict, so the
 * whole unit of work is run again; it then reads the twin's result (a repeat visit, a replayed lead).
 */
export async function eventTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>, attempts = 4): Promise<T | Refusal> {
  for (let i = 1; ; i++) {
    try {
      return await db.transaction(work);
    } catch (e) {
      if (!isDuplicateKey(e) || i >= attempts) throw e;
    }
  }
}

/** The consent recorded with a lead, as the consumer's pages show it. */
export function consentView(lead: CampaignLeadDoc): ConsentView {
  return { version: lead.consentVersion ?? null, at: lead.consentAt, withdrawnAt: lead.consentWithdrawnAt ?? null };
}

/** The store of a code's dealer as consumers see it (the address and position when the dealer has them). */
export function storeView(dealerName: string, dealer: DealerDoc | null): StoreView {
  const s = dealer?.store;
  return { name: dealerName, address: s?.address ?? null, location: s ? { latitude: s.latitude, longitude: s.longitude } : null };
}
