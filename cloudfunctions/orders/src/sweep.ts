import type { OrderCommand } from '@shared/orders';
import type { Db, Where } from '../../_kit/db';
import { log } from '../../_kit/log';
import { runCommand } from './run-command';
import type { Caller } from '../../_kit/router';

/** The platform's timers act as the system (actorOf makes it one). */
const SYSTEM: Caller = { openid: null, source: 'wx_trigger', user: null, console: false, actorId: 'system' };

/**
 * Issue one system command to every order the query finds (200 per run; the next hourly run
 * takes the rest). Each order is its own transaction, so one failure stops nothing else.
 */
export async function sweep(db: Db, now: number, where: Where, command: OrderCommand, what: string): Promise<{ done: number; failed: number }> {
  const docs = await db.find('orders', where, { limit: 200 });
  let done = 0;
  let failed = 0;
  for (const d of docs) {
    const r = await runCommand(db, SYSTEM, d._id, command, now);
    if ('code' in r && !('id' in r)) {
      failed++;
      log.warn(`${what} refused`, { orderId: d._id, code: r.code, message: r.message });
    } else done++;
  }
  return { done, failed };
}
