/**
 * The tools' results in words: each fact is one sentence with figures our queries computed. The
 * model is told to say only these figures; the template brief (the fallback) is made of them.
 * Money in whole yuan (rounded half up from fen), changes in whole percent.
 */
import { regionName } from '../../dealer';
import type { DealerHealth } from '../health';
import type { InsightAlertDoc } from '../stored';

export const yuan = (fen: number) => `¥${Math.round(fen / 100)}`;
export const percent = (x: number | null) => (x === null ? '无可比数据' : `${x >= 0 ? '+' : ''}${Math.round(x * 100)}%`);

export interface TrendLineFacts {
  label: string;
  amount: number;
  qty: number[];
  mom: number | null;
  yoy: number | null;
}

/** The month's total and its largest lines (at most 3), with 环比 and 同比. */
export function trendFacts(scope: string, month: string, total: TrendLineFacts, lines: ReadonlyArray<TrendLineFacts>): string[] {
  const line = (l: TrendLineFacts) =>
    `${l.label} ${month} 销售额 ${yuan(l.amount)}，销量 ${l.qty[l.qty.length - 1] ?? 0} 件，环比 ${percent(l.mom)}，同比 ${percent(l.yoy)}`;
  return [`${scope}合计：${line({ ...total, label: '' }).trim()}`, ...lines.slice(0, 3).map(line)];
}

/** How many alerts, and the newest few in their own words (what, where, how far, what to do). */
export function alertFacts(scope: string, status: 'open' | 'handled', alerts: ReadonlyArray<Pick<InsightAlertDoc, 'title' | 'message' | 'region'>>): string[] {
  const head = `${scope}${status === 'open' ? '未处理' : '已处理'}预警 ${alerts.length} 条`;
  return [head, ...alerts.slice(0, 3).map((a) => `${regionName(a.region)}：${a.title}。${a.message}`)];
}

/** How many dealers scored, how many at risk or with room, and the weakest few with their first reason. */
export function healthFacts(scope: string, items: ReadonlyArray<DealerHealth>): string[] {
  const churn = items.filter((h) => h.churnRisk).length;
  const growth = items.filter((h) => h.growthRoom).length;
  const weakest = [...items].sort((a, b) => a.score - b.score).slice(0, 3);
  return [
    `${scope}经销商 ${items.length} 家，流失风险 ${churn} 家，有增长潜力 ${growth} 家`,
    ...weakest.map((h) => `${h.dealerName} 健康度 ${h.score} 分${h.churnRisk ? '（流失风险）' : ''}：${h.reasons[0]?.reason ?? '无'}`),
  ];
}

/** One dealer: the last 12 months ordered, the latest month, its health and open alerts. */
export function dealerFacts(
  name: string,
  months: ReadonlyArray<string>,
  amounts: ReadonlyArray<number>,
  health: DealerHealth | null,
  openAlerts: ReadonlyArray<Pick<InsightAlertDoc, 'title'>>,
): string[] {
  const total = amounts.reduce((s, a) => s + a, 0);
  const last = months.length - 1;
  return [
    `${name} 近 12 个月（${months[0]} 至 ${months[last]}）订货额 ${yuan(total)}，${months[last]} 订货额 ${yuan(amounts[last] ?? 0)}`,
    health
      ? `${name} 健康度 ${health.score} 分${health.churnRisk ? '，有流失风险' : ''}${health.growthRoom ? '，有增长潜力' : ''}：${health.reasons[0]?.reason ?? ''}`
      : `${name} 暂无健康度评分`,
    `${name} 未处理预警 ${openAlerts.length} 条${openAlerts.length ? `：${openAlerts.map((a) => a.title).join('、')}` : ''}`,
  ];
}
