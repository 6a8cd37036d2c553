import { randomBytes } from 'node:crypto';
import type { CampaignCodeDoc, CampaignCouponDoc, CampaignDoc, CampaignLeadDoc, CampaignVisitDoc, CampaignVisitorDoc, CodeProblem } from '@shared/campaigns';
import { CODE_PROBLEM_MESSAGES, campaignPhase, couponCodeFromBytes, parseCode, PHASE_LABELS } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import type { LandingView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { DAY_MS, shanghaiDayKey } from '@shared/time';
import { PUBLIC } from '@shared/roles';
import type { Db, Stored, Tx } from '../../../_kit/db';
import { refuse } from '../../../_kit/orders';
import type { Caller } from '../../../_kit/router';
import { defineAction, defineOpenidAction } from '../../../_kit/router';
import type { CampaignDocument } from '../lib';
import { bumpStats, couponView, eventTransaction, visitorId } from '../lib';

/** The stored visitor document with the codes it was counted through today (code → YYYYMMDD). */
type VisitorState = CampaignVisitorDoc & { seen?: Record<string, string> };

interface Opened {
  code: string;
  owner: Stored<CampaignCodeDoc>;
  campaign: CampaignDocument;
  /** The consumer's visitor document when it could be read beside the code (undefined: not read). */
  visitor?: VisitorState | null;
}

/**
 * What a scene stands for, or a friendly refusal: NOT_FOUND with `details.reason` (the format
 * problem, or `unknown`) for a code that cannot be read or that this system never issued. A
 * malformed scene costs no database read.
 */
async function open(db: Db, scene: string, openid?: string): Promise<Opened | Refusal> {
  let raw = scene;
  try {
    raw = decodeURIComponent(scene);
  } catch {
    // Not URI-encoded after all: read it as it came.
  }
  const parsed = parseCode(raw);
  if (!parsed.ok) return new Refusal('NOT_FOUND', CODE_PROBLEM_MESSAGES[parsed.problem], { reason: parsed.problem satisfies CodeProblem });
  const unknown = new Refusal('NOT_FOUND', CODE_PROBLEM_MESSAGES.unknown, { reason: 'unknown' });
  // Only what the landing page needs: posters and copy texts are the bulk of a kit.
  const campaignOf = (id: string) => db.find<CampaignDoc>('campaigns', { _id: id }, { limit: 1, fields: LANDING_FIELDS });
  // A code this instance has seen: its campaign is read beside it rather than after it.
  const known = campaignOfCode.get(parsed.code);
  // And so is the visitor's own document, whose id is the campaign's and the consumer's.
  const [owner, guessed, visitor] = await Promise.all([
    db.getById<CampaignCodeDoc>('campaign_codes', parsed.code),
    known ? campaignOf(known) : null,
    known && openid ? db.getById<VisitorState>('campaign_visitors', visitorId(known, openid)) : undefined,
  ]);
  if (!owner) return unknown;
  const hit = guessed && known === owner.campaignId;
  const [campaign] = hit ? guessed : await campaignOf(owner.campaignId);
  if (campaignOfCode.size >= CODE_MEMO_CAP) campaignOfCode.clear();
  campaignOfCode.set(parsed.code, owner.campaignId);
  if (!campaign || campaign.status === 'draft') return unknown;
  return { code: parsed.code, owner, campaign, ...(hit ? { visitor } : {}) };
}

/**
 * The campaign of each code this instance has opened. A code belongs to one campaign for good
 * (kits.ts issues it once), and the code and the campaign are still read on every visit; the
 * memo only lets the two reads go out together, one network hop instead of two in CloudBase.
 */
const campaignOfCode = new Map<string, string>();
const CODE_MEMO_CAP = 10_000;

const LANDING_FIELDS = { title: true, summary: true, period: true, status: true, startAt: true, endAt: true, coupon: true, share: true };

function consumer(caller: Caller): string | Refusal {
  return caller.openid ?? new Refusal('UNAUTHENTICATED', '请在微信中打开活动页面');
}

/**
 * Count a visit inside the event's transaction: once per consumer per code per Shanghai day (the
 * visitor document remembers the day each code was last counted), a consumer's first visit in
 * the campaign also counting as a unique visitor under that code. Returns the visitor as it was.
 *
 * `read` is the visitor as read just before the transaction, when it was (the landing reads it
 * beside the code, saving the transaction a round trip of reads). Nothing then rests on that
 * read going stale: both counts are guarded by inserts that fail on a second try — the visit's id
 * is code, day and consumer, a first visitor's document is added, not set — and a failed insert
 * makes eventTransaction run the work again, reading the visitor inside the transaction.
 */
async function recordVisit(
  tx: Tx,
  db: Db,
  o: Opened,
  openid: string,
  now: number,
  extra: { leads?: number } = {},
  read?: VisitorState | null,
): Promise<{ counted: boolean; visitor: VisitorState | null }> {
  const vid = visitorId(o.campaign._id, openid);
  const visitor = read !== undefined ? read : await tx.get<VisitorState>('campaign_visitors', vid);
  const day = shanghaiDayKey(now);
  if (visitor?.seen?.[o.code] === day) {
    if (extra.leads) await bumpStats(tx, db, { campaignId: o.campaign._id, code: o.code, day }, extra, o.owner);
    return { counted: false, visitor };
  }
  const first = visitor === null;
  const visit: CampaignVisitDoc = { campaignId: o.campaign._id, code: o.code, dealerId: o.owner.dealerId, clerkId: o.owner.clerkId, openid, day, at: now, firstInCampaign: first };
  const doc: VisitorState = { campaignId: o.campaign._id, openid, firstCode: o.code, firstAt: now, couponCode: null, seen: { [o.code]: day } };
  // Three documents, none written from another's answer: one round trip for all (in CloudBase
  // each is a network hop, and a shorter transaction meets fewer competing visits).
  await Promise.all([
    tx.add('campaign_visits', { _id: `${o.code}:${day}:${openid}`, ...visit }),
    first ? tx.add('campaign_visitors', { _id: vid, ...doc }) : tx.update('campaign_visitors', vid, { seen: { [o.code]: day } }),
    bumpStats(tx, db, { campaignId: o.campaign._id, code: o.code, day }, { visits: 1, uniqueVisitors: first ? 1 : 0, ...extra }, o.owner),
  ]);
  return { counted: true, visitor };
}

// The visitor is known by OPENID alone (no user record is read for it: defineOpenidAction).
export const landing = defineOpenidAction(contracts.campaigns.landing, async ({ scene }, { db, caller, now }) => {
  const openid = consumer(caller);
  if (openid instanceof Refusal) return openid;
  const o = await open(db, scene, openid);
  if (o instanceof Refusal) return o;
  const c = o.campaign;
  const phase = campaignPhase(c, now);
  let counted = false;
  let couponCode: string | null = null;
  // Only a running campaign counts visits, and a sharer opening their own code is not a visit.
  if (phase === 'running' && openid !== o.owner.sharerOpenid) {
    // The visitor read beside the code serves the first run; a run again after a failed insert reads it afresh.
    let read = o.visitor;
    const r = await eventTransaction(db, (tx) => {
      const known = read;
      read = undefined;
      return recordVisit(tx, db, o, openid, now, {}, known);
    });
    if (r instanceof Refusal) return r;
    counted = r.counted;
    couponCode = r.visitor?.couponCode ?? null;
  } else {
    const visitor = o.visitor !== undefined ? o.visitor : await db.getById<VisitorState>('campaign_visitors', visitorId(c._id, openid));
    couponCode = visitor?.couponCode ?? null;
  }
  const coupon = couponCode ? await db.getById<CampaignCouponDoc>('campaign_coupons', couponCode) : null;
  const view: LandingView = {
    code: o.code,
    campaign: { id: c._id, title: c.title, summary: c.summary, period: c.period, phase, phaseLabel: PHASE_LABELS[phase], coupon: c.coupon, share: c.share },
    dealerName: o.owner.dealerName,
    sharerName: o.owner.sharerName,
    visitCounted: counted,
    coupon: coupon && couponCode ? couponView(couponCode, coupon, now) : null,
  };
  return view;
});

export const lead = defineAction(contracts.campaigns.lead, [PUBLIC], async (input, { db, caller, now }) => {
  const openid = consumer(caller);
  if (openid instanceof Refusal) return openid;
  const o = await open(db, input.scene);
  if (o instanceof Refusal) return o;
  const c = o.campaign;
  const phase = campaignPhase(c, now);
  if (phase === 'scheduled') return new Refusal('CONFLICT', `活动 ${c.period.from} 开始，届时再来领取`);
  if (phase !== 'running') return new Refusal('CONFLICT', '活动已结束，感谢关注');
  if (openid === o.owner.sharerOpenid) return new Refusal('FORBIDDEN', '不能通过自己的推广码留资领券');
  // Drawn before the transaction so a retry after a conflict keeps the same coupon code.
  const couponCode = couponCodeFromBytes(randomBytes(11));
  const vid = visitorId(c._id, openid);
  const result = await eventTransaction(db, async (tx) => {
    const { visitor } = await recordVisit(tx, db, o, openid, now, { leads: 1 });
    if (visitor?.couponCode) {
      // One lead per consumer per campaign: the same answer again, and nothing counted twice.
      refuse('CONFLICT', 'replayed', { couponCode: visitor.couponCode });
    }
    const day = shanghaiDayKey(now);
    const leadDoc: CampaignLeadDoc = {
      campaignId: c._id,
      code: o.code,
      dealerId: o.owner.dealerId,
      clerkId: o.owner.clerkId,
      openid,
      name: input.name,
      mobile: input.mobile,
      consentAt: now,
      couponCode,
      at: now,
      day,
    };
    await tx.add('campaign_leads', { _id: vid, ...leadDoc });
    const coupon: CampaignCouponDoc = {
      ...c.coupon,
      campaignId: c._id,
      campaignTitle: c.title,
      code: o.code,
      dealerId: o.owner.dealerId,
      dealerName: o.owner.dealerName,
      clerkId: o.owner.clerkId,
      leadId: vid,
      openid,
      issuedAt: now,
      expiresAt: now + c.coupon.validDays * DAY_MS,
      status: 'issued',
      redeemedAt: null,
      redeemedBy: null,
      redeemedByName: null,
      saleAmount: null,
    };
    await tx.add('campaign_coupons', { _id: couponCode, ...coupon });
    await tx.update('campaign_visitors', vid, { couponCode });
    return coupon;
  });
  if (result instanceof Refusal) {
    const existing = result.details?.['couponCode'];
    if (result.message !== 'replayed' || typeof existing !== 'string') return result;
    const coupon = await db.getById<CampaignCouponDoc>('campaign_coupons', existing);
    if (!coupon) return new Refusal('NOT_FOUND', '没有找到你的优惠券，请联系门店');
    return { coupon: couponView(existing, coupon, now), replayed: true };
  }
  return { coupon: couponView(couponCode, result, now), replayed: false };
});
