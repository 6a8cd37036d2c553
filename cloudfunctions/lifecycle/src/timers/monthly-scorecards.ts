import { shanghaiMonthKey, shiftMonthKey } from '@shared/time';
import type { Db } from '../../../_kit/db';
import { computeMonth } from '../rating/compute';

/**
 * Monthly timer (the 1st, 04:00, after rebates' period close at 02:00 has settled the month):
 * score the month that just ended.
 */
export async function monthlyScorecards(db: Db, now: number) {
  return computeMonth(db, shiftMonthKey(shanghaiMonthKey(now), -1), now);
}
