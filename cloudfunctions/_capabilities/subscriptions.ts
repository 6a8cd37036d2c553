import type { SubscriptionCredit } from '@shared/contracts';
import type { NotifyTemplate } from '@shared/orders';
import type { Db } from '../_kit/db';
import { neverRefused } from '../_kit/db';

/**
 * Subscription-message grants: what users allowed the mini-program to send them, used by the
 * users function (recording consent, naming the templates) and the orders function (sending).
 *
 * WeChat sends a one-time subscription message only to a user who granted it: each 允许 in the
 * consent dialog (wx.requestSubscribeMessage) is worth one message of that template, and
 * subscribeMessage.send without one fails with 43101 (用户拒绝接受消息).
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 * The platform does not tell the server who granted what, so the mini-program reports what the
 * user accepted (users.recordSubscription) and the server keeps the count per user and template
 * in `subscriptions` (shared/documents SubscriptionDoc); a message goes only to a recipient with a
 * grant left, and uses it up.
 */

/** WeChat's "user refuse to accept the msg": no grant (never given, used up, or withdrawn in settings). */
export const NO_GRANT = 43101;

/** The id of a template in this environment (function environment variable TEMPLATE_<NAME>, e.g. TEMPLATE_ORDER_APPROVED). */
export function templateIdOf(template: NotifyTemplate): string {
  return process.env[`TEMPLATE_${template.toUpperCase()}`] ?? `local-${template}`;
}

export const subscriptionId = (openid: string, template: NotifyTemplate): string => `${openid}:${template}`;

/** Add one grant per accepted template, in one transaction (two taps at once both count). */
export async function recordAcceptance(db: Db, openid: string, templates: readonly NotifyTemplate[], now: number): Promise<SubscriptionCredit[]> {
  const credits = await db.transaction(async (tx) => {
    const out: SubscriptionCredit[] = [];
    for (const template of templates) {
      const id = subscriptionId(openid, template);
      const had = await tx.get('subscriptions', id);
      const remaining = (had?.remaining ?? 0) + 1;
      await tx.set('subscriptions', id, { openid, template, remaining, updatedAt: now });
      out.push({ template, remaining });
    }
    return out;
  });
  return neverRefused(credits);
}

/** The grants among `ids` with a message left: one query. */
export async function withGrantLeft(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const _ = db.command;
  const docs = await db.find('subscriptions', { _id: _['in']!([...new Set(ids)]), remaining: _['gt']!(0) }, { limit: 1000, fields: { _id: true } });
  return new Set(docs.map((d) => d._id));
}

/** Use one grant: true when there was one (a conditional update, so two sends never share a grant). */
export async function takeGrant(db: Db, id: string, now: number): Promise<boolean> {
  const _ = db.command;
  return (await db.updateWhere('subscriptions', { _id: id, remaining: _['gt']!(0) }, { remaining: _['inc']!(-1), updatedAt: now })) === 1;
}

/**
 * After a send failed: when WeChat held no grant (withdrawn in settings) ours was wrong, so it is
 * forgotten; any other failure used none of WeChat's, so ours is given back.
 */
export async function settleFailedSend(db: Db, id: string, errCode: unknown, now: number): Promise<void> {
  await db.update('subscriptions', id, errCode === NO_GRANT ? { remaining: 0, updatedAt: now } : { remaining: db.command['inc']!(1), updatedAt: now });
}
