import { periodKeysAt, periodRange } from '@shared/rebates';
import { DAY_MS } from '@shared/time';
import type { Db } from '../../../_kit/db';
import { log } from '../../../_kit/log';
import { closePeriodFor } from '../periods';

/**
 * Monthly timer (the 1st, 02:00): settle the month that just ended, and the quarter and year
 * when they ended with it. Settling is idempotent, so a re-run writes nothing twice.
 */
export async function closePeriods(db: Db, now: number): Promise<Array<{ period: string; created: number } | { period: string; refused: string }>> {
  const previous = periodKeysAt(now - DAY_MS);
  const out: Array<{ period: string; created: number } | { period: string; refused: string }> = [];
  for (const period of [previous.month, previous.quarter, previous.year]) {
    const range = periodRange(period)!;
    if (range.end > now) continue;
    const r = await closePeriodFor(db, period, now);
    if ('created' in r) out.push({ period, created: r.created });
    else {
      out.push({ period, refused: r.message });
      log.warn('period not closed', { period, message: r.message });
    }
  }
  return out;
}
