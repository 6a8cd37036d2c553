import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

/**
 * A scripted fake of CloudBase AI's chat-completions endpoint on loopback — NOT a language model.
 * wx-server-sdk's `cloud.ai().createModel(provider).generateText(...)` POSTs to
 * `{gateway}/v1/ai/{provider}/chat/completions` with `{ model, messages, tools, stream: false }`
 * and reads `{ choices: [{ finish_reason, message }], usage }` back (OpenAI's shape: a tool call is
 * `finish_reason: 'tool_calls'` with `message.tool_calls[0].function.{ name, arguments }`):
 * https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/extend/ai/server.html
 * The local cloud routes those calls here (mocks/cloud/index.ts), so the functions' tool-calling
 * loop runs unchanged and offline.
 *
 * What it "decides" is rules over the question, nothing learnt: words about trends (趋势, 销量,
 * 环比, 同比) pick `query_trends`, alerts (预警, 异常) `query_alerts`, health (健康, 流失, 潜力)
 * `query_health`, a name in 「」 `query_dealer`, a region named (华东) their `region`; a question
 * matching none picks trends and alerts.
 * It calls the tools one per round, in that order, then answers with the `facts` the tools
 * returned, so every number it says came from a tool. `script` makes it misbehave for tests.
 */
export type FakeModelScript =
  /** The rules above. */
  | 'answer'
  /** Hold every request open without answering (the caller's time-out must end it). */
  | 'timeout'
  /** Decline to answer, as a moderated model does (finish_reason 'content_filter', no content). */
  | 'refuse'
  /** Answer the gateway's error envelope (HTTP 500, { code, message }), as when the quota is spent. */
  | 'error'
  /** Ask for the same tool in every round, never answering (the caller's round limit must end it). */
  | 'loop'
  /** Call the tools, then answer with a figure no tool gave (the caller must not pass it on). */
  | 'invent';

export interface FakeModelCall {
  provider: string;
  model: string;
  messages: Array<{ role: string; content?: string; tool_calls?: unknown[]; tool_call_id?: string }>;
  tools: Array<{ type: string; function: { name: string; description: string; parameters: object } }>;
}

const RULES: ReadonlyArray<[RegExp, string]> = [
  [/趋势|销量|销售|环比|同比|增长|下滑|卖/, 'query_trends'],
  [/预警|异常|告警|提醒/, 'query_alerts'],
  [/健康|流失|风险|潜力|评分/, 'query_health'],
];

/** The tools the rules pick for a question, in the order the fake calls them. */
export function toolsFor(question: string): Array<{ name: string; args: Record<string, unknown> }> {
  const picked: Array<{ name: string; args: Record<string, unknown> }> = [];
  const dealer = /「(.+?)」/.exec(question)?.[1];
  // A region named in the question becomes the tools' filter, as the model writes it (华东).
  const region = /华东|华南|华北|西南|华中/.exec(question)?.[0];
  const args = region ? { region } : {};
  if (dealer) picked.push({ name: 'query_dealer', args: { dealer } });
  for (const [re, name] of RULES) if (re.test(question)) picked.push({ name, args });
  if (picked.length === 0) picked.push({ name: 'query_trends', args }, { name: 'query_alerts', args });
  return picked;
}

export class FakeModel {
  script: FakeModelScript = 'answer';
  readonly calls: FakeModelCall[] = [];
  url = '';
  private server: http.Server | null = null;
  private readonly sockets = new Set<Socket>();
  private seq = 0;

  /** Listen on 127.0.0.1 (port 0: any free one); answers the gateway base URL, e.g. http://127.0.0.1:PORT. */
  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const route = /^\/v1\/ai\/([\w.-]+)\/chat\/completions$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !route) return this.json(res, 404, { code: 'NOT_FOUND', message: `fake model: no route ${req.method} ${req.url}` });
    let body: Partial<FakeModelCall> & { stream?: boolean };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
    } catch {
      return this.json(res, 400, { code: 'INVALID_PARAM', message: 'body must be JSON' });
    }
    if (body.stream) return this.json(res, 400, { code: 'INVALID_PARAM', message: 'fake model: only generateText (stream: false) is scripted' });
    const call: FakeModelCall = { provider: route[1]!, model: String(body.model ?? ''), messages: body.messages ?? [], tools: body.tools ?? [] };
    this.calls.push(call);
    switch (this.script) {
      case 'timeout':
        return; // held open; the client gives up, or stop() closes it
      case 'error':
        return this.json(res, 500, { code: 'EXCEED_TOKEN_QUOTA_LIMIT', message: 'fake model: token quota used up' });
      case 'refuse':
        return this.json(res, 200, this.completion('content_filter', { role: 'assistant', content: '' }));
      default:
        return this.json(res, 200, this.reply(call));
    }
  }

  /** The next message of the conversation under the rules (and the 'loop' / 'invent' scripts). */
  private reply(call: FakeModelCall) {
    const lastUser = call.messages.map((m) => m.role).lastIndexOf('user');
    const question = String(call.messages[lastUser]?.content ?? '');
    const results = call.messages.slice(lastUser + 1).filter((m) => m.role === 'tool');
    const offered = new Set(call.tools.map((t) => t.function.name));
    const plan = this.script === 'loop' ? [toolsFor(question)[0]!] : toolsFor(question).filter((t) => offered.has(t.name));
    const next = this.script === 'loop' ? plan[0] : plan[results.length];
    if (next) {
      const id = `call_${++this.seq}`;
      return this.completion('tool_calls', {
        role: 'assistant',
        content: '',
        tool_calls: [{ id, type: 'function', function: { name: next.name, arguments: JSON.stringify(next.args) } }],
      });
    }
    const facts = results.flatMap((m) => {
      try {
        return ((JSON.parse(String(m.content)) as { facts?: string[] }).facts ?? []).slice(0, 4);
      } catch {
        return [];
      }
    });
    const text = facts.length ? `根据查询结果：${facts.join('；')}。` : '没有查到相关数据。';
    return this.completion('stop', { role: 'assistant', content: this.script === 'invent' ? `${text}预计下月销量将增长 37%。` : text });
  }

  private completion(finishReason: string, message: Record<string, unknown>) {
    const id = `fake-${++this.seq}`;
    return {
      id,
      object: 'chat.completion',
      created: 0,
      model: 'fake',
      choices: [{ index: 0, finish_reason: finishReason, message }],
      usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
    };
  }

  private json(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}
