/** What the insights function stores; the pages read these collections directly. */
import type { InsightAlert } from './anomalies';
import type { MonthlySalesRow } from './sales';

/** `insight_sales_monthly` (_id = month|region|category|sku|dealer). */
export type InsightSalesDoc = Omit<MonthlySalesRow, '_id'>;

/** `insight_alerts` (_id = the alert key: a re-run of a night writes the same document, never a second). */
export type InsightAlertDoc = Omit<InsightAlert, 'key'> & {
  managerId: string | null;
  status: 'open' | 'handled';
  raisedAt: number;
  handledAt: number | null;
  handledBy: string | null;
  note: string;
};
