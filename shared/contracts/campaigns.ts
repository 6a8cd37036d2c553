import { z } from 'zod';
import { action } from '../contract';
import { campaignRoi } from './campaign-roi';
import type { CampaignPhase, CampaignStatus, CouponSpec, Funnel, PosterTemplate } from '../campaigns';
import { campaignChangesSchema, campaignIdSchema, campaignKitSchema, leadInputSchema, saleAmountSchema } from '../campaigns';

/** A campaign in lists: what a sharer needs to pick one. */
export interface CampaignSummary {
  id: string;
  title: string;
  summary: string;
  status: CampaignStatus;
  phase: CampaignPhase;
  /** 草稿 / 未开始 / 进行中 / 已结束. */
  phaseLabel: string;
  period: { from: string; to: string };
  couponTitle: string;
  shareTitle: string;
}

/** A campaign kit for sharers: posters, copy texts, the share card and the coupon on offer. */
export interface CampaignDetail extends CampaignSummary {
  coupon: CouponSpec;
  posters: PosterTemplate[];
  copyTexts: string[];
  share: { title: string; imageUrl: string | null };
  visibility: { levels: string[]; regions: string[] };
  /** The campaign's cost, fen: brand staff only (null for dealers and clerks). */
  cost: number | null;
  /** The product the posters show: its name and a loadable picture (null: none yet, the poster draws a block). */
  product: { sku: string; name: string; image: string | null } | null;
  /** The sharer's store as consumers see it on posters (null for brand staff, who have none). */
  store: StoreView | null;
}

/** What a sharer gets for a campaign: their own code, its mini-program code image, the landing page. */
export interface ShareKit {
  campaignId: string;
  code: string;
  /** cloud:// fileID of the mini-program code image (generated once, reused). */
  qrFileId: string;
  /** A temporary https URL of that image (for drawing it on the poster). */
  qrUrl: string;
  /** The landing page and its query, for the share card and links: `/${landingPage}?scene=${code}`. */
  landingPage: string;
  sharerName: string;
  dealerName: string;
  /** False when the code already existed (codes are reused). */
  created: boolean;
}

export type CouponState = 'issued' | 'redeemed' | 'expired';

export interface CouponView {
  couponCode: string;
  title: string;
  valueFen: number;
  minSpendFen: number;
  status: CouponState;
  issuedAt: number;
  expiresAt: number;
  redeemedAt: number | null;
  saleAmount: number | null;
  campaignId: string;
  campaignTitle: string;
  dealerName: string;
}

/** The store where a coupon is used: the sharer's dealer, with its address and map position when known. */
export interface StoreView {
  name: string;
  address: string | null;
  /** GCJ-02, as wx.openLocation and Chinese map apps take them. */
  location: { latitude: number; longitude: number } | null;
}

/** The consumer's consent as recorded with their lead. */
export interface ConsentView {
  version: string | null;
  at: number;
  /** Set once withdrawn: the mobile number is gone. */
  withdrawnAt: number | null;
}

/** The consumer's landing page: the campaign behind the code, and their coupon if they already left a lead. */
export interface LandingView {
  code: string;
  campaign: {
    id: string;
    title: string;
    summary: string;
    period: { from: string; to: string };
    phase: CampaignPhase;
    phaseLabel: string;
    coupon: CouponSpec;
    share: { title: string; imageUrl: string | null };
  };
  dealerName: string;
  sharerName: string;
  /** True when this opening counted as a visit (first of the day through this code, campaign running, not the sharer). */
  visitCounted: boolean;
  coupon: CouponView | null;
  /** The sharer's store: where the coupon is used. */
  store: StoreView;
  /** The consent given with the consumer's lead (null before any lead). */
  consent: ConsentView | null;
}

export interface FunnelView {
  campaign: { id: string; title: string; phase: CampaignPhase; phaseLabel: string; period: { from: string; to: string } };
  /** Whose figures these are: the clerk's own, the dealer's sharers, a manager's regions, or all. */
  scope: 'own' | 'dealer' | 'regions' | 'all';
  funnel: Funnel;
}

const campaignRef = z.strictObject({ campaignId: campaignIdSchema });
const couponCodeInput = z.string().trim().min(1).max(40);

export const CAMPAIGN_EXAMPLE = {
  id: 'spring-tea-2026',
  title: '青禾春茶 到店尝鲜',
  summary: '扫码领取 ¥10 到店立减券，满 ¥50 可用',
  period: { from: '2026-11-01', to: '2026-12-31' },
  cost: 2_000_000,
  coupon: { title: '到店立减 ¥10', valueFen: 1000, minSpendFen: 5000, validDays: 30 },
  posters: [
    {
      id: 'green',
      name: '清新绿',
      width: 750,
      height: 1200,
      background: '#e8f5e9',
      imageUrl: null,
      areas: [
        { kind: 'title' as const, x: 60, y: 80, width: 630, height: 90, fontSize: 56, color: '#1b5e20', align: 'center' as const },
        { kind: 'dealerName' as const, x: 60, y: 760, width: 630, height: 60, fontSize: 34, align: 'center' as const },
        { kind: 'code' as const, x: 235, y: 840, width: 280, height: 280 },
        { kind: 'sharerName' as const, x: 60, y: 1130, width: 630, height: 50, fontSize: 26, color: '#555555', align: 'center' as const },
      ],
    },
  ],
  copyTexts: ['春茶上新，到店立减 ¥10！扫码领券，满 ¥50 可用。'],
  share: { title: '送你一张青禾春茶 ¥10 立减券', imageUrl: null },
  visibility: { levels: [], regions: [] },
};

export const campaigns = {
  /** Create a campaign kit as a draft (admin, console). */
  create: action<{ id: string; status: CampaignStatus }>()(campaignKitSchema, CAMPAIGN_EXAMPLE),
  /** Change a draft before it is published (any of the kit's fields, each given whole); the merged kit is validated again. */
  update: action<{ id: string; status: CampaignStatus; updatedAt: number }>()(
    z.strictObject({ campaignId: campaignIdSchema, changes: campaignChangesSchema }),
    { campaignId: 'spring-tea-2026', changes: { period: { from: '2026-11-01', to: '2031-01-31' }, cost: 2_500_000 } },
  ),
  /** Publish a draft: sharers of the visible levels and regions see it and get codes. */
  publish: action<{ id: string; status: CampaignStatus; publishedAt: number }>()(campaignRef, { campaignId: 'spring-tea-2026' }),
  /** End a campaign early, with a reason: landing pages stop counting and taking leads. */
  end: action<{ id: string; status: CampaignStatus; endedAt: number }>()(
    z.strictObject({ campaignId: campaignIdSchema, reason: z.string().trim().min(2).max(200) }),
    { campaignId: 'spring-tea-2026', reason: '活动预算用完' },
  ),
  /** Campaigns for the caller: sharers see published ones visible to their dealer; brand staff see all. */
  list: action<{ items: CampaignSummary[] }>()(z.strictObject({})),
  /** One campaign kit: posters, copy texts, share card. */
  get: action<CampaignDetail>()(campaignRef, { campaignId: 'spring-tea-2026' }),
  /** The caller's own code for a campaign (created once and reused) with its mini-program code image. */
  myCode: action<ShareKit>()(campaignRef, { campaignId: 'spring-tea-2026' }),
  /** A consumer opens a code: the campaign, the visit recorded (once per day), their coupon if any. */
  landing: action<LandingView>()(z.strictObject({ scene: z.string().min(1).max(64) }), { scene: 'Q0000000000' }),
  /** A consumer leaves a lead (name, mobile, consent) and gets a coupon; once per campaign. */
  lead: action<{ coupon: CouponView; replayed: boolean }>()(leadInputSchema, { scene: 'Q0000000000', name: '陈女士', mobile: '13800138000', consent: true }),
  /**
   * A consumer withdraws the consent given with their lead for a campaign: the mobile number is
   * deleted at once (the coupon stays usable), and the withdrawal is audited. Again: the same answer.
   */
  withdrawConsent: action<{ consent: ConsentView }>()(campaignRef, { campaignId: 'spring-tea-2026' }),
  /** A clerk looks up a scanned or typed coupon before redeeming it. */
  coupon: action<CouponView>()(z.strictObject({ couponCode: couponCodeInput }), { couponCode: '7HX2KD9MB4QR' }),
  /** A clerk redeems a coupon in store, recording the sale amount (fen); a coupon redeems once. */
  redeem: action<{ coupon: CouponView }>()(z.strictObject({ couponCode: couponCodeInput, saleAmount: saleAmountSchema }), {
    couponCode: '7HX2KD9MB4QR',
    saleAmount: 8800,
  }),
  /** The funnel of a campaign by dealer and sharer, scoped to the caller. */
  funnel: action<FunnelView>()(campaignRef, { campaignId: 'spring-tea-2026' }),
  /** The whole funnel by sharer as CSV (admin, console). */
  funnelCsv: action<{ filename: string; csv: string }>()(campaignRef, { campaignId: 'spring-tea-2026' }),
  ...campaignRoi,
};
