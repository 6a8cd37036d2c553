import { shanghaiParts } from '../time/parts';
import { shanghaiDayKey, shanghaiMonthKey } from '../time/keys';
import { DAY_MS } from '../time/units';

/**
 * 总部一键下发: HQ's content task goes out through every clerk as one WeCom 企业群发 per clerk,
 * and WeCom caps what one customer may receive. Its rule, as documented on 创建企业群发
 * (https://developer.work.weixin.qq.com/document/path/92135, last updated 2025-11-17):
 * 「每位客户/每个客户群每月最多可接收条数为当月天数，超过接收上限的客户/客户群将无法再收到群发消息。
 * 可在企业微信-群发助手-设置群发规则中调整为每周接收七条或每天接收一条」. Older pages (and SDKs
 * that copied them) still say 4 per natural month; that rule is gone. The corp picks one of the
 * three in WeCom's admin console, so the function is told which (WECOM_GROUPMSG_RULE) and keeps a
 * per-customer budget for that window; a plan never gives a customer more than is left.
 *
 * Pure: `now` is a parameter; Shanghai calendar (WeCom counts China's natural day/week/month).
 */
export const BUDGET_RULES = ['month_days', 'week_7', 'day_1'] as const;
export type BudgetRule = (typeof BUDGET_RULES)[number];

export interface BudgetWindow {
  rule: BudgetRule;
  /** The window's key, part of the budget document's id: `2026-11`, `2026-W47`-like `w:2026-11-16`, `2026-11-18`. */
  key: string;
  /** How many enterprise mass messages a customer may receive in the window. */
  limit: number;
  /** 本月 / 本周 / 今天, for the reason a customer is skipped. */
  label: string;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The budget window `now` falls in under a rule. */
export function budgetWindow(rule: BudgetRule, now: number): BudgetWindow {
  const p = shanghaiParts(now);
  if (rule === 'day_1') return { rule, key: shanghaiDayKey(now), limit: 1, label: '今天' };
  if (rule === 'week_7') {
    // Monday-based week, keyed by its Monday.
    const sinceMonday = (p.weekday + 6) % 7;
    return { rule, key: `w:${shanghaiDayKey(now - sinceMonday * DAY_MS)}`, limit: 7, label: '本周' };
  }
  return { rule, key: shanghaiMonthKey(now), limit: daysInMonth(p.year, p.month), label: '本月' };
}

export function parseBudgetRule(raw: string | undefined): BudgetRule {
  return (BUDGET_RULES as readonly string[]).includes(raw ?? '') ? (raw as BudgetRule) : 'month_days';
}

/** The budget document of a customer in a window (`wecom_push_budget`). */
export const budgetId = (externalUserId: string, window: BudgetWindow): string => `${externalUserId}:${window.key}`;

export type SkipReason = 'over_limit' | 'already_planned' | 'not_active';

export interface PlannedCustomer {
  externalUserId: string;
  name: string;
}
export interface SkippedCustomer extends PlannedCustomer {
  reason: SkipReason;
  /** For the admin: 本月已收到 31 条企业群发（上限 31 条）. */
  reasonText: string;
}

export function skipText(reason: SkipReason, window: BudgetWindow, received: number): string {
  if (reason === 'over_limit') return `${window.label}已收到 ${received} 条企业群发（上限 ${window.limit} 条）`;
  if (reason === 'already_planned') return '已由其他导购发送本条内容';
  return '已不是该导购的客户';
}

/**
 * Split one clerk's customers into who receives and who is skipped. `received` is each
 * customer's count in the window; `taken` the customers another clerk already covers in this
 * task (WeCom delivers a customer one task's message once).
 */
export function planClerk(
  customers: readonly PlannedCustomer[],
  received: ReadonlyMap<string, number>,
  taken: ReadonlySet<string>,
  window: BudgetWindow,
): { send: PlannedCustomer[]; skipped: SkippedCustomer[] } {
  const send: PlannedCustomer[] = [];
  const skipped: SkippedCustomer[] = [];
  for (const c of customers) {
    const n = received.get(c.externalUserId) ?? 0;
    if (taken.has(c.externalUserId)) skipped.push({ ...c, reason: 'already_planned', reasonText: skipText('already_planned', window, n) });
    else if (n >= window.limit) skipped.push({ ...c, reason: 'over_limit', reasonText: skipText('over_limit', window, n) });
    else send.push(c);
  }
  return { send, skipped };
}

/** Execution rate in whole percent (sent clerks of clerks with a task); null when nobody had one. */
export function executionRate(sent: number, total: number): number | null {
  return total === 0 ? null : Math.round((sent * 100) / total);
}

/** The landing page path a clerk's card opens: her campaign code, and the task (WeCom needs the .html suffix on the page). */
export function cardPage(landingPage: string, code: string, taskId: string): string {
  return `${landingPage}.html?scene=${code}&push=${taskId}`;
}
