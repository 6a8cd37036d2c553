import { randomBytes } from 'node:crypto';
import type { CampaignCouponDoc, CampaignLeadDoc } from '@shared/campaigns';
import { campaignPhase, couponCodeFromBytes, LEAD_PRIVACY } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import type { CouponView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { DAY_MS, shanghaiDayKey } from '@shared/time';
import { PUBLIC } from '@shared/roles';
import type { Db, Tx } from '../../../_kit/db';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { couponView, eventTransaction, visitorId } from '../lib';
import type { Opened } from '../scene';
import { consumer, open } from '../scene';
import { leadTallyId, settleTally } from '../tally';
import type { VisitorState } from '../visit';
import { recordVisit } from '../visit';

/** The consumer's details as the lead form sent them. */
interface LeadForm {
  name: string;
  mobile: string;
  consentVersion?: string | undefined;
}

/**
 * A consumer leaves their name and mobile on the landing page and gets the campaign's coupon:
 * once per consumer per campaign (a second lead answers the first coupon again, `replayed`), and
 * never through their own code.
 */
export const lead = defineAction(contracts.campaigns.lead, [PUBLIC], async (input, { db, caller, now }) => {
  const openid = consumer(caller);
  if (openid instanceof Refusal) return openid;
  const o = await open(db, input.scene);
  if (o instanceof Refusal) return o;
  // Consent to another text than the one in force is no consent to this one: read it again.
  if (input.consentVersion !== undefined && input.consentVersion !== LEAD_PRIVACY.version) {
    return new Refusal('CONFLICT', '隐私说明已更新，请重新阅读并勾选同意', { reason: 'consent_version', version: LEAD_PRIVACY.version });
  }
  const refused = refusedLead(o, openid, now);
  if (refused) return refused;
  // Drawn before the transaction so a retry after a conflict keeps the same coupon code.
  const couponCode = couponCodeFromBytes(randomBytes(11));
  const result = await eventTransaction(db, (tx) => issueCoupon(tx, db, o, openid, input, couponCode, now));
  if (!(result instanceof Refusal)) {
    await settleTally(db, leadTallyId(result.leadId));
    return { coupon: couponView(couponCode, result, now), replayed: false };
  }
  const existing = result.details?.['couponCode'];
  if (result.message !== 'replayed' || typeof existing !== 'string') return result;
  return replayed(db, existing, now);
});

/** Why this consumer may not leave a lead through this code now, or null when they may. */
function refusedLead(o: Opened, openid: string, now: number): Refusal | null {
  const c = o.campaign;
  const phase = campaignPhase(c, now);
  if (phase === 'scheduled') return new Refusal('CONFLICT', `活动 ${c.period.from} 开始，届时再来领取`);
  if (phase !== 'running') return new Refusal('CONFLICT', '活动已结束，感谢关注');
  if (openid === o.owner.sharerOpenid) return new Refusal('FORBIDDEN', '不能通过自己的推广码留资领券');
  return null;
}

/**
 * In the event's transaction: count the visit and the lead, then record the lead and issue its
 * coupon. A consumer who already has a coupon is refused with it ('replayed'), nothing counted twice.
 * Every document written is this consumer's own: the counts go to the lead's tally, added to the
 * sharer's busy counter row after the commit (tally.ts), so other leads arriving at the same
 * moment cannot make this one fail.
 */
async function issueCoupon(tx: Tx, db: Db, o: Opened, openid: string, form: LeadForm, couponCode: string, now: number): Promise<CampaignCouponDoc> {
  const c = o.campaign;
  const vid = visitorId(c._id, openid);
  // One lead per consumer per campaign: the same answer again, and nothing counted twice. Asked
  // before counting, as a twin's tally (same id) may still be waiting to be added to the counters.
  const visitor = await tx.get<VisitorState>('campaign_visitors', vid);
  if (visitor?.couponCode) refuse('CONFLICT', 'replayed', { couponCode: visitor.couponCode });
  await recordVisit(tx, db, o, openid, now, { leads: 1, tallyId: leadTallyId(vid) }, { visitor });
  const owner = { code: o.code, dealerId: o.owner.dealerId, clerkId: o.owner.clerkId };
  const leadDoc: CampaignLeadDoc = {
    campaignId: c._id,
    ...owner,
    openid,
    name: form.name,
    mobile: form.mobile,
    consentAt: now,
    consentVersion: form.consentVersion ?? LEAD_PRIVACY.version,
    couponCode,
    at: now,
    day: shanghaiDayKey(now),
  };
  await tx.add('campaign_leads', { _id: vid, ...leadDoc });
  const coupon: CampaignCouponDoc = {
    ...c.coupon,
    campaignId: c._id,
    campaignTitle: c.title,
    ...owner,
    dealerName: o.owner.dealerName,
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
}

/** The coupon a consumer's earlier lead was given, answered again. */
async function replayed(db: Db, couponCode: string, now: number): Promise<{ coupon: CouponView; replayed: boolean } | Refusal> {
  const coupon = await db.getById('campaign_coupons', couponCode);
  if (!coupon) return new Refusal('NOT_FOUND', '没有找到你的优惠券，请联系门店');
  return { coupon: couponView(couponCode, coupon, now), replayed: true };
}
