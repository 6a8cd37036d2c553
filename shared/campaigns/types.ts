import type { CampaignKit, CouponSpec } from './schemas';

/** draft → published → ended (by an admin, or simply past its last day). */
export type CampaignStatus = 'draft' | 'published' | 'ended';
/** Where a campaign stands at an instant, for people: 草稿 / 未开始 / 进行中 / 已结束. */
export type CampaignPhase = 'draft' | 'scheduled' | 'running' | 'over';

/** A campaign kit as stored in `campaigns` (_id = kit id). Times are epoch ms. */
export interface CampaignDoc extends Omit<CampaignKit, 'id'> {
  status: CampaignStatus;
  startAt: number;
  endAt: number;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  publishedAt: number | null;
  endedAt: number | null;
  endReason: string | null;
}

/**
 * `campaign_codes` (_id = the code): who a code stands for. One per sharer per campaign; its id
 * is derived from campaign + sharer (deriveCode), so concurrent requests create one document.
 */
export interface CampaignCodeDoc {
  campaignId: string;
  dealerId: string;
  /** The sharer: a store clerk or the dealer owner (users _id). */
  clerkId: string;
  sharerOpenid: string;
  sharerRole: 'clerk' | 'dealer';
  sharerName: string;
  dealerName: string;
  dealerRegion: string;
  /** The mini-program code image in cloud storage, generated once. */
  qrFileId: string | null;
  createdAt: number;
}

/** `campaign_visitors` (_id = campaignId:openid): one consumer in one campaign; first touch and lead. */
export interface CampaignVisitorDoc {
  campaignId: string;
  openid: string;
  /** The code through which the consumer first came (unique visitors are counted under it). */
  firstCode: string;
  firstAt: number;
  couponCode: string | null;
}

/** `campaign_visits` (_id = code:day:openid): a visit, counted once per visitor per code per Shanghai day. */
export interface CampaignVisitDoc {
  campaignId: string;
  code: string;
  dealerId: string;
  clerkId: string;
  openid: string;
  day: string;
  at: number;
  /** True when this visit was the consumer's first in the campaign. */
  firstInCampaign: boolean;
}

/** `campaign_leads` (_id = campaignId:openid): one lead per consumer per campaign, attributed to the code of the page. */
export interface CampaignLeadDoc {
  campaignId: string;
  code: string;
  dealerId: string;
  clerkId: string;
  openid: string;
  name: string;
  /** Null once the consumer withdrew their consent (campaigns.withdrawConsent deletes the number). */
  mobile: string | null;
  /** When the consumer agreed to be contacted (the consent box). */
  consentAt: number;
  /** The privacy notice's version they agreed to (LEAD_PRIVACY.version; absent on leads left before it was recorded). */
  consentVersion?: string;
  /** When they withdrew their consent. */
  consentWithdrawnAt?: number;
  /** When the retention timer deleted the number (LEAD_PRIVACY.retentionDays after the campaign ended). */
  mobilePurgedAt?: number;
  couponCode: string;
  at: number;
  day: string;
}

export type CouponStatus = 'issued' | 'redeemed';

/** `campaign_coupons` (_id = coupon code): issued with a lead, redeemed once in the sharer's store. */
export interface CampaignCouponDoc extends CouponSpec {
  campaignId: string;
  campaignTitle: string;
  code: string;
  dealerId: string;
  dealerName: string;
  clerkId: string;
  leadId: string;
  openid: string;
  issuedAt: number;
  expiresAt: number;
  status: CouponStatus;
  redeemedAt: number | null;
  redeemedBy: string | null;
  redeemedByName: string | null;
  /** The sale recorded at redemption, fen. */
  saleAmount: number | null;
}

/** The funnel's counts; sales in fen. */
export interface FunnelCounts {
  visits: number;
  uniqueVisitors: number;
  leads: number;
  redemptions: number;
  sales: number;
}

/**
 * `campaign_stats` (_id = campaignId:code:day, or campaignId:code:day:vNN for a visit shard): the
 * funnel's counters per campaign per sharer per Shanghai day, so the funnel reads these aggregates
 * rather than raw events; a code's day may have several rows, which readers add up. A visit adds
 * to one of 16 shard rows (picked from the consumer's openid) in its own transaction, a
 * redemption to the base row in its own; a lead adds to the base row just after its commit,
 * through a `campaign_tallies` document (below). Names are copied in for the funnel.
 */
export interface CampaignStatsDoc extends FunnelCounts {
  campaignId: string;
  code: string;
  day: string;
  dealerId: string;
  dealerName: string;
  dealerRegion: string;
  clerkId: string;
  clerkName: string;
}

/**
 * `campaign_tallies` (_id = the id of the event that made it, e.g. `lead:<campaignId:openid>`):
 * what one committed event adds to its `campaign_stats` row (the counts are the event's delta,
 * the names those of the row to create when it is the day's first), written in the event's own
 * transaction and removed by the transaction that adds it to the row, so it is counted exactly
 * once however often that is tried. A tally still here is an event not yet in the counters.
 */
export interface CampaignTallyDoc extends CampaignStatsDoc {
  /** When the event happened, ms. */
  at: number;
}
