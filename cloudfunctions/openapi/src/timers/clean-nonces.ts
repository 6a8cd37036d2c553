import type { Db } from '../../../_kit/db';

/** Nonces past the signature window (a replay of them is STALE by then), counters of past minutes and Idempotency-Keys past their TTL. */
export async function cleanNonces(db: Db, now: number): Promise<{ nonces: number; counters: number; idempotencyKeys: number }> {
  const _ = db.command;
  const [nonces, counters, idempotencyKeys] = await Promise.all([
    db.removeWhere('api_nonces', { expiresAt: _['lt']!(now) }),
    db.removeWhere('api_rate', { expiresAt: _['lt']!(now) }),
    db.removeWhere('api_idempotency', { expiresAt: _['lt']!(now) }),
  ]);
  return { nonces, counters, idempotencyKeys };
}
