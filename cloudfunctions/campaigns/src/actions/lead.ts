import { randomBytes } from 'node:crypto';
import type { CampaignCouponDoc, CampaignLeadDoc } from '@shared/campaigns';
import { campaignPhase, couponCodeFromBytes } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { DAY_MS, shanghaiDayKey } from '@shared/time';
import { PUBLIC } from '@shared/roles';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { couponView, eventTransaction, visitorId } from '../lib';
import { consumer, open } from '../scene';
import { recordVisit } from '../visit';

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
