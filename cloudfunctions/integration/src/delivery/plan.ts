import type { OutboxEventDoc } from '@shared/documents';
import type { WebhookDeliveryDoc, WebhookSubscriptionDoc } from '@shared/integration/webhooks';
import { wantsEvent } from '@shared/integration/webhooks';
import type { Db, Stored } from '../../../_kit/db';
import { isDuplicateKey } from '../../../_kit/sdk';

/** A delivery's id: one per (event, subscription), so planning the same event twice makes one. */
export const deliveryId = (eventId: string, subscriptionId: string) => `${eventId}:${subscriptionId}`;

export function newDelivery(event: Stored<OutboxEventDoc>, sub: Stored<WebhookSubscriptionDoc>, now: number): Stored<WebhookDeliveryDoc> {
  return {
    _id: deliveryId(event._id, sub._id),
    eventId: event._id,
    subscriptionId: sub._id,
    partner: sub.partner,
    type: event.type,
    status: 'pending',
    attempts: 0,
    claims: 0,
    nextAt: now,
    lockedUntil: 0,
    lastStatus: null,
    lastError: null,
    eventAt: event.createdAt,
    createdAt: now,
    updatedAt: now,
    deliveredAt: null,
    delays: [],
  };
}

/** Insert what is not there yet; a concurrent planner's copy wins a race (same id, same content). */
async function insertNew(db: Db, docs: Array<Stored<WebhookDeliveryDoc>>): Promise<void> {
  if (docs.length === 0) return;
  try {
    await db.addMany('webhook_deliveries', docs);
  } catch (e) {
    if (!isDuplicateKey(e)) throw e;
    for (const d of docs) await db.add('webhook_deliveries', d).catch((err: unknown) => (isDuplicateKey(err) ? null : Promise.reject(err)));
  }
}

/**
 * Plan the deliveries of events not yet dispatched: one per active subscription that wants the
 * event's type. The event is marked dispatched only after its deliveries are written, so a crash
 * in between leaves it for the timer, which plans it again (the derived ids make that harmless).
 * Answers the new deliveries (to send now) and the events by id.
 */
export async function planEvents(
  db: Db,
  events: ReadonlyArray<Stored<OutboxEventDoc>>,
  subs: ReadonlyArray<Stored<WebhookSubscriptionDoc>>,
  now: number,
): Promise<Array<Stored<WebhookDeliveryDoc>>> {
  const open = events.filter((e) => !e.dispatched);
  if (open.length === 0) return [];
  const active = subs.filter((s) => s.status === 'active');
  const wanted = open.flatMap((e) => active.filter((s) => wantsEvent(s.events, e.type)).map((s) => newDelivery(e, s, now)));
  const existing = new Set(
    (
      await db.getMany(
        'webhook_deliveries',
        wanted.map((d) => d._id),
      )
    ).map((d) => d._id),
  );
  const fresh = wanted.filter((d) => !existing.has(d._id));
  await insertNew(db, fresh);
  await db.updateWhere('outbox', { _id: db.command['in']!(open.map((e) => e._id)), dispatched: false }, { dispatched: true });
  return fresh;
}
