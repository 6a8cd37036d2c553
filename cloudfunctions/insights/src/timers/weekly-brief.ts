import type { Db } from '../../../_kit/db';
import { writeBriefs } from '../assistant/brief';

/** Weekly timer (Mondays 08:00 Asia/Shanghai): each manager's brief of their regions and each admin's of all, and a message to say it is ready. */
export async function weeklyBrief(db: Db, now: number) {
  return writeBriefs(db, now);
}
