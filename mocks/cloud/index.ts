import type { Statement } from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DbEngine } from './db/engine';
import { Store } from './db/store';
import type { CallerIdentity } from './context';
import { currentInvocationEnv, installEnvOverlay, invocationEnv, runAs } from './context';
import { getUnlimited } from './openapi/wxacode';
import { LocalWxPay } from './openapi/cloudpay';
import { getPath } from './openapi/logistics';
import type { SubscribeMessage } from './openapi/subscribe';
import { send as sendSubscribe } from './openapi/subscribe';
import { decodeOpenApiRequest, encodeOpenApiResponse, jsonReply } from './openapi/wire';
import type { OpenApiReply } from './openapi/wire';
import { LocalStorage } from './storage';
import { answerGateway } from './ai/gateway';
import type { GatewayArgs } from './ai/gateway';
import { FunctionPool } from './workers/pool';
import { guardRequestCore, SDK_GATEWAY_REQUESTER, SDK_REQUESTER, SDK_UTILS } from './sdk-paths';

export type { CallerIdentity } from './context';
export type { SubscribeMessage } from './openapi/subscribe';

export { SDK_GATEWAY_REQUESTER, SDK_REQUEST_CORE, SDK_REQUESTER, SDK_UTILS } from './sdk-paths';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

type Main = (event: unknown, context: unknown) => Promise<unknown>;

export interface LocalCloudOptions {
  /** SQLite file of the database. ':memory:' keeps nothing. */
  dbFile: string;
  /** With dbFile ':memory:': start from this serialized database (Store's `image`) instead of an empty one. */
  dbImage?: Buffer;
  /** Folder for cloud storage files. */
  storageDir: string;
  envId?: string;
  /** Base URL the H5 app is served from (temp file URLs and QR codes point there). */
  publicUrl?: string;
  /** Where function folders live (default: the repo's cloudfunctions/). */
  functionsDir?: string;
  /** 'source' loads src/index.ts (needs a TS loader: tsx or jest); 'bundle' loads the ncc index.js. */
  mode?: 'source' | 'bundle';
  /** Pages of the mini-program, for wxacode's check_path. */
  knownPages?: readonly string[];
  clock?: () => number;
  /**
   * The network hop of the real cloud, in ms, added to every database request and open-API call
   * (default: $LOCAL_CLOUD_DB_LATENCY_MS, else 0: nothing added).
   */
  latencyMs?: number;
  /**
   * Run the functions in this many worker threads instead of this one (workers/pool.ts), as the
   * cloud runs each invocation in an instance of its own beside the database; 0 or unset: here.
   * For the benchmarks: a clock given here, cloud.ai() and jest's module mocks do not reach them.
   */
  workers?: number;
}

/** What one function invocation asked of the cloud (see LocalCloud.recordRoundTrips). */
export interface InvocationTrace {
  fn: string;
  /** The event's `action`, when it has one. */
  action: string | undefined;
  /** Whether the function answered an ok envelope. */
  ok: boolean;
  /** What the function answered (as JSON). */
  answer: unknown;
  /** Database requests (a transaction's start, each read and write, its commit: one each). */
  database: number;
  openapi: number;
  /** Transactions started: more than the handler runs means one was retried after a conflict. */
  transactions: number;
  /**
   * Conditional updates (where().update(), outside a transaction) that changed no document: the
   * condition no longer held — another writer moved the document first, as a conflict does for a
   * transaction — or nothing matched.
   */
  missedUpdates: number;
  /**
   * The longest chain of requests that waited on each other: a request's depth is one more than
   * the deepest request that had completed when it started; this is the deepest. Under a
   * latency model of L ms per request, the invocation waits at least this × L.
   */
  sequential: number;
  /**
   * Each request in the order it was sent, with its depth in the chain (1: sent before any answer
   * came back) — only when a recorder asked for them (recordRoundTrips' `requests`): where a round
   * in sequence comes from.
   */
  requests?: RequestTrace[];
}

/** One request of an invocation: its depth in the chain and what it was ('get dealers', 'getTempFileURL', …). */
export interface RequestTrace {
  depth: number;
  what: string;
}

/** The round trips of the invocation in progress, kept only while a recorder listens. */
interface Tally {
  database: number;
  openapi: number;
  transactions: number;
  missedUpdates: number;
  /** The deepest request completed so far. */
  done: number;
  deepest: number;
  /** Each request, when a recorder asked for them. */
  requests: RequestTrace[] | null;
}

interface Invocation {
  fn: string;
  tally: Tally | null;
  /**
   * A request's depth in its chain, as the worker thread that sent it counted it (workers/entry.ts):
   * there the function's code and its answers take turns as in one thread, while here an answer
   * may come back before the worker, still running, has sent the request beside it.
   */
  depth?: number;
}

/** LOCAL_CLOUD_DB_LATENCY_MS as a number of ms, 0 when unset; a clear error when it is not one. */
export function latencyFromEnv(value = process.env['LOCAL_CLOUD_DB_LATENCY_MS']): number {
  if (value === undefined || value.trim() === '') return 0;
  const ms = Number(value);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`LOCAL_CLOUD_DB_LATENCY_MS must be a number of milliseconds ≥ 0, got ${JSON.stringify(value)}`);
  return ms;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface RequestArgs {
  params: Record<string, unknown> & { action: string };
}

/**
 * The local cloud: wx-server-sdk runs unchanged, and only the SDK's network function beneath
 * it is replaced by local implementations of the database, functions, storage and open APIs.
 */
export class LocalCloud {
  readonly store: Store;
  readonly db: DbEngine;
  readonly storage: LocalStorage;
  readonly envId: string;
  publicUrl: string;
  private readonly functionsDir: string;
  private readonly mode: 'source' | 'bundle';
  private readonly loaded = new Map<string, Main>();
  private readonly currentFunction = new AsyncLocalStorage<Invocation>();
  private readonly clock: () => number;
  private requestSeq = 0;
  /**
   * The latency model: ms each database request and open-API call takes, as a network hop in
   * CloudBase does (the whole round trip, before the request is served). 0 adds nothing. May be
   * changed between runs.
   */
  latencyMs: number;
  private readonly recorders = new Set<(trace: InvocationTrace) => void>();
  /** Recorders that asked for each request (recordRoundTrips' `requests`). */
  private readonly detailedRecorders = new Set<(trace: InvocationTrace) => void>();
  /** Requests by kind, for the benchmarks' round-trip counts. */
  readonly counters = { database: 0, functions: 0, storage: 0, openapi: 0 };
  /**
   * Where cloud.ai()'s model calls go: the base URL of a scripted fake model on loopback
   * (mocks/cloud/ai/fake-model.ts), or null: the calls fail as in an environment without AI.
   */
  aiUrl: string | null = null;

  constructor(private readonly opts: LocalCloudOptions) {
    this.envId = opts.envId ?? 'local-dev';
    this.publicUrl = opts.publicUrl ?? 'http://127.0.0.1:10086';
    this.functionsDir = opts.functionsDir ?? path.join(REPO_ROOT, 'cloudfunctions');
    this.mode = opts.mode ?? 'source';
    this.clock = opts.clock ?? (() => Date.now());
    this.latencyMs = opts.latencyMs ?? latencyFromEnv();
    this.workers = opts.workers ?? 0;
    if (!Number.isInteger(this.workers) || this.workers < 0) throw new Error(`workers must be a whole number ≥ 0, got ${this.workers}`);
    if (!Number.isFinite(this.latencyMs) || this.latencyMs < 0) throw new Error(`latencyMs must be ≥ 0, got ${this.latencyMs}`);
    this.store = new Store(opts.dbFile, opts.dbImage);
    this.store.db.exec(`CREATE TABLE IF NOT EXISTS local_outbox (
      seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, body TEXT NOT NULL, at INTEGER NOT NULL)`);
    // What WeChat itself keeps: the subscription-message grants users gave in the consent dialog.
    this.store.db.exec(`CREATE TABLE IF NOT EXISTS local_subscription_grants (
      touser TEXT NOT NULL, template_id TEXT NOT NULL, remaining INTEGER NOT NULL, PRIMARY KEY (touser, template_id))`);
    this.db = new DbEngine(this.store, this.clock);
    this.wxpay = new LocalWxPay(this.store.db, this.clock);
    this.storage = new LocalStorage(opts.storageDir, this.envId, () => this.publicUrl);
  }

  /** Route the SDK's network layer of this process to this local cloud. */
  install(): this {
    installEnvOverlay();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const requester = require(SDK_REQUESTER) as { request: (args: RequestArgs) => Promise<unknown> };
    requester.request = (args: RequestArgs) => this.request(args);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const gateway = require(SDK_GATEWAY_REQUESTER) as { request: (args: GatewayArgs) => Promise<unknown> };
    gateway.request = (args: GatewayArgs) => {
      this.counters.openapi++;
      return this.hop('openapi', () => answerGateway(args, this.aiUrl));
    };
    guardRequestCore();
    return this;
  }

  // ---- functions --------------------------------------------------------------------------

  functionNames(): string[] {
    return fs
      .readdirSync(this.functionsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && fs.existsSync(path.join(this.functionsDir, d.name, 'package.json')))
      .map((d) => d.name)
      .sort();
  }

  private readonly files = new Map<string, string>();

  /** The module of function `name`, or FUNCTION_NOT_FOUND. */
  private fileOf(name: string): string {
    const hit = this.files.get(name);
    if (hit) return hit;
    if (!/^[a-z][a-zA-Z0-9_-]*$/.test(name) || !this.functionNames().includes(name)) {
      throw Object.assign(new Error(`FunctionName parameter could not be found: ${name}`), { code: 'FUNCTION_NOT_FOUND' });
    }
    const file = path.join(this.functionsDir, name, this.mode === 'bundle' ? 'index.js' : path.join('src', 'index.ts'));
    this.files.set(name, file);
    return file;
  }

  private load(name: string): Main {
    const hit = this.loaded.get(name);
    if (hit) return hit;
    const file = this.fileOf(name);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(file) as { main?: Main };
    if (typeof mod.main !== 'function') throw new Error(`cloud function ${name} exports no main`);
    this.loaded.set(name, mod.main);
    return mod.main;
  }

  /**
   * Invoke a function as the platform would: the event is JSON, the caller's identity is in
   * getWXContext(), and calls from the mini-program carry the platform's userInfo field.
   */
  async invoke(name: string, event: unknown, who: CallerIdentity = {}): Promise<unknown> {
    const main = this.workers > 0 ? null : this.load(name);
    const file = main ? '' : this.fileOf(name);
    const payload = JSON.parse(JSON.stringify(event ?? {})) as unknown;
    const source = who.source ?? 'wx_client';
    if (source === 'wx_client' && who.openid && payload && typeof payload === 'object' && !Array.isArray(payload)) {
      (payload as Record<string, unknown>)['userInfo'] = { appId: who.appid ?? 'wx0000000000local', openId: who.openid };
    }
    const vars = invocationEnv(this.envId, { ...who, source });
    const context = {
      function_name: name,
      request_id: `local-fn-${(++this.requestSeq).toString(36)}`,
      environment: JSON.stringify(vars),
    };
    const tally: Tally | null =
      this.recorders.size > 0
        ? { database: 0, openapi: 0, transactions: 0, missedUpdates: 0, done: 0, deepest: 0, requests: this.detailedRecorders.size > 0 ? [] : null }
        : null;
    const invocation: Invocation = { fn: name, tally };
    let answer: unknown;
    if (main) {
      const result = await runAs(vars, () => this.currentFunction.run(invocation, () => main(payload, context)));
      // What leaves a function is JSON.
      answer = result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
    } else {
      // In a worker thread (workers/pool.ts): its result comes back as JSON already.
      const { id, result } = this.pool().run(file, payload, context, vars);
      this.running.set(id, { invocation, vars });
      try {
        answer = (await result) ?? null;
      } finally {
        this.running.delete(id);
      }
    }
    if (tally) {
      const action = (payload as { action?: unknown } | null)?.action;
      const trace: InvocationTrace = {
        fn: name,
        action: typeof action === 'string' ? action : undefined,
        ok: (answer as { ok?: unknown } | null)?.ok === true,
        answer,
        database: tally.database,
        openapi: tally.openapi,
        transactions: tally.transactions,
        missedUpdates: tally.missedUpdates,
        sequential: tally.deepest,
      };
      for (const r of this.recorders) r(this.detailedRecorders.has(r) && tally.requests ? { ...trace, requests: tally.requests } : trace);
    }
    return answer;
  }

  /**
   * Tell `listener` what each invocation from now on asked of the cloud: its database requests,
   * open-API calls and longest chain of requests that waited on each other. For the benchmarks;
   * nothing is counted while no one listens. With `requests`, each trace lists every request and
   * its depth too (to find which read made a round). Returns the function that stops listening.
   */
  recordRoundTrips(listener: (trace: InvocationTrace) => void, opts: { requests?: boolean } = {}): () => void {
    this.recorders.add(listener);
    if (opts.requests) this.detailedRecorders.add(listener);
    return () => {
      this.recorders.delete(listener);
      this.detailedRecorders.delete(listener);
    };
  }

  /**
   * One request of the current invocation across the modelled network: counted when a recorder
   * listens, delayed when the latency model is on; with neither, the call itself and nothing else.
   */
  private async hop<T>(
    kind: 'database' | 'transaction' | 'openapi',
    work: () => T | Promise<T>,
    invocation: Invocation | undefined = this.currentFunction.getStore(),
    what: () => string = () => kind,
  ): Promise<T> {
    const tally = invocation?.tally;
    if (!tally && this.latencyMs === 0) return work();
    let depth = 0;
    if (tally) {
      if (kind === 'transaction') tally.transactions++;
      tally[kind === 'openapi' ? 'openapi' : 'database']++;
      depth = invocation?.depth ?? tally.done + 1;
      if (depth > tally.deepest) tally.deepest = depth;
      tally.requests?.push({ depth, what: what() });
    }
    // One timer per request (a timer's own lateness is paid once): the request travels, then is answered.
    if (this.latencyMs > 0) await sleep(this.latencyMs);
    const answer = await work();
    if (tally && depth > tally.done) tally.done = depth;
    return answer;
  }

  /** Fire a timer trigger of a function the way the platform does (config.json `triggers`). */
  trigger(name: string, triggerName: string): Promise<unknown> {
    const time = new Date(this.clock()).toISOString();
    return this.invoke(name, { Type: 'Timer', TriggerName: triggerName, Time: time }, { source: 'wx_trigger' });
  }

  // ---- functions in worker threads (LocalCloudOptions.workers) -------------------------------

  private readonly workers: number;
  private functionPool: FunctionPool | null = null;
  /** Invocations running in the pool, by its id: their requests are served in their context. */
  private readonly running = new Map<number, { invocation: Invocation; vars: Record<string, string> }>();

  private pool(): FunctionPool {
    this.functionPool ??= new FunctionPool(this.workers, (id, depth, params) => {
      const r = this.running.get(id);
      if (!r) return Promise.reject(new Error(`local cloud: a request of an invocation that has ended (${id})`));
      // Served as in this thread (answer), for the invocation: its caller, tally and open-API grants. Passed, not
      // entered as async context: without one here, no promise of this thread pays the context's hooks.
      return this.answer(String(params.action), params, { ...r.invocation, depth }, r.vars);
    });
    return this.functionPool;
  }

  /** The function workers' Linux thread ids (empty without workers or off Linux), for the benchmarks' CPU split. */
  workerThreadIds(): number[] {
    return [...(this.functionPool?.threadIds ?? [])];
  }

  /** The CPU share of each function worker's event loop so far (empty without workers), for the benchmarks. */
  workerUtilization(): number[] {
    return this.functionPool?.utilization() ?? [];
  }

  // ---- the replaced network layer -------------------------------------------------------------

  private async request(args: RequestArgs): Promise<unknown> {
    const params = args.params;
    const action = String(params.action);
    const answer = await this.answer(action, params);
    if (answer && typeof answer === 'object' && !Buffer.isBuffer(answer) && (answer as { code?: unknown }).code) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const utils = require(SDK_UTILS) as { processReturn: (r: unknown) => unknown };
      return utils.processReturn(answer);
    }
    return answer;
  }

  /** One request of `invocation` (by default the one this async context runs), whose caller is in `env`. */
  private async answer(
    action: string,
    p: Record<string, unknown>,
    invocation: Invocation | undefined = this.currentFunction.getStore(),
    env: Record<string, string> | undefined = currentInvocationEnv(),
  ): Promise<unknown> {
    const requestId = `local-${(++this.requestSeq).toString(36)}`;
    if (action.startsWith('database.')) {
      this.counters.database++;
      const answer = await this.hop(
        action === 'database.startTransaction' ? 'transaction' : 'database',
        async () => {
          // Writes of one turn of the event loop are committed together; the answer waits for that commit (Store.inGroup).
          const { result, durable } = this.store.inGroup(() => this.db.handle(action, p));
          if (durable) await durable;
          return result;
        },
        invocation,
        () => `${action.slice('database.'.length)} ${String(p['collectionName'] ?? '')}`.trim(),
      );
      const tally = invocation?.tally;
      if (tally && action === 'database.modifyDocument' && p['queryType'] === 'WHERE' && !p['transactionId']) {
        const data = (answer as { data?: { updated?: number; upsert_id?: unknown } }).data;
        if (data && data.updated === 0 && data.upsert_id === undefined) tally.missedUpdates++;
      }
      return answer;
    }
    if (action === 'functions.invokeFunction') {
      this.counters.functions++;
      const caller = env?.['WX_OPENID'] ?? process.env['WX_OPENID'];
      // SOURCE follows the call chain, comma-separated: a function that a function called from the
      // mini-program called sees `wx_client,scf` (Cloud.getWXContext, 使用说明):
      // https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/utils/Cloud.getWXContext.html
      const chain = process.env['TCB_SOURCE'];
      let data: unknown = {};
      try {
        data = p['request_data'] ? JSON.parse(String(p['request_data'])) : {};
      } catch {
        return { code: 'INVALID_PARAM', message: 'request_data must be JSON', requestId };
      }
      try {
        const result = await this.invoke(String(p['function_name']), data, {
          openid: caller,
          appid: env?.['WX_APPID'] ?? process.env['WX_APPID'],
          source: chain ? `${chain},scf` : 'scf',
        });
        return { data: { response_data: JSON.stringify(result) }, requestId };
      } catch (e) {
        const code = (e as { code?: string }).code === 'FUNCTION_NOT_FOUND' ? 'FUNCTIONS_EXECUTE_FAIL' : 'FUNCTIONS_EXECUTE_FAIL';
        return { code, message: (e as Error).message, requestId };
      }
    }
    if (action.startsWith('storage.')) {
      this.counters.storage++;
      switch (action) {
        case 'storage.getUploadMetadata':
          return { ...(await this.storage.uploadMetadata(String(p['path'] ?? ''))), requestId };
        case 'storage.batchGetDownloadUrl':
          // getTempFileURL is a network hop like an open-API call (the catalog pays one per page for its pictures).
          return {
            data: {
              download_list: await this.hop(
                'openapi',
                () => this.storage.downloadList((p['file_list'] as []) ?? []),
                invocation,
                () => 'getTempFileURL',
              ),
            },
            requestId,
          };
        case 'storage.batchDeleteFile':
          return { data: { delete_list: this.storage.deleteList((p['fileid_list'] as []) ?? []) }, requestId };
        default:
          return { code: 'INVALID_PARAM', message: `unsupported storage action ${action}`, requestId };
      }
    }
    if (action === 'wx.wxPayApi') {
      // cloud.cloudPay.*: the arguments are snake_case JSON, the answer JSON (mocks/cloud/openapi/cloudpay.ts).
      this.counters.openapi++;
      const api = String(p['apiName'] ?? '');
      if (!this.allowedOpenApis(invocation?.fn).includes(`cloudPay.${api}`)) {
        return {
          code: 'PERMISSION_DENIED',
          message: `function has no permission to call cloudPay.${api}; add it to config.json permissions.openapi`,
          requestId,
        };
      }
      const data = JSON.parse(Buffer.from(p['requestData'] as Buffer).toString('utf8')) as Record<string, unknown>;
      const payer = env?.['WX_OPENID'] ?? '';
      return Buffer.from(JSON.stringify(await this.hop('openapi', () => this.wxpay.call(api, data, payer), invocation)));
    }
    if (action === 'wx.openApi') {
      this.counters.openapi++;
      const apiName = String(p['apiName'] ?? '');
      const { data } = decodeOpenApiRequest(Buffer.from(p['requestData'] as Buffer));
      return encodeOpenApiResponse(
        await this.hop(
          'openapi',
          () => this.openApi(apiName, data, invocation?.fn),
          invocation,
          () => apiName,
        ),
      );
    }
    return { code: 'INVALID_PARAM', message: `local cloud does not implement ${action}`, requestId };
  }

  /** Each function's config.json, read once: like the cloud, a change takes a redeploy (restart). */
  private readonly openApiGrants = new Map<string, string[]>();

  private allowedOpenApis(fn: string | undefined): string[] {
    if (!fn) return [];
    let grants = this.openApiGrants.get(fn);
    if (!grants) {
      const file = path.join(this.functionsDir, fn, 'config.json');
      const config = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as { permissions?: { openapi?: string[] } }) : {};
      grants = config.permissions?.openapi ?? [];
      this.openApiGrants.set(fn, grants);
    }
    return grants;
  }

  private async openApi(apiName: string, data: Record<string, unknown>, fn: string | undefined): Promise<OpenApiReply> {
    // Like the cloud: a function may only call the open APIs its config.json declares.
    if (!this.allowedOpenApis(fn).includes(apiName)) {
      return jsonReply({ errcode: -604101, errmsg: `function has no permission to call this API (${apiName}); add it to config.json permissions.openapi` });
    }
    switch (apiName) {
      case 'wxacode.getUnlimited':
        return getUnlimited(data, { publicUrl: this.publicUrl, knownPages: this.opts.knownPages });
      case 'logistics.getPath':
        return getPath(this.store.db, data, this.clock());
      case 'subscribeMessage.send':
        return sendSubscribe(
          data,
          this.clock(),
          (m) => this.record('subscribeMessage', m),
          (touser, templateId) => this.takeGrant(touser, templateId),
        );
      default:
        return jsonReply({ errcode: -1, errmsg: `local cloud does not implement ${apiName}` });
    }
  }

  // ---- WeChat Pay's side (cloud payment) -----------------------------------------------------

  /** What WeChat Pay keeps of the trades cloudPay.unifiedOrder created (mocks/cloud/openapi/cloudpay.ts). */
  readonly wxpay: LocalWxPay;

  /**
   * The payer confirmed the pay sheet of a trade: it is paid, and cloud payment delivers the
   * result to the trade's callback function (SOURCE wx_paycallback, no OPENID) `deliveries` times —
   * more than once on purpose, as the platform does whenever an answer is late or not { errcode: 0 }.
   * Answers what each delivery returned, or null when the trade is unknown or another payer's.
   * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/open/pay/paymentCallback.md
   */
  async pay(outTradeNo: string, payer: string, deliveries = 1): Promise<unknown[] | null> {
    const paid = this.wxpay.pay(outTradeNo, payer);
    if (!paid) return null;
    const answers: unknown[] = [];
    for (let i = 0; i < deliveries; i++) answers.push(await this.invoke(paid.trade.functionName, paid.callback, { source: 'wx_paycallback' }));
    return answers;
  }

  // ---- what the local cloud records for tests and the UI ------------------------------------

  private recordStmt: Statement<[string, string, number]> | null = null;

  private record(kind: string, body: unknown): void {
    this.recordStmt ??= this.store.db.prepare('INSERT INTO local_outbox (kind, body, at) VALUES (?, ?, ?)');
    this.recordStmt.run(kind, JSON.stringify(body), this.clock());
  }

  /**
   * The user tapped 允许 for these templates in wx.requestSubscribeMessage's dialog: WeChat now
   * lets the mini-program send them one message of each (a one-time subscription; grants add up).
   * Answers the dialog's result, { [templateId]: 'accept' }.
   */
  acceptSubscription(touser: string, templateIds: readonly string[]): Record<string, 'accept'> {
    const add = this.store.db.prepare(
      `INSERT INTO local_subscription_grants (touser, template_id, remaining) VALUES (?, ?, 1)
       ON CONFLICT (touser, template_id) DO UPDATE SET remaining = remaining + 1`,
    );
    for (const id of templateIds) add.run(touser, id);
    return Object.fromEntries(templateIds.map((id) => [id, 'accept' as const]));
  }

  /** The user turned subscription messages off (设置 → 订阅消息), or every user when none is named: no grants left. */
  revokeSubscriptions(touser?: string): void {
    if (touser) this.store.db.prepare('DELETE FROM local_subscription_grants WHERE touser = ?').run(touser);
    else this.store.db.prepare('DELETE FROM local_subscription_grants').run();
  }

  /** Grants a user has left, by template id. */
  subscriptionGrants(touser: string): Record<string, number> {
    const rows = this.store.db.prepare('SELECT template_id, remaining FROM local_subscription_grants WHERE touser = ?').all(touser) as Array<{
      template_id: string;
      remaining: number;
    }>;
    return Object.fromEntries(rows.filter((r) => r.remaining > 0).map((r) => [r.template_id, r.remaining]));
  }

  private takeGrant(touser: string, templateId: string): boolean {
    return (
      this.store.db
        .prepare('UPDATE local_subscription_grants SET remaining = remaining - 1 WHERE touser = ? AND template_id = ? AND remaining > 0')
        .run(touser, templateId).changes === 1
    );
  }

  subscribeMessages(touser?: string): SubscribeMessage[] {
    const rows = this.store.db.prepare("SELECT body FROM local_outbox WHERE kind = 'subscribeMessage' ORDER BY seq").pluck().all() as string[];
    const all = rows.map((r) => JSON.parse(r) as SubscribeMessage);
    return touser ? all.filter((m) => m.touser === touser) : all;
  }

  close(): void {
    void this.functionPool?.close();
    this.functionPool = null;
    this.storage.close();
    this.store.close();
  }
}
