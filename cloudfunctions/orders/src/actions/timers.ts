import { DEFAULT_ORDER_POLICY, DAY_MS } from '@shared/orders';
import type { Db } from '../../../_kit/db';
import { log } from '../../../_kit/log';
import type { OrderDocument } from '../../../_kit/orders';
import { runCommand } from '../../../_kit/orders';
import type { Caller } from '../../../_kit/router';

const SYSTEM: Caller = { openid: null, source: 'wx_trigger', user: null, console: false, actorId: 'system' };

/**
 * Hourly timer: orders fully shipped more than autoConfirmDays ago are confirmed as received
 * by the system. Each order is its own transaction, so one failure stops nothing else.
 */
export async function autoConfirm(db: Db, now: number): Promise<{ confirmed: number; failed: number }> {
  const due = now - DEFAULT_ORDER_POLICY.autoConfirmDays * DAY_MS;
  const docs = await db.find<OrderDocument>('orders', { status: 'shipped', fullyShippedAt: db.command['lte']!(due) }, { limit: 200 });
  let confirmed = 0;
  let failed = 0;
  for (const d of docs) {
    const r = await runCommand(db, SYSTEM, d._id, { type: 'confirm_receipt' }, now);
    if ('code' in r && !('id' in r)) {
      failed++;
      log.warn('auto-confirm refused', { orderId: d._id, code: r.code, message: r.message });
    } else confirmed++;
  }
  return { confirmed, failed };
}

/** Days after receipt before a delivered order is completed (the window for raising a problem). */
export const COMPLETE_AFTER_DAYS = 7;

/** Hourly timer: delivered orders past the window are completed by the system. */
export async function autoComplete(db: Db, now: number): Promise<{ completed: number; failed: number }> {
  const due = now - COMPLETE_AFTER_DAYS * DAY_MS;
  const docs = await db.find<OrderDocument>('orders', { status: 'delivered', deliveredAt: db.command['lte']!(due) }, { limit: 200 });
  let completed = 0;
  let failed = 0;
  for (const d of docs) {
    const r = await runCommand(db, SYSTEM, d._id, { type: 'complete' }, now);
    if ('code' in r && !('id' in r)) {
      failed++;
      log.warn('auto-complete refused', { orderId: d._id, code: r.code, message: r.message });
    } else completed++;
  }
  return { completed, failed };
}
