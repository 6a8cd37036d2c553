import { type AssistantAnswer, type ToolRun, sourcesOf, templateBrief, ungroundedNumbers } from '@shared/insights/ai/answer';
import { MAX_CALLS_PER_ROUND, MAX_ROUNDS, systemPrompt } from '@shared/insights/ai/prompt';
import { type ToolName, isToolName, modelTools } from '@shared/insights/ai/tools';
import { dayOf } from '@shared/insights/sales';
import type { Db } from '../../../_kit/db';
import { log } from '../../../_kit/log';
import { type AiMessage, sdk } from '../../../_kit/sdk';
import { type ToolScope, runTool, scopeName } from './tools';

/**
 * The 问渠道 loop over CloudBase AI (cloud.ai(), wx-server-sdk ≥ 4.0.1):
 * https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/extend/ai/server.html
 * https://docs.cloudbase.net/ai/model/wx-server-sdk-access
 * The model gets the question and the tools; each round it either calls tools (we run them, over our
 * data, scoped to the asker) or answers. Bounded: MAX_ROUNDS rounds and one time budget for the
 * whole question. Whatever goes wrong — a time-out, an error, no answer within the rounds, an answer
 * with a figure no tool returned — the asker gets the plain template brief made of the tools'
 * facts instead; a model that declines is said so plainly.
 *
 * Settings (function environment variables): INSIGHTS_AI_PROVIDER (createModel's group, default
 * deepseek), INSIGHTS_AI_MODEL (default deepseek-v3.2), INSIGHTS_AI_TIMEOUT_MS (the question's
 * budget, default 40000; the function's own time-out must be longer: set 60 s in the console).
 */
const REFUSALS = new Set(['content_filter', 'sensitive']);
/** What the template brief always covers when the model fails a question: the month's sales and the open alerts. */
export const ASK_DEFAULTS: readonly ToolName[] = ['query_trends', 'query_alerts'];

const settings = () => ({
  provider: process.env['INSIGHTS_AI_PROVIDER'] || 'deepseek',
  model: process.env['INSIGHTS_AI_MODEL'] || 'deepseek-v3.2',
  budgetMs: Number(process.env['INSIGHTS_AI_TIMEOUT_MS']) || 40_000,
});

class TimedOut extends Error {}

/** The SDK times a request out itself; this bounds the whole call (token included) the same way. */
function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimedOut(`no answer in ${ms} ms`)), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

const isTimeout = (e: unknown) =>
  e instanceof TimedOut || /ESOCKETTIMEDOUT|ETIMEDOUT|timeout|timed out/i.test(`${(e as { code?: unknown })?.code ?? ''} ${(e as Error)?.message ?? ''}`);

/** The template brief: the runs made so far plus the default queries not yet made. */
async function fallback(db: Db, scope: ToolScope, runs: ToolRun[], defaults: readonly ToolName[], rounds: number, notice: string): Promise<AssistantAnswer> {
  const all = [...runs];
  for (const tool of defaults) {
    if (all.some((r) => r.tool === tool)) continue;
    const run = await runTool(db, scope, tool, {});
    if ('tool' in run) all.push(run);
  }
  const name = scopeName(scope.regions);
  return { status: 'fallback', answer: templateBrief(`${name}渠道简报（按模板整理）`, all), sources: sourcesOf(all, name), notice, rounds };
}

const parseArgs = (text: string): unknown => {
  try {
    return JSON.parse(text || '{}') as unknown;
  } catch {
    return null;
  }
};

/** Answer one question for `scope`; `defaults` are the queries the template brief runs when the model fails. */
export async function answerQuestion(db: Db, question: string, scope: ToolScope, defaults: readonly ToolName[] = ASK_DEFAULTS): Promise<AssistantAnswer> {
  const { provider, model, budgetMs } = settings();
  const name = scopeName(scope.regions);
  const runs: ToolRun[] = [];
  const messages: AiMessage[] = [
    { role: 'system', content: systemPrompt(name, dayOf(scope.now)) },
    { role: 'user', content: question },
  ];
  // Elapsed time of this invocation (a budget, not a business clock).
  const deadline = Date.now() + budgetMs;
  let round = 0;
  try {
    const chat = sdk().ai().createModel(provider);
    while (round < MAX_ROUNDS) {
      round++;
      const left = deadline - Date.now();
      if (left <= 0) throw new TimedOut('budget spent');
      const reply = await within(chat.generateText({ model, messages, tools: modelTools(), maxSteps: 1 }, { timeout: left }), left);
      if (reply.error) throw reply.error;
      const choice = reply.rawResponses[reply.rawResponses.length - 1]?.choices?.[0];
      if (REFUSALS.has(choice?.finish_reason ?? '')) {
        const answer = '模型拒绝回答这个问题（未通过内容安全审核）。请换个问法，例如问销售趋势、异常预警、经销商健康度或某个经销商的数据。';
        return { status: 'refused', answer, sources: [], notice: '模型拒绝回答', rounds: round };
      }
      const calls = (choice?.message?.tool_calls ?? []).slice(0, MAX_CALLS_PER_ROUND);
      if (calls.length === 0) {
        const text = (choice?.message?.content ?? '').trim();
        const invented = ungroundedNumbers(text, runs);
        if (!text || invented.length) return fallback(db, scope, runs, defaults, round, '模型的回答里有查询结果以外的数字，已改用模板简报');
        return { status: 'answered', answer: text, sources: sourcesOf(runs, name), notice: null, rounds: round };
      }
      messages.push({ role: 'assistant', content: choice?.message?.content ?? '', tool_calls: calls });
      for (const call of calls) {
        const tool = call.function.name;
        const run = isToolName(tool) ? await runTool(db, scope, tool, parseArgs(call.function.arguments)) : { error: `没有名为 ${tool} 的工具` };
        if ('tool' in run) runs.push(run);
        messages.push({ role: 'tool', tool_call_id: call.id, content: JSON.stringify('tool' in run ? run.result : run) });
      }
    }
    return await fallback(db, scope, runs, defaults, round, `模型在 ${MAX_ROUNDS} 轮内没有给出回答，已改用模板简报`);
  } catch (e) {
    log.warn('insights assistant: model failed, template brief instead', { error: (e as Error)?.message ?? String(e), round });
    return fallback(db, scope, runs, defaults, round, isTimeout(e) ? '模型超时未回应，已改用模板简报' : '模型暂时不可用，已改用模板简报');
  }
}
