import type { CampaignCodeDoc, CampaignCouponDoc, CampaignDoc, CampaignLeadDoc, CampaignStatsDoc, FunnelCounts } from '@shared/campaigns';
import { campaignPhase, PHASE_LABELS } from '@shared/campaigns';
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
 * Add to the funnel counters of one campaign, code and day inside the event's transaction. The
 * common case is one round trip (an increment of an existing counter document); the first event
 * of a sharer's day creates it from the code's names.
 */
export async function bumpStats(
  tx: Tx,
  db: Db,
  key: StatsKey,
  delta: Partial<FunnelCounts>,
  codeDoc: CampaignCodeDoc | (() => Promise<CampaignCodeDoc | null>),
): Promise<void> {
  const id = statsId(key.campaignId, key.code, key.day);
  const inc = incOf(db, delta);
  if ((await tx.update('campaign_stats', id, inc)) > 0) return;
  const owner = typeof codeDoc === 'function' ? await codeDoc() : codeDoc;
  if (!owner) throw new Error(`campaign code ${key.code} has no document`);
  await tx.set('campaign_stats', id, statsRow(key, delta, owner));
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
