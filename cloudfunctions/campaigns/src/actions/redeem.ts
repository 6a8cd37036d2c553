import { parseCouponCode } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { formatFen } from '@shared/money';
import { formatShanghai, shanghaiDayKey } from '@shared/time';
import { callerDealer } from '../../../_kit/caller';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { bumpStats, couponView } from '../lib';
import { NOT_A_COUPON, OTHER_STORE } from '../coupon-messages';

/**
 * Redeem in store, recording the sale. One transaction reads the coupon, checks it is this
 * store's, unused and unexpired, marks it redeemed and adds the sale to the funnel counters of
 * the code that brought the consumer. Two clerks scanning at the same moment: one commit wins,
 * the other is retried, reads it redeemed and is refused.
 */
export const redeem = defineAction(contracts.campaigns.redeem, ['dealer', 'clerk'], async ({ couponCode, saleAmount }, ctx) => {
  const { db, caller, now } = ctx;
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  const code = parseCouponCode(couponCode);
  if (!code) return new Refusal('NOT_FOUND', NOT_A_COUPON);
  const result = await db.transaction(async (tx) => {
    const c = await tx.get('campaign_coupons', code);
    if (!c) refuse('NOT_FOUND', NOT_A_COUPON);
    if (c.dealerId !== dealer._id) refuse('FORBIDDEN', OTHER_STORE);
    if (c.status === 'redeemed') {
      refuse('CONFLICT', `这张券已于 ${formatShanghai(c.redeemedAt ?? now)} 由${c.redeemedByName ?? '门店'}核销，不能重复使用`, { redeemedAt: c.redeemedAt });
    }
    if (now >= c.expiresAt) refuse('CONFLICT', `这张券已于 ${formatShanghai(c.expiresAt)} 过期`);
    if (c.minSpendFen > 0 && saleAmount < c.minSpendFen) {
      refuse('INVALID_INPUT', `消费满 ${formatFen(c.minSpendFen, { compact: true })} 才能使用这张券，本次 ${formatFen(saleAmount)}`);
    }
    const patch = { status: 'redeemed' as const, redeemedAt: now, redeemedBy: caller.user._id, redeemedByName: caller.user.name, saleAmount };
    await tx.update('campaign_coupons', code, patch);
    await bumpStats(tx, db, { campaignId: c.campaignId, code: c.code, day: shanghaiDayKey(now) }, { redemptions: 1, sales: saleAmount }, () =>
      tx.get('campaign_codes', c.code),
    );
    return { ...c, ...patch };
  });
  if (result instanceof Refusal) return result;
  return { coupon: couponView(code, result, now) };
});
