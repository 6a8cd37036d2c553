import type { OrderDoc } from '@shared/models';
import type { OrderEffect, OrderStatus } from '@shared/orders';
import { ORDER_STATUS_LABELS } from '@shared/orders';
import { orderDetailPage } from '@shared/orders/notify';
import type { Db, Where } from '../../_kit/db';
import { log } from '../../_kit/log';
import { isServerWritten } from '../../_kit/router';
import { sdk } from '../../_kit/sdk';
import { settleFailedSend, subscriptionId, takeGrant, templateIdOf, withGrantLeft } from '../../_capabilities/subscriptions';

/** Subscription-message fields within the keyword limits (thing ≤ 20 characters, phrase ≤ 5, …). */
function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

type Note = Extract<OrderEffect, { type: 'notify' }>;

/** One message to send: the note and the recipient holding a grant of its template. */
interface Send {
  note: Note;
  openid: string;
  id: string;
}

const notesOf = (effects: readonly OrderEffect[]): Note[] => effects.filter((e): e is Note => e.type === 'notify');

/** Who a set of notes goes to, as a key: notes with equal keys have the same recipients for one order. */
export function audienceKey(effects: readonly OrderEffect[]): string {
  return JSON.stringify(notesOf(effects).map((n) => [n.to, n.template]));
}

/**
 * The recipients of the notify effects who hold a grant of the template: a dealer's active users,
 * or the active users of a brand role (channel managers only for the order's region), and of
 * those only the ones with a grant left (_capabilities/subscriptions). One query for the users,
 * one for their grants. Reads only: it may run beside the transaction that saves the order.
 */
export async function recipientsOf(db: Db, order: Pick<OrderDoc, 'dealerRegion'>, effects: readonly OrderEffect[]): Promise<Send[]> {
  const notes = notesOf(effects);
  if (notes.length === 0) return [];
  const _ = db.command;
  const audienceOf = (n: Note) =>
    n.to.role === 'dealer' ? { dealerId: n.to.dealerId, role: 'dealer', status: 'active' } : { role: n.to.role, status: 'active' };
  const audiences = [...new Map(notes.map((n) => [JSON.stringify(audienceOf(n)), audienceOf(n)])).values()];
  const where = audiences.length === 1 ? audiences[0]! : (_['or']!(audiences) as Where);
  // Only accounts the server registered: a users record a client wrote (it carries _openid) is nobody's.
  const users = (await db.find('users', where, { limit: 1000 })).filter(isServerWritten);
  const sends = notes.flatMap((n) =>
    users
      .filter((u) => (n.to.role === 'dealer' ? u.role === 'dealer' && u.dealerId === n.to.dealerId : u.role === n.to.role))
      .filter((u) => n.to.role !== 'manager' || (u.regions ?? []).includes(order.dealerRegion))
      .map((u) => ({ note: n, openid: u.openid, id: subscriptionId(u.openid, n.template) })),
  );
  if (sends.length === 0) return [];
  const granted = await withGrantLeft(
    db,
    sends.map((s) => s.id),
  );
  return sends.filter((s) => granted.has(s.id));
}

/**
 * Send the notify effects as subscription messages after the commit, each opening the order it
 * is about, to `recipients` (recipientsOf the same audience; read here when not given). A failed
 * send is logged, never fatal: the order is saved, and the timeline is the record. The messages
 * go out together.
 */
export async function notify(
  db: Db,
  orderId: string,
  order: Pick<OrderDoc, 'orderNo' | 'dealerId' | 'dealerRegion' | 'status' | 'payable'>,
  effects: readonly OrderEffect[],
  now: number,
  recipients?: readonly Send[],
): Promise<void> {
  const notes = notesOf(effects);
  if (notes.length === 0) return;
  const sends = recipients ?? (await recipientsOf(db, order, effects));
  const openapi = sdk().openapi['subscribeMessage']!;
  await Promise.all(
    sends.map(async ({ note: prefetched, openid, id }) => {
      // The note itself (its fields) is this decision's; the recipients may have been read for an equal audience.
      const note = notes.find((n) => n.template === prefetched.template && JSON.stringify(n.to) === JSON.stringify(prefetched.to)) ?? prefetched;
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
        await settleFailedSend(db, id, errCode, now);
        log.warn('subscription message not sent', {
          orderNo: order.orderNo,
          template: note.template,
          errCode,
          error: String((e as { errMsg?: string }).errMsg ?? e),
        });
      }
    }),
  );
}
