/**
 * The outbox: every domain change another system must hear about writes one event document in
 * the same transaction as the change (`outbox`, _id = the event id). The integration function's
 * worker turns events into webhook deliveries; the event id is the receivers' idempotency key.
 */

/** The domain events written to the outbox (issue 15's list), by the name partners subscribe to. */
export const OUTBOX_EVENT_TYPES = [
  'order.submitted',
  'order.approved',
  'order.rejected',
  'order.shipped',
  'order.delivered',
  'order.cancelled',
  'order.returned',
  'dealer.created',
  'dealer.changed',
  'dealer.suspended',
  'payment.recorded',
  'payment.refunded',
  'rebate.settled',
] as const;

export type OutboxEventType = (typeof OUTBOX_EVENT_TYPES)[number];

/** One event as stored in `outbox` (_id = the event id, derived from type, subject and the change's key). */
export interface OutboxEventDoc {
  type: OutboxEventType;
  /** What the event is about: an order id, dealer id, payment id or settlement id. */
  subject: string;
  /** JSON: ids, states and amounts (fen) only; no secrets, no personal data beyond ids. */
  data: unknown;
  /** When the change happened, epoch ms. */
  at: number;
  /** When the event was written (the invocation's clock), epoch ms: the worker's order of pick-up. */
  createdAt: number;
  /** False until the integration worker has planned the event's deliveries. */
  dispatched: boolean;
}
