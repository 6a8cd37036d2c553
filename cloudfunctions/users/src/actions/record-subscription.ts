import { contracts } from '@shared/contracts';
import type { RecordSubscriptionOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { DEFAULT_MESSAGES } from '@shared/errors';
import { APPLICANT_TEMPLATES, NOTIFY_TEMPLATE_AUDIENCE, NOTIFY_TEMPLATE_TITLES } from '@shared/orders/notify';
import type { NotifyTemplate } from '@shared/orders/types';
import { PUBLIC } from '@shared/roles';
import type { Role } from '@shared/roles';
import { recordAcceptance } from '../../../_capabilities/subscriptions';
import type { Caller } from '../../../_kit/router';
import { defineAction } from '../../../_kit/router';

/**
 * The caller accepted these templates in WeChat's consent dialog (wx.requestSubscribeMessage,
 * called from a tap): each is worth one message, which the order notifications use up.
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 * A template the caller's role never receives is refused, and nothing is recorded.
 */
export const recordSubscription = defineAction(
  contracts.users.recordSubscription,
  [PUBLIC],
  async (input, { caller, db, now }): Promise<RecordSubscriptionOutput | Refusal> => {
    const who = subscriber(caller, input.accepted);
    if (who instanceof Refusal) return who;
    const foreign = input.accepted.filter((t) => (who.role ? !NOTIFY_TEMPLATE_AUDIENCE[t].includes(who.role) : !APPLICANT_TEMPLATES.includes(t)));
    if (foreign.length > 0) {
      return new Refusal('INVALID_INPUT', `当前身份不会收到「${foreign.map((t) => NOTIFY_TEMPLATE_TITLES[t]).join('」「')}」`, {
        issues: foreign.map((t) => ({ path: `accepted.${input.accepted.indexOf(t)}`, message: '当前身份不会收到这类消息', code: 'custom' })),
      });
    }
    return { subscriptions: await recordAcceptance(db, who.openid, input.accepted, now) };
  },
);

/** Roles that receive messages; a clerk receives none. */
const SUBSCRIBERS: readonly Role[] = ['dealer', 'manager', 'admin'];

/**
 * Who records the grants: an active user of a role that receives messages, or — for the
 * application's answer only (APPLICANT_TEMPLATES) — a WeChat user with no account yet, who is
 * waiting for the answer to their 申请加盟. The refusals are the router's own for anyone else.
 */
function subscriber(caller: Caller, accepted: readonly NotifyTemplate[]): { openid: string; role: Role | null } | Refusal {
  const user = caller.user;
  if (!user) {
    if (caller.openid && accepted.every((t) => APPLICANT_TEMPLATES.includes(t))) return { openid: caller.openid, role: null };
    return new Refusal('UNAUTHENTICATED', DEFAULT_MESSAGES.UNAUTHENTICATED);
  }
  if (user.status !== 'active') return new Refusal('FORBIDDEN', '账号已停用，请联系品牌方');
  if (!SUBSCRIBERS.includes(user.role)) return new Refusal('FORBIDDEN', DEFAULT_MESSAGES.FORBIDDEN);
  return { openid: user.openid, role: user.role };
}
