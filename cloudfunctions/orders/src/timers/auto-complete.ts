import { DAY_MS } from '@shared/time';
import type { Db } from '../../../_kit/db';
import { sweep } from '../sweep';

/** Days after receipt before a delivered order is completed (the window for raising a problem). */
export const COMPLETE_AFTER_DAYS = 7;

/** Hourly: delivered orders past the window are completed by the system. */
export async function autoComplete(db: Db, now: number): Promise<{ completed: number; failed: number }> {
  const due = now - COMPLETE_AFTER_DAYS * DAY_MS;
  const r = await sweep(db, now, { status: 'delivered', deliveredAt: db.command['lte']!(due) }, { type: 'complete' }, 'auto-complete');
  return { completed: r.done, failed: r.failed };
}
