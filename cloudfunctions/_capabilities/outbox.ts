import { createHash } from 'node:crypto';
import type { CollectionName } from '@shared/collections';
import type { OutboxEventDoc, OutboxEventType } from '@shared/integration/outbox';
import type { Tx } from '../_kit/db';
import { Db } from '../_kit/db';
import { log } from '../_kit/log';
import { sdk, sdkDatabase } from '../_kit/sdk';

/**
 * The outbox (issue 15): a domain change writes its event in the same transaction as the change,
 * one `set` of `outbox/<id>` (a single-document write, as CloudBase transactions require), so the
 * event exists exactly when the change does. After the commit, delivery is kicked without making
 * the caller wait; the integration function's timer picks up whatever a lost kick left behind.
 */

export interface OutboxEvent {
  type: OutboxEventType;
  /** What it is about (order id, dealer id, payment id, settlement id). */
  subject: string;
  /**
   * What tells this change from the subject's other changes of the same type: the order's event
   * count, the dealer's version, a return's id. With type and subject it derives the event id, so
   * a retried transaction writes the same document again instead of a second event.
   */
  key: string | number;
  data: unknown;
  /** When the change happened, epoch ms. */
  at: number;
}

/** The event id: derived, never chosen by a caller; receivers use it as their idempotency key (webhook-id). */
export function outboxEventId(type: string, subject: string, key: string | number): string {
  return `evt_${createHash('sha256')
    .update(`${type}\n${subject}\n${String(key)}`)
    .digest('hex')
    .slice(0, 32)}`;
}

/** The function that delivers events (cloudfunctions/integration) and the action that takes a batch. */
const INTEGRATION_FUNCTION = 'integration';
/** Where the integration function keeps webhook subscriptions: no subscription, no kick. */
const SUBSCRIPTIONS = 'webhook_subscriptions' as CollectionName;
/** How long an instance trusts its answer to "is anyone subscribed?" (a new subscription waits at most this, or the timer). */
const SUBSCRIBED_TTL_MS = 30_000;

let subscribed: { until: number; answer: Promise<boolean> } | null = null;

/**
 * Whether any webhook subscription exists, asked at most every 30 s per instance. Asked when the
 * first event of a transaction is written, so the read runs beside the transaction's own requests
 * instead of after the commit (orders.submit's chain of sequential round trips stays as it was).
 */
function anySubscription(): Promise<boolean> {
  const clock = performance.now();
  if (subscribed && clock < subscribed.until) return subscribed.answer;
  const answer = new Db(sdkDatabase())
    .count(SUBSCRIPTIONS, {})
    .then((n) => n > 0)
    .catch((e: unknown) => {
      // No collection yet (nothing subscribed) or a failed read: no kick; the timer delivers.
      log.warn('outbox: could not count webhook subscriptions', { error: (e as Error).message });
      return false;
    });
  subscribed = { until: clock + SUBSCRIBED_TTL_MS, answer };
  return answer;
}

/** For tests: forget the cached answer, so a subscription made a moment ago is seen at once. */
export function forgetSubscriptionCount(): void {
  subscribed = null;
}

/** The events each open transaction wrote, by id, to kick once after its commit. */
const pending = new WeakMap<Tx, Map<string, OutboxEventDoc>>();

/**
 * The kick carries the committed events themselves, so the worker plans them without reading them
 * back (one database round trip less per kick); a callFunction payload may be 6 MB (sync call), far
 * above a transaction's few events.
 */
function kick(written: ReadonlyMap<string, OutboxEventDoc>, subscribers: Promise<boolean>): void {
  const eventIds = [...written.keys()];
  void subscribers
    .then(async (any) => {
      if (!any) return;
      const events = [...written].map(([_id, e]) => ({ _id, type: e.type, subject: e.subject, data: e.data, at: e.at, createdAt: e.createdAt }));
      // https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/functions/Cloud.callFunction.html
      const res = await sdk().callFunction({ name: INTEGRATION_FUNCTION, data: { action: 'deliver', eventIds, events } });
      const answer = res.result as { ok?: boolean; error?: { code?: string } } | null;
      if (answer?.ok !== true) log.warn('outbox: delivery kick refused', { eventIds, code: answer?.error?.code ?? null });
    })
    .catch((e: unknown) => log.warn('outbox: delivery kick failed; the integration timer retries', { eventIds, error: (e as Error).message }));
}

/**
 * Write one event inside the caller's transaction and return its id. `now` is the invocation's
 * clock (createdAt, the worker's pick-up order); it defaults to the change's time.
 */
export async function emit(tx: Tx, event: OutboxEvent, now: number = event.at): Promise<string> {
  const id = outboxEventId(event.type, event.subject, event.key);
  const doc: OutboxEventDoc = { type: event.type, subject: event.subject, data: event.data, at: event.at, createdAt: now, dispatched: false };
  let written = pending.get(tx);
  if (!written) {
    // Asked before the write, so the two requests travel together.
    const subscribers = anySubscription();
    const mine = (written = new Map());
    pending.set(tx, mine);
    tx.afterCommit(() => kick(mine, subscribers));
  }
  // The same event written again (a retried write) replaces its earlier copy, as the set does.
  written.set(id, doc);
  await tx.set('outbox', id, doc);
  return id;
}
