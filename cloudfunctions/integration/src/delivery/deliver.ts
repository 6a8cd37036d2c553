import type { DeliveryRunOutput } from '@shared/contracts';
import type { OutboxEventDoc } from '@shared/documents';
import type { Db, Stored } from '../../../_kit/db';
import { log } from '../../../_kit/log';
import { partnerHealth } from './health';
import { post } from './http';
import { planEvents } from './plan';
import { KICK_GRACE_MS, retryPolicy } from './policy';
import type { RunData, RunDeps } from './run';
import { runDeliveries } from './run';

/** Deliveries, events and subscriptions are read in batches of at most this many per run. */
const BATCH = 500;

function depsOf(db: Db): RunDeps {
  return { db, clock: Date.now, policy: retryPolicy(), random: Math.random, send: post, health: partnerHealth };
}

/**
 * Every subscription (a handful per brand), read at most every SUBSCRIPTIONS_TTL_MS per instance:
 * a kick per committed change would otherwise read them all each time. A change made through
 * this instance forgets them at once; another instance sees it within the TTL.
 */
const SUBSCRIPTIONS_TTL_MS = 5_000;
let cached: { until: number; subs: Promise<RunData['subs']> } | null = null;

export function forgetSubscriptions(): void {
  cached = null;
}

function subscriptionsById(db: Db): Promise<RunData['subs']> {
  const now = Date.now();
  if (cached && now < cached.until) return cached.subs;
  const subs = db.find('webhook_subscriptions', {}, { limit: 1000 }).then((docs) => new Map(docs.map((s) => [s._id, s])));
  cached = { until: now + SUBSCRIPTIONS_TTL_MS, subs };
  subs.catch(() => (cached = null));
  return subs;
}

async function eventsById(db: Db, ids: readonly string[]): Promise<RunData['events']> {
  return new Map((await db.getMany('outbox', ids)).map((e) => [e._id, e]));
}

/**
 * The kick after a commit: plan the events' deliveries and send them now. Events the kick carries
 * (as their transaction wrote them: not yet dispatched) are not read back; only the others are.
 */
export async function deliverEvents(
  db: Db,
  eventIds: readonly string[],
  carried: ReadonlyArray<Omit<Stored<OutboxEventDoc>, 'dispatched'>>,
  budgetMs: number,
): Promise<DeliveryRunOutput> {
  const deps = depsOf(db);
  const known = new Map(carried.map((e) => [e._id, { ...e, dispatched: false }]));
  const unknown = eventIds.filter((id) => !known.has(id));
  const [read, subs] = await Promise.all([unknown.length > 0 ? eventsById(db, unknown) : new Map(), subscriptionsById(db)]);
  const events: RunData['events'] = new Map([...eventIds.flatMap((id) => (known.has(id) ? [[id, known.get(id)!] as const] : [])), ...read]);
  const { fresh, marked } = await planEvents(db, [...events.values()], [...subs.values()], deps.clock());
  const stats = await runDeliveries(deps, { events, subs, claimed: new Set(fresh) }, fresh, budgetMs);
  await marked;
  return { planned: [...events.values()].filter((e) => !e.dispatched).length, ...stats };
}

/**
 * The retry timer's work: events a lost kick left undispatched, due retries, and deliveries whose
 * worker vanished mid-attempt (lease run out).
 */
export async function deliverDue(db: Db, budgetMs: number): Promise<DeliveryRunOutput> {
  const deps = depsOf(db);
  const now = deps.clock();
  const _ = db.command;
  const [lost, due, stale, subs] = await Promise.all([
    db.find('outbox', { dispatched: false, createdAt: _['lte']!(now - KICK_GRACE_MS) }, { orderBy: [['createdAt', 'asc']], limit: BATCH }),
    db.find('webhook_deliveries', { status: 'pending', nextAt: _['lte']!(now) }, { orderBy: [['nextAt', 'asc']], limit: BATCH }),
    db.find('webhook_deliveries', { status: 'sending', lockedUntil: _['lt']!(now) }, { limit: BATCH / 5 }),
    subscriptionsById(db),
  ]);
  const { fresh, marked } = await planEvents(db, lost, [...subs.values()], now);
  const waiting = [...due, ...stale];
  const events = await eventsById(db, [...new Set(waiting.map((d) => d.eventId))]);
  for (const e of lost) events.set(e._id, e);
  const stats = await runDeliveries(deps, { events, subs, claimed: new Set(fresh) }, [...fresh, ...waiting], budgetMs);
  await marked;
  if (lost.length + waiting.length > 0) log.info('webhook retry run', { lostEvents: lost.length, due: due.length, stale: stale.length, ...stats });
  return { planned: lost.length, ...stats };
}

/** Send the given deliveries now (a replay). */
export async function deliverIds(db: Db, ids: readonly string[], budgetMs: number): Promise<DeliveryRunOutput> {
  const deliveries = await db.getMany('webhook_deliveries', ids);
  const [events, subs] = await Promise.all([eventsById(db, [...new Set(deliveries.map((d) => d.eventId))]), subscriptionsById(db)]);
  return { planned: 0, ...(await runDeliveries(depsOf(db), { events, subs, claimed: new Set() }, deliveries, budgetMs)) };
}
