import { z } from 'zod';
import { action } from '../contract';
import type { InsightAlertDoc } from '../insights/stored';

export type InsightAlertView = InsightAlertDoc & { id: string };

const daySchema = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式为 YYYY-MM-DD' });

export const insights = {
  /**
   * Run the nightly insight job for one Asia/Shanghai day (admin, console): merge that day's orders
   * into the monthly aggregates and raise that night's alerts. Re-running a day changes nothing.
   */
  runDay: action<{ day: string; ordersMerged: number; rowsWritten: number; alertsRaised: number; notified: number }>()(z.strictObject({ day: daySchema }), {
    day: '2026-09-11',
  }),
  /** The alert inbox: a manager's own region alerts, an admin's all; open first, newest first. */
  alerts: action<{ items: InsightAlertView[] }>()(z.strictObject({ status: z.enum(['open', 'handled']).optional() }), { status: 'open' }),
  /** Mark an alert handled with a note (its manager or an admin). */
  handleAlert: action<InsightAlertView>()(z.strictObject({ id: z.string().min(1).max(300), note: z.string().trim().min(1).max(500) }), {
    id: 'order_spike:ord-1',
    note: '已电话核实，补货中',
  }),
};
