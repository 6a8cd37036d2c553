import type { RetryPolicy } from '@shared/integration/webhooks';
import { DEFAULT_RETRY_POLICY } from '@shared/integration/webhooks';

/** How long a claim is its worker's: well above one attempt's timeout (http.ts SEND_TIMEOUT_MS, 10 s). */
export const LEASE_MS = 30_000;
/** A kept claim (run.ts) must outlast the next attempt's send timeout by this much: its outcome is written before the lease runs out. */
export const LEASE_SPARE_MS = 2_000;
/** Deliveries sent at once by one invocation (sockets per partner are capped in http.ts as well). */
export const CONCURRENCY = 16;
/**
 * Retries whose wait is at most this are made inside the running invocation: a cloud timer fires
 * at most once a minute, so without this a blip of the partner would cost every event a minute.
 */
export const IN_PROCESS_WAIT_MS = 5_000;
/** Time budgets of one invocation (config.json timeout: 60 s). */
export const KICK_BUDGET_MS = 20_000;
export const TIMER_BUDGET_MS = 40_000;
export const REPLAY_BUDGET_MS = 8_000;
/** An event a kick should have dispatched within this is picked up by the timer (the kick was lost). */
export const KICK_GRACE_MS = 10_000;

function positive(name: string, fallback: number): number {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * The retry schedule (shared/integration/webhooks DEFAULT_RETRY_POLICY), overridable per
 * environment: INTEGRATION_RETRY_BASE_MS, INTEGRATION_RETRY_CAP_MS, INTEGRATION_MAX_ATTEMPTS.
 */
export function retryPolicy(): RetryPolicy {
  return {
    baseMs: positive('INTEGRATION_RETRY_BASE_MS', DEFAULT_RETRY_POLICY.baseMs),
    capMs: positive('INTEGRATION_RETRY_CAP_MS', DEFAULT_RETRY_POLICY.capMs),
    maxAttempts: positive('INTEGRATION_MAX_ATTEMPTS', DEFAULT_RETRY_POLICY.maxAttempts),
  };
}
