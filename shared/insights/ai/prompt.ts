/**
 * What the model is told. It answers a channel manager in Chinese, chooses tools to get figures and
 * must say no figure a tool did not return; the function checks that (answer.ts) whatever the
 * prompt achieves.
 */
export function systemPrompt(scope: string, today: string): string {
  return [
    `你是品牌渠道经理的数据助手。今天是 ${today}，提问人负责的区域：${scope}。`,
    '只能通过提供的工具获取数据；回答里出现的每一个数字都必须原样来自工具结果的 facts，不得自行计算、估计或编造。',
    '工具查不到的内容，直接说明没有数据。用简洁的中文回答，不超过 200 字，最后给出一条可执行的建议。',
  ].join('\n');
}

/** The question the weekly brief asks on a manager's behalf. */
export const WEEKLY_BRIEF_QUESTION = '请为我写本周渠道简报：最近一个完整月的销售趋势（环比、同比）、未处理的异常预警、经销商健康度与流失风险。';

/** Rounds of model calls one question may take (each may run tools); past it the template answers. */
export const MAX_ROUNDS = 4;
/** Tool calls one model round may ask for; more are ignored. */
export const MAX_CALLS_PER_ROUND = 3;
