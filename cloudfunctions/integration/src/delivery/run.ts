import type { DeliveryRunOutput } from '@shared/contracts';
import type { OutboxEventDoc } from '@shared/documents';
import type { RetryPolicy, WebhookDeliveryDoc, WebhookSubscriptionDoc } from '@shared/integration/webhooks';
import { afterFailure } from '@shared/integration/webhooks';
import type { Db, Stored } from '../../../_kit/db';
import { log } from '../../../_kit/log';
import { writesOf } from './batch';
import type { PartnerHealth } from './health';
import type { Sender } from './http';
import { SEND_TIMEOUT_MS } from './http';
import { CONCURRENCY, IN_PROCESS_WAIT_MS, LEASE_MS, LEASE_SPARE_MS } from './policy';
import { unseal } from './secrets';
import { webhookHeaders } from './signing';

type Delivery = Stored<WebhookDeliveryDoc>;

export interface RunDeps {
  db: Db;
  clock: () => number;
  policy: RetryPolicy;
  random: () => number;
  send: Sender;
  /** Partners' recent answers: while one answers, its first retries stay short (shared/integration/webhooks FAST_RETRIES). */
  health: PartnerHealth;
}

/** What a run needs besides the deliveries: their events and subscriptions, read once. */
export interface RunData {
  events: Map<string, Stored<OutboxEventDoc>>;
  subs: Map<string, Stored<WebhookSubscriptionDoc>>;
  /** Deliveries this worker inserted already claimed (plan.ts), until their first attempt. */
  claimed: Set<Delivery>;
}

type Outcome = 'delivered' | 'retry' | 'dead' | 'skipped';

/**
 * Claim: a conditional update that succeeds only while the delivery is due, free (not leased or
 * its lease ran out) and still at the claim count this worker read. Two workers racing for one
 * delivery: one update matches, the other changes nothing and leaves it.
 */
async function claim(db: Db, d: Delivery, now: number): Promise<boolean> {
  const _ = db.command;
  const where = { _id: d._id, claims: d.claims, status: _['in']!(['pending', 'sending']), nextAt: _['lte']!(now), lockedUntil: _['lt']!(now) };
  return (
    (await db.updateWhere('webhook_deliveries', where, {
      status: 'sending',
      claims: d.claims + 1,
      attempts: d.attempts + 1,
      lockedUntil: now + LEASE_MS,
      updatedAt: now,
    })) === 1
  );
}

/** Write an outcome only while the claim is still this worker's (its claim count unchanged). */
async function settle(db: Db, d: Delivery, patch: Partial<WebhookDeliveryDoc>): Promise<boolean> {
  return (await db.updateWhere('webhook_deliveries', { _id: d._id, claims: d.claims, status: 'sending' }, patch)) === 1;
}

/** The JSON body of an event, the same for every subscriber and attempt: `{ id, type, timestamp, data }`. */
const bodies = new WeakMap<object, string>();
function bodyOf(e: Stored<OutboxEventDoc>): string {
  let body = bodies.get(e);
  if (body === undefined) bodies.set(e, (body = JSON.stringify({ id: e._id, type: e.type, timestamp: new Date(e.at).toISOString(), data: e.data })));
  return body;
}

/** Each subscription's secret, opened once per subscription document read. */
const secrets = new WeakMap<object, string>();
function secretOf(sub: Stored<WebhookSubscriptionDoc>): string {
  let secret = secrets.get(sub);
  if (secret === undefined) secrets.set(sub, (secret = unseal(sub.secret, sub._id)));
  return secret;
}

/**
 * One attempt of one delivery; `next` is the delivery as this worker left it, when it is to be
 * tried again within this run (`until`). A failure whose retry falls within IN_PROCESS_WAIT_MS, the
 * run and the lease (with a whole send's timeout to spare) keeps the claim: nothing is written
 * until an outcome that leaves this worker (delivered, dead, or a wait handed to the timer), and
 * that write carries the attempts and waits made meanwhile. Two round trips saved per failure; if
 * the worker vanishes, the lease runs out and the timer takes the delivery like any other.
 */
async function attempt(deps: RunDeps, data: RunData, d: Delivery, until: number): Promise<{ outcome: Outcome; next: Delivery | null }> {
  const { db, clock } = deps;
  // A delivery this worker planned or kept arrives claimed (plan.ts newDelivery, a kept retry); any other is claimed here.
  const ours = data.claimed.delete(d);
  const claimedAt = clock();
  if (!ours && !(await claim(db, d, claimedAt))) return { outcome: 'skipped', next: null };
  const held: Delivery = ours ? d : { ...d, claims: d.claims + 1, attempts: d.attempts + 1, status: 'sending', lockedUntil: claimedAt + LEASE_MS };
  const sub = data.subs.get(d.subscriptionId);
  const event = data.events.get(d.eventId);
  let status: number | null = null;
  let note: string;
  if (!sub || sub.status !== 'active') note = '订阅已停用或已删除：启用后可重放';
  else if (!event) note = '事件已不在 outbox 中';
  else {
    const body = bodyOf(event);
    ({ status, note } = await deps.send(sub.url, webhookHeaders(secretOf(sub), event._id, clock(), body), body));
    deps.health.record(sub._id, status !== null && status >= 200 && status < 300, clock());
  }
  const now = clock();
  // Attempts made while the claim was kept are written with the outcome.
  const progress = { attempts: held.attempts, delays: held.delays };
  if (status !== null && status >= 200 && status < 300) {
    // Coalesced with the other deliveries answered in this turn (batch.ts), under the same fence as settle.
    await writesOf(db).settleDelivered(held, { lastStatus: status, deliveredAt: now, ...progress });
    return { outcome: 'delivered', next: null };
  }
  const lastError = status === null ? note : `HTTP ${status}${note ? `: ${note}` : ''}`;
  const verdict =
    !sub || sub.status !== 'active' || !event
      ? ({ dead: true } as const)
      : afterFailure(held.attempts, deps.policy, deps.random(), deps.health.answering(sub._id, now));
  if (verdict.dead) {
    await settle(db, held, { status: 'dead', lockedUntil: 0, lastStatus: status, lastError, updatedAt: now, ...progress });
    log.warn('webhook delivery dead', { id: d._id, partner: d.partner, type: d.type, attempts: held.attempts, lastStatus: status });
    return { outcome: 'dead', next: null };
  }
  const nextAt = now + verdict.waitMs;
  const delays = [...held.delays, verdict.waitMs];
  if (verdict.waitMs <= IN_PROCESS_WAIT_MS && nextAt <= until && nextAt + SEND_TIMEOUT_MS + LEASE_SPARE_MS < held.lockedUntil) {
    const kept: Delivery = { ...held, attempts: held.attempts + 1, nextAt, delays, lastStatus: status, lastError };
    data.claimed.add(kept);
    return { outcome: 'retry', next: kept };
  }
  const patch = { status: 'pending' as const, lockedUntil: 0, nextAt, lastStatus: status, lastError, delays, attempts: held.attempts, updatedAt: now };
  const kept = await settle(db, held, patch);
  return { outcome: 'retry', next: kept ? { ...held, ...patch } : null };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Send deliveries, CONCURRENCY at a time, until each is delivered, dead, left to another worker or
 * scheduled beyond this invocation. A retry due within IN_PROCESS_WAIT_MS (and the budget) is
 * waited for here; a later one is left for the retry timer, which finds it by nextAt.
 */
export async function runDeliveries(
  deps: RunDeps,
  data: RunData,
  deliveries: readonly Delivery[],
  budgetMs: number,
): Promise<Omit<DeliveryRunOutput, 'planned'>> {
  const until = deps.clock() + budgetMs;
  const stats = { sent: 0, delivered: 0, retrying: 0, dead: 0, skipped: 0 };
  // Waiting deliveries, earliest nextAt first (binary insertion keeps it sorted).
  const queue = [...deliveries].sort((a, b) => a.nextAt - b.nextAt);
  const enqueue = (d: Delivery) => {
    let lo = 0;
    let hi = queue.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (queue[mid]!.nextAt <= d.nextAt) lo = mid + 1;
      else hi = mid;
    }
    queue.splice(lo, 0, d);
  };
  // A worker finding the queue empty waits while others are busy: their failures come back as retries.
  let busy = 0;
  const waiters: Array<() => void> = [];
  const wakeAll = () => waiters.splice(0).forEach((w) => w());
  const one = async (d: Delivery) => {
    const wait = d.nextAt - deps.clock();
    if (d.nextAt > until || wait > IN_PROCESS_WAIT_MS) {
      if (d.attempts > 0) stats.retrying++;
      return;
    }
    // A timer may fire a millisecond early by the wall clock, and the claim needs nextAt ≤ now:
    // without waiting out the rest, the claim would fail and leave the delivery to the retry timer.
    for (let left = wait; left > 0; left = d.nextAt - deps.clock()) await sleep(left);
    const { outcome, next } = await attempt(deps, data, d, until);
    if (outcome !== 'skipped') stats.sent++;
    if (outcome === 'delivered' || outcome === 'dead' || outcome === 'skipped') stats[outcome]++;
    if (next) enqueue(next);
    else if (outcome === 'retry') stats.retrying++;
  };
  const worker = async () => {
    for (;;) {
      const d = queue.shift();
      if (!d) {
        if (busy === 0) return wakeAll();
        await new Promise<void>((resolve) => waiters.push(resolve));
        continue;
      }
      busy++;
      try {
        await one(d);
      } catch (e) {
        // A failed database request: the lease runs out and the retry timer takes the delivery again.
        log.error('webhook delivery attempt failed', { id: d._id, error: e instanceof Error ? e.message : String(e) });
        stats.retrying++;
      } finally {
        busy--;
        wakeAll();
      }
    }
  };
  // A delivery comes back to the queue only after its own attempt: more workers than deliveries would only wait.
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return stats;
}
