import type { SubscriptionCredit } from '@shared/contracts';
import type { NotifyTemplate, OrderEffect, OrderStatus } from '@shared/orders';
import { ORDER_STATUS_LABELS } from '@shared/orders';
import { orderDetailPage } from '@shared/orders/notify';
import type { OrderDoc, UserDoc } from '@shared/models';
import type { Db, Where } from './db';
import { log } from './log';
import { isServerWritten } from './router';
import { sdk } from './sdk';

/**
 * Order notifications as subscription messages, and the grants that allow them.
 *
 * WeChat sends a one-time subscription message only to a user who granted it: each 允许 in the
 * consent dialog (wx.requestSubscribeMessage) is worth one message of that template, and
 * subscribeMessage.send without one fails with 43101 (用户拒绝接受消息).
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 * The platform does not tell the server who granted what, so the mini-program reports what the
 * user accepted (users.recordSubscription) and the server keeps the count per user and template
 * in `subscriptions`; a message goes only to a recipient with a grant left, and uses it up.
 */

/** A user's grants of one template (_id = openid:template). */
export interface SubscriptionDoc {
  openid: string;
  template: NotifyTemplate;
  /** Messages of this template the user still accepts: one per 允许, one used by each send. */
  remaining: number;
  updatedAt: number;
}

/** WeChat's "user refuse to accept the msg": no grant (never given, used up, or withdrawn in settings). */
const NO_GRANT = 43101;

/** The id of a template in this environment (function environment variable TEMPLATE_<NAME>, e.g. TEMPLATE_ORDER_APPROVED). */
export function templateIdOf(template: NotifyTemplate): string {
  return process.env[`TEMPLATE_${template.toUpperCase()}`] ?? `local-${template}`;
}

export const subscriptionId = (openid: string, template: NotifyTemplate): string => `${openid}:${template}`;

/** Add one grant per accepted template, in one transaction (two taps at once both count). */
export async function recordAcceptance(db: Db, openid: string, templates: readonly NotifyTemplate[], now: number): Promise<SubscriptionCredit[]> {
  return db.transaction(async (tx) => {
    const out: SubscriptionCredit[] = [];
    for (const template of templates) {
      const id = subscriptionId(openid, template);
      const had = await tx.get<SubscriptionDoc>('subscriptions', id);
      const remaining = (had?.remaining ?? 0) + 1;
      await tx.set<SubscriptionDoc>('subscriptions', id, { openid, template, remaining, updatedAt: now });
      out.push({ template, remaining });
    }
    return out;
  });
}

/** Use one grant: true when there was one (a conditional update, so two sends never share a grant). */
async function takeGrant(db: Db, id: string, now: number): Promise<boolean> {
  const _ = db.command;
  return (await db.updateWhere('subscriptions', { _id: id, remaining: _['gt']!(0) }, { remaining: _['inc']!(-1), updatedAt: now })) === 1;
}

/** Subscription-message fields within the keyword limits (thing ≤ 20 characters, phrase ≤ 5, …). */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

type Note = Extract<OrderEffect, { type: 'notify' }>;

/**
 * Send the notify effects as subscription messages after the commit, each opening the order it
 * is about. Recipients: a dealer's active users, or the active users of a brand role (channel
 * managers only for the order's region), and of those only the ones with a grant of the
 * template left. A failed send is logged, never fatal: the order is saved, and the timeline is
 * the record. Recipients and their grants are read in one query each; the messages go out together.
 */
export async function notify(
  db: Db,
  orderId: string,
  order: Pick<OrderDoc, 'orderNo' | 'dealerId' | 'dealerRegion' | 'status' | 'payable'>,
  effects: readonly OrderEffect[],
  now: number,
): Promise<void> {
  const notes = effects.filter((e): e is Note => e.type === 'notify');
  if (notes.length === 0) return;
  const _ = db.command;
  const audienceOf = (n: Note) => (n.to.role === 'dealer' ? { dealerId: n.to.dealerId, role: 'dealer', status: 'active' } : { role: n.to.role, status: 'active' });
  const audiences = [...new Map(notes.map((n) => [JSON.stringify(audienceOf(n)), audienceOf(n)])).values()];
  const where = audiences.length === 1 ? audiences[0]! : (_['or']!(audiences) as Where);
  // Only accounts the server registered: a users record a client wrote (it carries _openid) is nobody's.
  const users = (await db.find<UserDoc>('users', where, { limit: 1000 })).filter(isServerWritten);
  const sends = notes.flatMap((n) =>
    users
      .filter((u) => (n.to.role === 'dealer' ? u.role === 'dealer' && u.dealerId === n.to.dealerId : u.role === n.to.role))
      .filter((u) => n.to.role !== 'manager' || (u.regions ?? []).includes(order.dealerRegion))
      .map((u) => ({ note: n, openid: u.openid, id: subscriptionId(u.openid, n.template) })),
  );
  if (sends.length === 0) return;
  const granted = new Set(
    (await db.find<SubscriptionDoc>('subscriptions', { _id: _['in']!([...new Set(sends.map((s) => s.id))]), remaining: _['gt']!(0) }, { limit: 1000, fields: { _id: true } })).map((d) => d._id),
  );
  const openapi = sdk().openapi['subscribeMessage']!;
  await Promise.all(
    sends
      .filter((s) => granted.has(s.id))
      .map(async ({ note, openid, id }) => {
        if (!(await takeGrant(db, id, now))) return;
        try {
          await openapi['send']!({
            touser: openid,
            templateId: templateIdOf(note.template),
            page: orderDetailPage(orderId),
            miniprogramState: 'formal',
            data: {
              character_string1: { value: clip(order.orderNo, 32) },
              phrase2: { value: clip(ORDER_STATUS_LABELS[order.status as OrderStatus], 5) },
              amount3: { value: `${(order.payable / 100).toFixed(2)}元` },
              thing4: { value: clip(note.fields['reason'] ?? note.fields['step'] ?? note.fields['carrier'] ?? '订单状态有更新', 20) },
            },
          });
        } catch (e) {
          const errCode = (e as { errCode?: unknown }).errCode;
          // WeChat holds no grant (withdrawn in settings): ours was wrong, so forget it. Any other
          // failure used none of WeChat's: give ours back.
          await db.update('subscriptions', id, errCode === NO_GRANT ? { remaining: 0, updatedAt: now } : { remaining: _['inc']!(1), updatedAt: now });
          log.warn('subscription message not sent', { orderNo: order.orderNo, template: note.template, errCode, error: String((e as { errMsg?: string }).errMsg ?? e) });
        }
      }),
  );
}
