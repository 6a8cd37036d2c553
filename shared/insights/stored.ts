/** What the insights function stores; the pages read these collections directly. */
import type { InsightAlert } from './anomalies';
import type { DealerHealth } from './health';
import type { MonthlySalesRow, WeeklySalesRow } from './sales';

/**
 * `insight_sales_monthly` (_id = month|region|category|sku|dealer). `qty` and `amount` are net of
 * returns: goods that came back are taken off the month the order was placed in (`returnedQty`,
 * `returnedAmount` say how much), so a returned order never reads as demand.
 */
export type InsightSalesDoc = Omit<MonthlySalesRow, '_id'>;

/** `insight_sales_weekly` (_id = week|region|category|sku|dealer, week = its Monday, 'YYYY-MM-DD' in Asia/Shanghai), as the monthly rows. */
export type InsightWeeklySalesDoc = Omit<WeeklySalesRow, '_id'>;

/**
 * `insight_forecasts` (_id = level|region|categoryId for a category, level|region|sku for a SKU):
 * the latest 3-month forecast of a region's net monthly quantity, recomputed on the first night
 * of each month (the month just ended is then complete), with the rolling-origin backtest's MASE.
 */
export interface InsightForecastDoc {
  level: 'category' | 'sku';
  region: string;
  categoryId: string;
  /** null for a category's forecast. */
  sku: string | null;
  /** The product's or the category's name, for the page. */
  name: string;
  /** The last month of history ('YYYY-MM'); the forecast is for the 3 months after it. */
  asOfMonth: string;
  /** The months forecast, 'YYYY-MM', and per month: mean and the 80 % and 95 % bands (units). */
  months: string[];
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
  /** The model chosen, e.g. ETS(A,Ad,M), TSB, seasonal naive. */
  method: string;
  /** MASE of the rolling-origin backtest over the history (1 = as good as the seasonal naive in-sample); null when too short to backtest. */
  mase: number | null;
  /** The actual monthly net quantities before the forecast: `values[i]` is month `from` + i (up to 24 months). */
  history: { from: string; values: number[] };
  computedAt: number;
}

/**
 * `insight_health` (_id = dealer id): the dealer's latest health, scored nightly as of the end of
 * the day judged (`asOf`; `month` is that day's month), with the reasons furthest from healthy first.
 */
export type InsightHealthDoc = DealerHealth & {
  asOf: number;
  month: string;
  computedAt: number;
};

/** `insight_alerts` (_id = the alert key: a re-run of a night writes the same document, never a second). */
export type InsightAlertDoc = Omit<InsightAlert, 'key'> & {
  managerId: string | null;
  status: 'open' | 'handled';
  raisedAt: number;
  handledAt: number | null;
  handledBy: string | null;
  note: string;
};
