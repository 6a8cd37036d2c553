import { DEFAULT_ORDER_POLICY } from '@shared/orders';
import { DAY_MS } from '@shared/time';
import type { Db } from '../../../_kit/db';
import { sweep } from '../sweep';

/** Hourly: orders fully shipped more than autoConfirmDays ago are confirmed as received by the system. */
export async function autoConfirm(db: Db, now: number): Promise<{ confirmed: number; failed: number }> {
  const due = now - DEFAULT_ORDER_POLICY.autoConfirmDays * DAY_MS;
  const r = await sweep(db, now, { status: 'shipped', fullyShippedAt: db.command['lte']!(due) }, { type: 'confirm_receipt' }, 'auto-confirm');
  return { confirmed: r.done, failed: r.failed };
}
