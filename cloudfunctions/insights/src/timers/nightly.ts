import type { Db } from '../../../_kit/db';
import { runNightFor } from '../night';

const DAY_MS = 86_400_000;

/** Daily timer (01:30): the day that just ended in Asia/Shanghai. */
export async function nightly(db: Db, now: number) {
  const today = Date.parse(`${new Date(now + 8 * 3_600_000).toISOString().slice(0, 10)}T00:00:00+08:00`);
  return runNightFor(db, today - DAY_MS, now);
}
