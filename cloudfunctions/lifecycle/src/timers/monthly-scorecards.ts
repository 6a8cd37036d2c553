import { Refusal } from '@shared/envelope';
import { shanghaiMonthKey, shiftMonthKey } from '@shared/time';
import type { Db } from '../../../_kit/db';
import { runMonth } from '../rating/run';

/**
 * Monthly timer (the 1st, from 04:00 — after rebates' period close at 02:00 has settled the month
 * — every 10 minutes until 05:50): score the month that just ended. The first firing starts it,
 * later ones go on from its cursor when one invocation was not enough, and do nothing once it is done.
 */
export async function monthlyScorecards(db: Db, now: number) {
  const result = await runMonth(db, shiftMonthKey(shanghaiMonthKey(now), -1), now, { restart: false });
  return result instanceof Refusal ? { busy: true, reason: result.message } : result;
}
