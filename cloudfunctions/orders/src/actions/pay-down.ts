import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { formatFen } from '@shared/money';
import { startPayIn } from '../../../_capabilities/wxpay';
import { defineAction } from '../../../_kit/router';

/**
 * 在线还款: pay down the dealer's receivable with WeChat Pay, at most what it owes now — prepaying
 * goes through the brand's finance (bank transfer), not through a pay sheet, so a typo cannot park
 * money online. The bound is checked here; money that arrives is always recorded (the callback
 * never refuses a real payment, even if another payment lowered the receivable meanwhile).
 */
export const payDown = defineAction(contracts.orders.payDown, ['dealer'], async ({ amount }, { db, caller, now }) => {
  const dealerId = caller.dealerId;
  if (!dealerId) return new Refusal('FORBIDDEN', '只有经销商账号可以在线还款');
  const owed = (await db.getById('accounts', dealerId))?.receivable ?? 0;
  if (owed <= 0) return new Refusal('CONFLICT', '当前没有待还的应收款');
  if (amount > owed) return new Refusal('INVALID_INPUT', `还款金额不能超过应收款 ${formatFen(owed)}`);
  return startPayIn(db, { dealerId, orderId: null, amount, body: '经销商订货-在线还款', openid: caller.openid ?? '' }, now);
});
