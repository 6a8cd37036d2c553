import { z } from 'zod';
import { action } from '../contract';
import type { DealerHealth } from '../insights/health';
import type { AssistantAnswer, InsightBriefDoc } from '../insights/ai/answer';
import type { InsightAlertDoc } from '../insights/stored';
import type { TrendLine } from '../insights/trends';

export type InsightAlertView = InsightAlertDoc & { id: string };
export type InsightBriefView = InsightBriefDoc & { id: string };

/** A trend line with its name (区域、品类或商品) for the 洞察 pages. */
export type TrendLineView = TrendLine & { label: string };
export interface TrendsView {
  month: string;
  /** The 13 months of every line's amounts, oldest first (the first is the same month last year). */
  months: string[];
  total: TrendLineView;
  items: TrendLineView[];
}
/** One series' forecast: the last 12 months (qty) and 3 months ahead with 80 % and 95 % intervals. */
export interface ForecastView {
  key: string;
  region: string;
  regionName: string;
  label: string;
  method: string;
  /** Mean absolute scaled error of the rolling-origin backtest, when stored with the forecast. */
  mase: number | null;
  months: string[];
  history: number[];
  ahead: string[];
  mean: number[];
  lower80: number[];
  upper80: number[];
  lower95: number[];
  upper95: number[];
}
export type DealerHealthView = DealerHealth & { regionName: string; levelName: string };
export interface DealerInsightView {
  dealer: { id: string; name: string; region: string; regionName: string; levelName: string };
  health: DealerHealthView | null;
  months: string[];
  /** Fen ordered per month of `months`. */
  amounts: number[];
  topSkus: Array<{ sku: string; name: string; qty: number; amount: number }>;
  recentOrders: Array<{ id: string; orderNo: string; status: string; payable: number; createdAt: number }>;
  alerts: InsightAlertView[];
}

const monthSchema = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, { message: '月份格式为 YYYY-MM' });
const regionSchema = z.string().min(1).max(32);

const daySchema = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式为 YYYY-MM-DD' });

export const insights = {
  /**
   * Run the nightly insight job for one Asia/Shanghai day (admin, console): merge that day's orders
   * into the monthly aggregates and raise that night's alerts. Re-running a day changes nothing.
   */
  runDay: action<{
    day: string;
    ordersMerged: number;
    /** Monthly and weekly sales rows written, and returns taken off them. */
    rowsWritten: number;
    weeklyRowsWritten: number;
    returnsMerged: number;
    alertsRaised: number;
    notified: number;
    /** Dealers whose health was stored, and forecasts stored (0 unless the day is a month's first). */
    healthWritten: number;
    forecastsWritten: number;
  }>()(z.strictObject({ day: daySchema }), {
    day: '2026-09-11',
  }),
  /**
   * Build the monthly and weekly sales rows from every order placed, and every return recorded,
   * before the start of `until` (an Asia/Shanghai day): a new installation's history, which the
   * nightly merge (one day at a time) never reaches. Admin and console; the nightly timer runs it
   * itself on its first night. Rows remember what they counted, so running it again adds nothing.
   */
  backfill: action<{ until: string; ordersMerged: number; rowsWritten: number; weeklyRowsWritten: number; returnsMerged: number }>()(
    z.strictObject({ until: daySchema }),
    { until: '2026-11-30' },
  ),
  /** The alert inbox: a manager's own region alerts, an admin's all; open first, newest first. */
  alerts: action<{ items: InsightAlertView[] }>()(z.strictObject({ status: z.enum(['open', 'handled']).optional() }), { status: 'open' }),
  /** Mark an alert handled with a note (its manager or an admin). */
  handleAlert: action<InsightAlertView>()(z.strictObject({ id: z.string().min(1).max(300), note: z.string().trim().min(1).max(500) }), {
    id: 'order_spike:ord-1',
    note: '已电话核实，补货中',
  }),
  /** Sales by region, category or SKU: 13 months, 环比 and 同比 of the chosen month (default: last complete month). */
  trends: action<TrendsView>()(
    z.strictObject({
      by: z.enum(['region', 'category', 'sku']),
      month: monthSchema.optional(),
      region: regionSchema.optional(),
      categoryId: z.string().min(1).max(64).optional(),
    }),
    { by: 'category', region: 'east' },
  ),
  /** Demand forecasts 3 months ahead with 80/95 % intervals per region × category or region × SKU. */
  forecasts: action<{ asOf: string; items: ForecastView[] }>()(z.strictObject({ level: z.enum(['category', 'sku']), region: regionSchema.optional() }), {
    level: 'category',
  }),
  /** Dealer health 0–100 with reasons and flags, the weakest first; `flag` keeps churn risks or growth room only. */
  health: action<{ asOf: number; items: DealerHealthView[] }>()(
    z.strictObject({ region: regionSchema.optional(), flag: z.enum(['churn', 'growth']).optional() }),
    {
      flag: 'churn',
    },
  ),
  /** One dealer's page: health, 12 months ordered, top SKUs, recent orders and open alerts. */
  dealerInsight: action<DealerInsightView>()(z.strictObject({ dealerId: z.string().min(1).max(64) }), { dealerId: 'dealer-001' }),
  /**
   * 问渠道: a question in words, answered by CloudBase AI from our own queries (tools) with its sources; the template brief when the model
   * fails. At most 10 questions a minute per user: RATE_LIMITED (details.retryAfterSeconds) beyond.
   */
  ask: action<AssistantAnswer>()(z.strictObject({ question: z.string().trim().min(2, { message: '请把问题写完整' }).max(200) }), {
    question: '华东上个月销量趋势怎么样？',
  }),
  /** The caller's latest weekly brief (the weeklyBrief timer writes one per manager and admin on Mondays), or null. */
  brief: action<{ brief: InsightBriefView | null }>()(z.strictObject({}), {}),
};
