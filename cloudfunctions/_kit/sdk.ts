/**
 * The one place that touches wx-server-sdk. Its typings are loose (get() is typed
 * Promise | void | string, DYNAMIC_CURRENT_ENV is a symbol where env wants a string), so this
 * module states the small surface the functions use, with real types.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
import cloudSdk = require('wx-server-sdk');

export interface WxContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  ENV?: string;
  SOURCE?: string;
  CLIENTIP?: string;
}

/** The parts of the SDK's database object the kit relies on. */
export interface SdkDatabase {
  command: SdkCommand;
  serverDate(opts?: { offset?: number }): unknown;
  RegExp(opts: { regexp: string; options?: string }): unknown;
  collection(name: string): SdkCollection;
  runTransaction<T>(fn: (tx: SdkTransaction) => Promise<T>, retries?: number): Promise<T>;
  createCollection(name: string): Promise<unknown>;
}

export type SdkCommand = Record<string, (...args: unknown[]) => unknown> & {
  aggregate: Record<string, (...args: unknown[]) => unknown>;
};

export interface SdkQuery {
  where(q: object): SdkQuery;
  orderBy(field: string, dir: 'asc' | 'desc'): SdkQuery;
  skip(n: number): SdkQuery;
  limit(n: number): SdkQuery;
  field(p: Record<string, boolean>): SdkQuery;
  get(): Promise<{ data: unknown[] }>;
  count(): Promise<{ total: number }>;
  update(opts: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDocument;
  /** An array of documents is inserted in one request and answers their ids as `_ids`. */
  add(opts: { data: object[] }): Promise<{ _ids: string[] }>;
  add(opts: { data: object }): Promise<{ _id: string }>;
  aggregate(): SdkAggregate;
}

export interface SdkDocument {
  get(): Promise<{ data: unknown }>;
  set(opts: { data: object }): Promise<{ stats: { updated: number; created?: number } }>;
  update(opts: { data: object }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface SdkTransaction {
  collection(name: string): { doc(id: string): SdkDocument; add(opts: { data: object }): Promise<{ _id: string }> };
  rollback(reason?: unknown): Promise<unknown>;
}

export interface SdkAggregate {
  end(): Promise<{ list: unknown[] }>;
  [stage: string]: (arg?: unknown) => SdkAggregate | Promise<{ list: unknown[] }>;
}

/** A chat message of CloudBase AI (OpenAI's shape); a tool call's arguments are a JSON string. */
export interface AiMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content?: string;
  tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
  tool_call_id?: string;
}

/**
 * cloud.ai() (wx-server-sdk ≥ 4.0.1): CloudBase AI's text models, the part the functions use.
 * `maxSteps: 1` makes generateText answer the model's first reply (a tool call included) without
 * running tools itself; `rawResponses` holds the model's answers as sent (finish_reason and all).
 * https://developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/extend/ai/server.html
 */
export interface SdkAi {
  createModel(provider: string): {
    generateText(
      input: { model: string; messages: AiMessage[]; tools?: object[]; maxSteps?: number },
      options?: { timeout?: number },
    ): Promise<{ text: string; rawResponses: Array<{ choices?: Array<{ finish_reason?: string; message?: AiMessage }> }>; error?: unknown }>;
  };
}

interface SdkCloud {
  init(opts: { env: unknown }): void;
  ai(): SdkAi;
  DYNAMIC_CURRENT_ENV: unknown;
  getWXContext(): WxContext;
  /** throwOnNotFound: false makes doc(id).get() answer { data: null } for a missing document. */
  database(config?: { throwOnNotFound?: boolean }): SdkDatabase;
  openapi: Record<string, Record<string, (data: object) => Promise<Record<string, unknown>>>>;
  /** Cloud payment (WeChat Pay): unifiedOrder, queryOrder, refund…; camelCase in and out. */
  cloudPay: Record<string, (data: object) => Promise<Record<string, unknown>>>;
  callFunction(opts: { name: string; data: object }): Promise<{ result: unknown }>;
  uploadFile(opts: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(opts: { fileList: Array<string | { fileID: string; maxAge: number }> }): Promise<{
    fileList: Array<{ fileID: string; tempFileURL: string; status: number; errMsg: string }>;
  }>;
}

const cloud = cloudSdk as unknown as SdkCloud;
let initialised = false;

export function sdk(): SdkCloud {
  if (!initialised) {
    // The environment the function runs in, whatever it is named.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
    initialised = true;
  }
  return cloud;
}

let database: SdkDatabase | null = null;

/**
 * The SDK's database handle, made once per instance. wx-server-sdk's database() defines a new
 * class on every call (getDatabaseClass), so a handle per invocation cost a class definition and
 * left every call site after it megamorphic; the handle holds no per-call state (each invocation
 * still gets its own Db around it).
 */
export function sdkDatabase(): SdkDatabase {
  return (database ??= sdk().database({ throwOnNotFound: false }));
}

export function wxContext(): WxContext {
  return sdk().getWXContext();
}

/** True when a transaction lost a write conflict and the whole unit of work may be retried. */
export function isConflict(e: unknown): boolean {
  const text = `${String((e as { code?: unknown })?.code ?? '')} ${String((e as { errMsg?: unknown; message?: unknown })?.errMsg ?? (e as Error)?.message ?? '')}`;
  return /TRANSACTION_CONFLICT|transaction conflict/i.test(text);
}

/** True when an insert hit an existing _id (used for idempotent creation). */
export function isDuplicateKey(e: unknown): boolean {
  const text = `${String((e as { code?: unknown })?.code ?? '')} ${String((e as { errMsg?: unknown; message?: unknown })?.errMsg ?? (e as Error)?.message ?? '')}`;
  return /DUPLICATE|duplicate key/i.test(text);
}
