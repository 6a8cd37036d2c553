import { Refusal } from '@shared/envelope';
import type { Db } from '../../../_kit/db';
import { processQueueNow } from '../queue-run';

/** The timer trigger (config.json: every minute). */
export async function processQueue(db: Db): Promise<unknown> {
  const r = await processQueueNow(db, 200, false);
  if (r instanceof Refusal) throw new Error(r.message);
  return r;
}
