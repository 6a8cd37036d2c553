import { parseCouponCode } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { callerDealer } from '../../../_kit/caller';
import { defineAction } from '../../../_kit/router';
import { couponView } from '../lib';
import { NOT_A_COUPON, OTHER_STORE } from '../coupon-messages';

/** A clerk (or the dealer owner) looks a coupon up before redeeming: only their own dealer's coupons. */
export const coupon = defineAction(contracts.campaigns.coupon, ['dealer', 'clerk'], async ({ couponCode }, ctx) => {
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  const code = parseCouponCode(couponCode);
  if (!code) return new Refusal('NOT_FOUND', NOT_A_COUPON);
  const doc = await ctx.db.getById('campaign_coupons', code);
  if (!doc) return new Refusal('NOT_FOUND', NOT_A_COUPON);
  if (doc.dealerId !== dealer._id) return new Refusal('FORBIDDEN', OTHER_STORE);
  return couponView(code, doc, ctx.now);
});
