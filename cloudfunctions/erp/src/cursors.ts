import type { Feed } from '@shared/erp';
import type { Db } from '../../_kit/db';

/** Where a pull feed has read to (Kingdee's modify time, ms); 0 before its first run. */
export async function cursorOf(db: Db, feed: Feed): Promise<number> {
  return (await db.getById('erp_cursors', feed))?.since ?? 0;
}

/** Save a feed's position and how its run went. */
export async function saveCursor(db: Db, feed: Feed, since: number, now: number, lastError: string | null = null): Promise<void> {
  await db.set('erp_cursors', feed, { since, updatedAt: now, lastRunAt: now, lastError });
}
