/**
 * What the assistant answers and where it came from: the sources of an answer (which tool ran with
 * which filters), the check that every figure in the model's text is one a tool returned, and the
 * plain template brief used whenever the model cannot be trusted or reached.
 */
import { regionName } from '../../dealer';
import { TOOL_LABELS, type ToolName, type ToolResult } from './tools';

/** One tool run: what was asked and what it returned. */
export interface ToolRun {
  tool: ToolName;
  /** The validated arguments (regions resolved to codes). */
  args: Record<string, unknown>;
  result: ToolResult;
}

/** A source as the page shows it: 销售趋势（区域：华东大区；分组：品类）. */
export interface AnswerSource {
  tool: ToolName;
  label: string;
  filters: string[];
}

export type AnswerStatus = 'answered' | 'fallback' | 'refused';

export interface AssistantAnswer {
  status: AnswerStatus;
  answer: string;
  sources: AnswerSource[];
  /** Why the template was used, or the model declined (Chinese, for the page); null when answered. */
  notice: string | null;
  /** Model rounds used. */
  rounds: number;
}

const FILTER_NAMES: Record<string, string> = { region: '区域', by: '分组', status: '状态', flag: '筛选', dealer: '经销商' };
const VALUE_NAMES: Record<string, string> = {
  region: '区域',
  category: '品类',
  sku: '商品',
  open: '未处理',
  handled: '已处理',
  churn: '流失风险',
  growth: '增长潜力',
};

/** The distinct sources of the runs, in the order first used. */
export function sourcesOf(runs: ReadonlyArray<ToolRun>, scope: string): AnswerSource[] {
  const out = new Map<string, AnswerSource>();
  for (const run of runs) {
    const filters = Object.entries(run.args)
      .filter(([, v]) => v !== undefined && v !== '')
      .map(([k, v]) => `${FILTER_NAMES[k] ?? k}：${k === 'region' ? regionName(String(v)) : (VALUE_NAMES[String(v)] ?? String(v))}`);
    if (!run.args['region'] && run.tool !== 'query_dealer') filters.unshift(`区域：${scope}`);
    const key = `${run.tool}|${filters.join('|')}`;
    if (!out.has(key)) out.set(key, { tool: run.tool, label: TOOL_LABELS[run.tool], filters });
  }
  return [...out.values()];
}

const numbersIn = (text: string) =>
  (
    text
      // List markers at a line's start (1. 2、) are layout, not figures.
      .replace(/^\s*\d+[.、)](?!\d)/gm, '')
      .replace(/(\d),(?=\d{3})/g, '$1')
      .match(/\d+(?:\.\d+)?/g) ?? []
  ).map((n) => String(Number(n)));

/**
 * Figures in the model's text that no tool returned (digits only: 12, 3.5, 1,234). An answer with
 * any is not passed on: the model may phrase and choose, never compute or invent a number.
 */
export function ungroundedNumbers(text: string, runs: ReadonlyArray<ToolRun>): string[] {
  const known = new Set(runs.flatMap((r) => [...r.result.facts.flatMap(numbersIn), ...numbersIn(JSON.stringify(r.result.data))]));
  return [...new Set(numbersIn(text))].filter((n) => !known.has(n));
}

/** The plain brief: every run's facts as bullet lines under a heading. */
export function templateBrief(heading: string, runs: ReadonlyArray<ToolRun>): string {
  const lines = runs.flatMap((r) => r.result.facts);
  return [heading, ...(lines.length ? lines.map((l) => `• ${l}`) : ['• 暂无数据'])].join('\n');
}

/** `insight_briefs` (_id = managerId:week): a manager's weekly brief of their regions, written by the weeklyBrief timer. */
export type InsightBriefDoc = AssistantAnswer & {
  managerId: string;
  /** The week's Monday, 'YYYY-MM-DD' in Asia/Shanghai. */
  week: string;
  regions: string[];
  createdAt: number;
  /** The manager was told by subscription message (a re-run sends no second one). */
  notified: boolean;
};
