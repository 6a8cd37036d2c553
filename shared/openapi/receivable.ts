import type { Charge } from '../insights/payments';

/**
 * A dealer's open receivable by age, as the open API answers it. The charges are the statement's
 * debits (each shipment's amount, shared/insights/payments paymentFactsOf) and the receivable is the
 * account's, which is the statement's closing balance. Payments clear the oldest charges first, so
 * what is still owed is the latest charges adding up to the receivable (as ageAt reads it); each
 * falls due its payment term after delivery, and is aged by the days past that.
 */

const DAY_MS = 86_400_000;

export const AGEING_BUCKETS = ['notDue', 'days1to30', 'days31to60', 'days61to90', 'over90'] as const;
export type AgeingBucket = (typeof AGEING_BUCKETS)[number];

export interface ReceivableAgeing {
  receivable: number;
  buckets: Record<AgeingBucket, number>;
  /** Owed but older than every shipment on record (an opening balance), fen. */
  unmatched: number;
  overdueAmount: number;
  /** Days the oldest overdue amount is past due (0 when nothing is). */
  overdueDays: number;
  oldestOverdueOrderNo: string | null;
}

function bucketOf(daysPastDue: number): AgeingBucket {
  if (daysPastDue <= 0) return 'notDue';
  if (daysPastDue <= 30) return 'days1to30';
  if (daysPastDue <= 60) return 'days31to60';
  return daysPastDue <= 90 ? 'days61to90' : 'over90';
}

export function receivableAgeing(charges: ReadonlyArray<Charge>, receivable: number, termDays: number, asOf: number): ReceivableAgeing {
  const buckets: Record<AgeingBucket, number> = { notDue: 0, days1to30: 0, days31to60: 0, days61to90: 0, over90: 0 };
  const sorted = charges.filter((c) => c.at < asOf).sort((a, b) => a.at - b.at);
  let left = Math.max(0, receivable);
  let overdueDays = 0;
  let oldestOverdueOrderNo: string | null = null;
  for (let i = sorted.length - 1; i >= 0 && left > 0; i--) {
    const c = sorted[i]!;
    const owed = Math.min(left, c.amount);
    left -= owed;
    const due = c.deliveredAt !== null && c.deliveredAt < asOf ? c.deliveredAt + termDays * DAY_MS : Infinity;
    const days = due < asOf ? Math.floor((asOf - due) / DAY_MS) + 1 : 0;
    buckets[bucketOf(days)] += owed;
    if (days > 0 && days >= overdueDays) {
      overdueDays = days;
      oldestOverdueOrderNo = c.orderNo;
    }
  }
  const overdueAmount = buckets.days1to30 + buckets.days31to60 + buckets.days61to90 + buckets.over90;
  return { receivable, buckets, unmatched: left, overdueAmount, overdueDays, oldestOverdueOrderNo };
}
