import { contracts } from '@shared/contracts';
import type { RecordSubscriptionOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { NOTIFY_TEMPLATE_AUDIENCE, NOTIFY_TEMPLATE_TITLES } from '@shared/orders/notify';
import { recordAcceptance } from '../../../_capabilities/subscriptions';
import { defineAction } from '../../../_kit/router';

/**
 * The caller accepted these templates in WeChat's consent dialog (wx.requestSubscribeMessage,
 * called from a tap): each is worth one message, which the order notifications use up.
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 * A template the caller's role never receives is refused, and nothing is recorded.
 */
export const recordSubscription = defineAction(
  contracts.users.recordSubscription,
  ['dealer', 'manager', 'admin'],
  async (input, { caller, db, now }): Promise<RecordSubscriptionOutput | Refusal> => {
    const foreign = input.accepted.filter((t) => !NOTIFY_TEMPLATE_AUDIENCE[t].includes(caller.role));
    if (foreign.length > 0) {
      return new Refusal('INVALID_INPUT', `当前身份不会收到「${foreign.map((t) => NOTIFY_TEMPLATE_TITLES[t]).join('」「')}」`, {
        issues: foreign.map((t) => ({ path: `accepted.${input.accepted.indexOf(t)}`, message: '当前身份不会收到这类消息', code: 'custom' })),
      });
    }
    return { subscriptions: await recordAcceptance(db, caller.user.openid, input.accepted, now) };
  },
);
