import type { OrderCommand } from '@shared/orders';
import { DEFAULT_ORDER_POLICY } from '@shared/orders';
import { DAY_MS } from '@shared/time';
import type { Db, Where } from '../../../_kit/db';
import { log } from '../../../_kit/log';
import type { OrderDocument } from '../../../_kit/orders';
import { runCommand } from '../../../_kit/orders';
import type { Caller } from '../../../_kit/router';

const SYSTEM: Caller = { openid: null, source: 'wx_trigger', user: null, console: false, actorId: 'system' };

/** Days after receipt before a delivered order is completed (the window for raising a problem). */
export const COMPLETE_AFTER_DAYS = 7;

/**
 * Issue one system command to every order the query finds (200 per run; the next hourly run
 * takes the rest). Each order is its own transaction, so one failure stops nothing else.
 */
async function sweep(db: Db, now: number, where: Where, command: OrderCommand, what: string): Promise<{ done: number; failed: number }> {
  const docs = await db.find<OrderDocument>('orders', where, { limit: 200 });
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

/** Hourly: orders fully shipped more than autoConfirmDays ago are confirmed as received by the system. */
export async function autoConfirm(db: Db, now: number): Promise<{ confirmed: number; failed: number }> {
  const due = now - DEFAULT_ORDER_POLICY.autoConfirmDays * DAY_MS;
  const r = await sweep(db, now, { status: 'shipped', fullyShippedAt: db.command['lte']!(due) }, { type: 'confirm_receipt' }, 'auto-confirm');
  return { confirmed: r.done, failed: r.failed };
}

/** Hourly: delivered orders past the window are completed by the system. */
export async function autoComplete(db: Db, now: number): Promise<{ completed: number; failed: number }> {
  const due = now - COMPLETE_AFTER_DAYS * DAY_MS;
  const r = await sweep(db, now, { status: 'delivered', deliveredAt: db.command['lte']!(due) }, { type: 'complete' }, 'auto-complete');
  return { completed: r.done, failed: r.failed };
}
