import { startOfShanghaiDay } from '@shared/time';
import type { Db } from '../../../_kit/db';
import { backfillAggregates, noAggregatesYet } from '../backfill';
import { runNightFor } from '../night';

const DAY_MS = 86_400_000;

/**
 * Daily timer (01:30): the day that just ended in Asia/Shanghai. On an installation's first night
 * the history before that day is counted first, so 洞察 shows past months from the first morning.
 */
export async function nightly(db: Db, now: number) {
  const yesterday = startOfShanghaiDay(now) - DAY_MS;
  const backfilled = (await noAggregatesYet(db)) ? await backfillAggregates(db, yesterday) : null;
  return { ...(await runNightFor(db, yesterday, now)), backfilled };
}
