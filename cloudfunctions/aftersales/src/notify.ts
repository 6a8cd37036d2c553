import type { ReturnEffect, ReturnRequest } from '@shared/returns';
import { RETURN_STATUS_LABELS } from '@shared/returns';
import type { Db } from '../../_kit/db';
import { log } from '../../_kit/log';
import { isServerWritten } from '../../_kit/router';
import { sdk } from '../../_kit/sdk';
import { settleFailedSend, subscriptionId, takeGrant, templateIdOf, withGrantLeft } from '../../_capabilities/subscriptions';

type Note = Extract<ReturnEffect, { type: 'notify' }>;

/** Subscription-message fields within the keyword limits (thing ≤ 20 characters, phrase ≤ 5). */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The page a message opens: the request's detail in the after-sales subpackage. */
export const returnDetailPage = (id: string): string => `packages/aftersales/detail/index?id=${encodeURIComponent(id)}`;

/**
 * Send a decision's notify effects after the commit, as the orders function does (one-time
 * subscription messages, only to recipients holding a grant of the template, which they use up):
 * the dealer's active users, the channel managers of the request's region, or the brand admins.
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 * A failed send is logged, never fatal: the request's timeline is the record.
 */
export async function notify(db: Db, id: string, request: Omit<ReturnRequest, 'id'>, effects: readonly ReturnEffect[], now: number): Promise<void> {
  const notes = effects.filter((e): e is Note => e.type === 'notify');
  if (notes.length === 0) return;
  const roles = [...new Set(notes.map((n) => n.to))];
  const users = (await db.find('users', { role: db.command['in']!(roles), status: 'active' }, { limit: 1000 })).filter(isServerWritten);
  const sends = notes.flatMap((n) =>
    users
      .filter((u) => u.role === n.to && (n.to !== 'dealer' || u.dealerId === request.dealerId))
      .filter((u) => n.to !== 'manager' || (u.regions ?? []).includes(request.dealerRegion))
      .map((u) => ({ note: n, openid: u.openid, sid: subscriptionId(u.openid, n.template) })),
  );
  if (sends.length === 0) return;
  const granted = await withGrantLeft(
    db,
    sends.map((s) => s.sid),
  );
  const openapi = sdk().openapi['subscribeMessage']!;
  await Promise.all(
    sends
      .filter((s) => granted.has(s.sid))
      .map(async ({ note, openid, sid }) => {
        if (!(await takeGrant(db, sid, now))) return;
        try {
          await openapi['send']!({
            touser: openid,
            templateId: templateIdOf(note.template),
            page: returnDetailPage(id),
            miniprogramState: 'formal',
            data: {
              character_string1: { value: clip(request.orderNo, 32) },
              phrase2: { value: clip(RETURN_STATUS_LABELS[request.status], 5) },
              thing3: { value: clip(note.fields['units'] ?? '', 20) },
              thing4: { value: clip(note.fields['status'] ?? '退货申请有更新', 20) },
            },
          });
        } catch (e) {
          const errCode = (e as { errCode?: unknown }).errCode;
          await settleFailedSend(db, sid, errCode, now);
          log.warn('subscription message not sent', { orderNo: request.orderNo, template: note.template, errCode });
        }
      }),
  );
}
