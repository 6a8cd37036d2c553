import { DAY_MS } from '@shared/time';
import type { Db } from '../../../_kit/db';
import { sweep } from '../sweep';

/** Days a proxy order (代客下单) waits for the dealer's confirmation before it lapses. */
export const PROXY_CONFIRM_DAYS = 3;

/**
 * Hourly: proxy orders the dealer neither confirmed nor refused within PROXY_CONFIRM_DAYS are
 * cancelled by the system — the stock, credit, rebate and promotion uses they held are released
 * once, anything paid online is refunded (run-command), the dealer and the region's managers are told.
 */
export async function expireProxy(db: Db, now: number): Promise<{ expired: number; failed: number }> {
  const due = now - PROXY_CONFIRM_DAYS * DAY_MS;
  const reason = `经销商 ${PROXY_CONFIRM_DAYS} 天内未确认，代客订单已自动取消`;
  const r = await sweep(db, now, { status: 'awaiting_dealer_confirmation', createdAt: db.command['lte']!(due) }, { type: 'cancel', reason }, 'expire-proxy');
  return { expired: r.done, failed: r.failed };
}
