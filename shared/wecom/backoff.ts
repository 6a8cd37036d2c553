/**
 * Retry delays of queued WeCom work: exponential, base × 2^(attempt−1), capped. `jitter01` in
 * [0, 1) spreads retries of many jobs (pass 0.5 for the middle); no randomness is read here.
 */
export function backoffMs(attempt: number, baseMs: number, capMs: number, jitter01 = 0.5): number {
  const exp = baseMs * 2 ** Math.max(0, attempt - 1);
  const d = Math.min(capMs, exp);
  // ±25 % around the nominal delay.
  return Math.max(1, Math.round(d * (0.75 + 0.5 * jitter01)));
}

/** After this many failed attempts a job is parked as `dead` (kept, listed, re-queued by an admin). */
export const MAX_ATTEMPTS = 12;
