import type { Db } from '../../../_kit/db';

/** Nonces past the signature window (a replay of them is STALE by then) and counters of past minutes. */
export async function cleanNonces(db: Db, now: number): Promise<{ nonces: number; counters: number }> {
  const _ = db.command;
  const [nonces, counters] = await Promise.all([
    db.removeWhere('api_nonces', { expiresAt: _['lt']!(now) }),
    db.removeWhere('api_rate', { expiresAt: _['lt']!(now) }),
  ]);
  return { nonces, counters };
}
