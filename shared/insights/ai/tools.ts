/**
 * The tools the 问渠道 assistant may call. The model only chooses among them and phrases what they
 * return: each runs our own deterministic query over the insight collections (the insights
 * function's loaders), so every figure in an answer comes from our data. Arguments are validated
 * here with zod before a tool runs; the model sees the same schemas as JSON Schema (OpenAI's
 * function-calling shape, which CloudBase AI's chat completions take):
 * https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/extend/ai/server.html
 */
import { z } from 'zod';
import { REGIONS } from '../../dealer';

export const TOOL_NAMES = ['query_trends', 'query_alerts', 'query_health', 'query_dealer'] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

const region = z.string().trim().min(1).max(20).describe('区域：华东、华南、华北、西南、华中（或 east/south/north/west/central）；不填为你负责的全部区域');

export const TOOL_ARGS = {
  query_trends: z.strictObject({
    region: region.optional(),
    by: z.enum(['region', 'category', 'sku']).optional().describe('按区域、品类或商品分组，默认按品类'),
  }),
  query_alerts: z.strictObject({
    region: region.optional(),
    status: z.enum(['open', 'handled']).optional().describe('open 未处理（默认），handled 已处理'),
  }),
  query_health: z.strictObject({
    region: region.optional(),
    flag: z.enum(['churn', 'growth']).optional().describe('churn 只看流失风险，growth 只看增长潜力'),
  }),
  query_dealer: z.strictObject({ dealer: z.string().trim().min(1).max(40).describe('经销商名称（可只写一部分）') }),
} satisfies Record<ToolName, z.ZodType>;

export type ToolArgs<N extends ToolName> = z.output<(typeof TOOL_ARGS)[N]>;

export const TOOL_LABELS: Record<ToolName, string> = {
  query_trends: '销售趋势',
  query_alerts: '异常预警',
  query_health: '经销商健康度',
  query_dealer: '经销商数据',
};

const DESCRIPTIONS: Record<ToolName, string> = {
  query_trends: '查询最近一个完整月的销售额与销量，及环比、同比（来自月度销售汇总）',
  query_alerts: '查询异常预警：订单激增、经销商流失、窜货、区域商品销量异常',
  query_health: '查询经销商健康度（0–100 分）、主要原因、流失风险与增长潜力',
  query_dealer: '查询某个经销商近 12 个月的订货额、健康度和未处理预警',
};

/** The tools as the model is told about them: `{ type: 'function', function: { name, description, parameters } }`. */
export function modelTools(): Array<{ type: 'function'; function: { name: ToolName; description: string; parameters: object } }> {
  return TOOL_NAMES.map((name) => ({
    type: 'function' as const,
    function: { name, description: DESCRIPTIONS[name], parameters: z.toJSONSchema(TOOL_ARGS[name], { target: 'draft-7' }) },
  }));
}

export const isToolName = (name: string): name is ToolName => (TOOL_NAMES as readonly string[]).includes(name);

/** A region as a model may write it (east, 华东, 华东大区) → its code; undefined when it names none. */
export function resolveRegion(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  for (const [code, name] of Object.entries(REGIONS)) if (t === code || t === name || (t.length >= 2 && name.startsWith(t))) return code;
  return t;
}

/** What a tool answers: sentences with the figures (what an answer may say) and the figures as data. */
export interface ToolResult {
  facts: string[];
  data: unknown;
}
