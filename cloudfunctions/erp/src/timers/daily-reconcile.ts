import type { Db } from '../../../_kit/db';
import { runReconciliation } from '../reconciliation';

/** Every night at 02:30 Beijing time: reconcile with Kingdee and store the day's report. */
export async function dailyReconcile(db: Db, now: number) {
  const report = await runReconciliation(db, now);
  return { day: report.day, status: report.status, differences: report.differences.length };
}
