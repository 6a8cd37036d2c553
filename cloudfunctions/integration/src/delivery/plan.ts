import type { OutboxEventDoc } from '@shared/documents';
import type { WebhookDeliveryDoc, WebhookSubscriptionDoc } from '@shared/integration/webhooks';
import { wantsEvent } from '@shared/integration/webhooks';
import type { Db, Stored } from '../../../_kit/db';
import { writesOf } from './batch';
import { LEASE_MS } from './policy';

/** A delivery's id: one per (event, subscription), so planning the same event twice makes one. */
export const deliveryId = (eventId: string, subscriptionId: string) => `${eventId}:${subscriptionId}`;

/**
 * A new delivery, already claimed by the worker that plans it (first attempt running, leased): the
 * insert is the claim, which saves a conditional update per event. If the worker vanishes, the
 * lease runs out and the retry timer takes the delivery like any other.
 */
export function newDelivery(event: Stored<OutboxEventDoc>, sub: Stored<WebhookSubscriptionDoc>, now: number): Stored<WebhookDeliveryDoc> {
  return {
    _id: deliveryId(event._id, sub._id),
    eventId: event._id,
    subscriptionId: sub._id,
    partner: sub.partner,
    type: event.type,
    status: 'sending',
    attempts: 1,
    claims: 1,
    nextAt: now,
    lockedUntil: now + LEASE_MS,
    lastStatus: null,
    lastError: null,
    eventAt: event.createdAt,
    createdAt: now,
    updatedAt: now,
    deliveredAt: null,
    delays: [],
  };
}

/** What planning answers: the deliveries this worker inserted (claimed, to send now), and the marking of their events. */
export interface Planned {
  fresh: Array<Stored<WebhookDeliveryDoc>>;
  /** The events' `dispatched: true` write, under way while the first attempts are sent. */
  marked: Promise<unknown>;
}

/**
 * Plan the deliveries of events not yet dispatched: one per active subscription that wants the
 * event's type. The event is marked dispatched only after its deliveries are written, so a crash
 * in between leaves it for the timer, which plans it again (the derived ids make that harmless).
 * The marking travels beside the first attempts rather than before them: one round trip less
 * between a commit and its delivery.
 */
export async function planEvents(
  db: Db,
  events: ReadonlyArray<Stored<OutboxEventDoc>>,
  subs: ReadonlyArray<Stored<WebhookSubscriptionDoc>>,
  now: number,
): Promise<Planned> {
  const open = events.filter((e) => !e.dispatched);
  if (open.length === 0) return { fresh: [], marked: Promise.resolve() };
  const active = subs.filter((s) => s.status === 'active');
  const wanted = open.flatMap((e) => active.filter((s) => wantsEvent(s.events, e.type)).map((s) => newDelivery(e, s, now)));
  // Coalesced with the concurrent kicks' own (batch.ts): one insert and one mark for all of them.
  const writes = writesOf(db);
  const fresh = await writes.insert(wanted);
  const marked = writes.mark(open.map((e) => e._id));
  // Awaited by the caller after its run; a failure is not left unhandled meanwhile.
  marked.catch(() => undefined);
  return { fresh, marked };
}
