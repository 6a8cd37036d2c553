/**
 * Webhooks to partners' systems (issue 15), signed the Standard Webhooks way:
 * https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md
 * Pure rules: which subscription wants which event, the retry schedule, the shape of a secret.
 */

/** A subscription's state: only active ones get new deliveries. */
export type WebhookSubscriptionStatus = 'active' | 'disabled';

/**
 * The signing secret as stored: AES-256-GCM under the function's INTEGRATION_SECRET_KEY, with the
 * subscription id as associated data (a ciphertext copied onto another subscription does not open).
 */
export interface SealedSecret {
  /** Format version of this record. */
  v: 1;
  /** 12-byte nonce, base64. */
  iv: string;
  /** 16-byte authentication tag, base64. */
  tag: string;
  /** The encrypted `whsec_…` string, base64. */
  data: string;
}

/** One partner endpoint (`webhook_subscriptions`, _id derived from partner and URL). */
export interface WebhookSubscriptionDoc {
  partner: string;
  url: string;
  /** Event types it wants (shared/integration/outbox), or ['*'] for all. */
  events: string[];
  secret: SealedSecret;
  status: WebhookSubscriptionStatus;
  createdAt: number;
  updatedAt: number;
}

/**
 * pending: waiting for its next attempt at `nextAt`; sending: claimed by a worker until `lockedUntil`;
 * delivered: the partner answered 2xx; dead: MAX_ATTEMPTS failed, kept until an admin replays it.
 */
export type WebhookDeliveryStatus = 'pending' | 'sending' | 'delivered' | 'dead';
export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'sending', 'delivered', 'dead'] as const satisfies readonly WebhookDeliveryStatus[];

/** One event to one subscription (`webhook_deliveries`, _id = `<eventId>:<subscriptionId>`: planning twice makes one). */
export interface WebhookDeliveryDoc {
  eventId: string;
  subscriptionId: string;
  partner: string;
  type: string;
  status: WebhookDeliveryStatus;
  /** Failed or running attempts of the current round (a replay starts a new round at 0). */
  attempts: number;
  /**
   * Every claim ever made, never reset: the fencing token. A claim is a conditional update on its
   * old value, and a worker's outcome is written only while it still holds its own value, so a
   * worker whose lease ran out cannot overwrite the next worker's result.
   */
  claims: number;
  /** When the next attempt may start, epoch ms. */
  nextAt: number;
  /** While `sending`: the claim's lease, epoch ms; 0 otherwise. */
  lockedUntil: number;
  /** The partner's last HTTP status, or null (no answer: network error, timeout). */
  lastStatus: number | null;
  /** The last failure, without request headers or secrets. */
  lastError: string | null;
  /** The event's commit time (outbox createdAt), epoch ms. */
  eventAt: number;
  createdAt: number;
  updatedAt: number;
  deliveredAt: number | null;
  /** Wait before each retry of this round, ms (at most MAX_ATTEMPTS − 1 entries): the schedule actually drawn. */
  delays: number[];
}

/** The retry schedule: exponential backoff with full jitter, dead letter after maxAttempts. */
export interface RetryPolicy {
  /** Ceiling of the wait after the first failed attempt, ms; doubles with each further failure. */
  baseMs: number;
  /** Largest ceiling, ms. */
  capMs: number;
  /** After this many failed attempts the delivery is dead (kept, replayable). */
  maxAttempts: number;
}

/**
 * The defaults, documented in docs/integration.md: ceilings 100 ms, 200 ms, 400 ms, … doubling up
 * to 1 h, 18 attempts. The first retries come within a second or two (a partner's blip costs
 * nothing, and half-failing partners still see most events within 2 s), the later ones spread
 * over at most about 2.8 hours (1.4 on average: a partner's outage), then the delivery waits for
 * an admin's replay.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 100, capMs: 3_600_000, maxAttempts: 18 };

/**
 * While a partner is answering (below), the first FAST_RETRIES waits of a delivery stay under the
 * base ceiling instead of doubling. Exponential backoff exists for a partner that is down; one that
 * is up and drops some calls at random gains nothing from a delivery waiting seconds, while a long
 * first-retry tail is exactly what its users see. The same idea as gRPC's retry throttling (retry
 * freely while the server mostly succeeds, back off when it mostly fails: gRFC A6, "Retry
 * Throttling", https://github.com/grpc/proposal/blob/master/A6-client-retries.md) and as the
 * immediate first retries of WeCom callbacks and Svix/Standard Webhooks senders
 * (https://docs.svix.com/retries: "Immediately, 5 seconds, 5 minutes, …"). A delivery that keeps
 * failing while others succeed (a payload the partner refuses) leaves the fast phase after
 * FAST_RETRIES and goes on with the ordinary schedule from its attempt count: the 13th ceiling is
 * base · 2^12 (≈ 7 min at 100 ms), so it still dies about 2.8 h after its first failure at most.
 */
export const FAST_RETRIES = 12;

/** A partner is answering when its last calls from this worker (at most HEALTH_SAMPLES within HEALTH_WINDOW_MS) number at least HEALTH_MIN_SAMPLES and one in four or more got a 2xx. */
export const HEALTH_SAMPLES = 32;
export const HEALTH_MIN_SAMPLES = 8;
export const HEALTH_WINDOW_MS = 10_000;

/** Whether `succeeded` 2xx answers among `calls` recent calls say the partner is up (calls within the window, at most HEALTH_SAMPLES). */
export function isAnswering(succeeded: number, calls: number): boolean {
  return calls >= HEALTH_MIN_SAMPLES && succeeded * 4 >= calls;
}

/**
 * The ceiling of the wait after failed attempt number `attempt` (1-based): min(cap, base · 2^(attempt−1)),
 * or the base while the partner is answering and the attempt is within the fast phase (FAST_RETRIES).
 */
export function backoffCeilingMs(attempt: number, policy: RetryPolicy, answering = false): number {
  if (answering && attempt <= FAST_RETRIES) return Math.min(policy.capMs, policy.baseMs);
  return Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 40)));
}

/**
 * Full jitter (a uniform draw between 0 and the ceiling): many deliveries failing together do not
 * come back together. `random01` is a draw in [0, 1), given by the caller (rules read no randomness).
 */
export function backoffMs(attempt: number, policy: RetryPolicy, random01: number, answering = false): number {
  return Math.floor(backoffCeilingMs(attempt, policy, answering) * Math.min(Math.max(random01, 0), 0.999999));
}

/** What to do after failed attempt number `attempts` (1-based): retry after a wait, or park as dead. */
export function afterFailure(attempts: number, policy: RetryPolicy, random01: number, answering = false): { dead: true } | { dead: false; waitMs: number } {
  if (attempts >= policy.maxAttempts) return { dead: true };
  return { dead: false, waitMs: backoffMs(attempts, policy, random01, answering) };
}

/** Whether a subscription wants events of this type. */
export function wantsEvent(events: readonly string[], type: string): boolean {
  return events.includes('*') || events.includes(type);
}

/** `whsec_` then base64 of 24 to 64 random bytes (the Standard Webhooks secret format). */
export const SECRET_PATTERN = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/** Bytes a base64 text decodes to. */
export function base64Bytes(text: string): number {
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  return Math.floor((text.length * 3) / 4) - padding;
}

/** True for a `whsec_` secret of 24–64 bytes. */
export function isWebhookSecret(secret: string): boolean {
  if (!SECRET_PATTERN.test(secret)) return false;
  const body = secret.slice('whsec_'.length);
  const n = base64Bytes(body);
  return body.length % 4 === 0 && n >= 24 && n <= 64;
}

/**
 * https anywhere; plain http only to this machine (the local cloud, tests and the bench's receiver).
 * A pattern, not `new URL`: the mini-program's JS runtime has no URL class.
 */
export function isDeliverableUrl(url: string): boolean {
  if (url.length > 500 || /\s/.test(url)) return false;
  if (/^https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^#]*)?$/.test(url)) return true;
  return /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?(\/[^#]*)?$/.test(url);
}
