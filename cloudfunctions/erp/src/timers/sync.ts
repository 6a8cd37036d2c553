import type { Db } from '../../../_kit/db';
import { syncAll } from '../sync';

/** Every 5 minutes: the same sync as erp.syncNow, all feeds. */
export async function sync(db: Db, now: number) {
  return syncAll(db, now);
}
