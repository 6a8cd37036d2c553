import { z } from 'zod';
import { zhCN } from 'zod/locales';
import type { ActionContract, OutputOf } from '@shared/contract';
import type { Envelope, InputIssue } from '@shared/envelope';
import { Refusal, err, ok } from '@shared/envelope';
import type { UserDoc } from '@shared/models';
import type { Access, Role } from '@shared/roles';
import { CONSOLE, isConsoleSource, PUBLIC } from '@shared/roles';
import type { Stored } from './db';
import { Db } from './db';
import { log } from './log';
import { sdkDatabase, wxContext } from './sdk';

/** Who is calling, from getWXContext() and the users collection; never from the payload. */
export interface Caller {
  openid: string | null;
  source: string | null;
  user: Stored<UserDoc> | null;
  /** True for a brand admin at the cloud console or in devtools (no OPENID, SOURCE in CONSOLE_SOURCES). */
  console: boolean;
  /** Who to write in audit trails: the user id, or 'console'. */
  actorId: string;
}

/** A caller whose role the router has checked: a registered, active user. */
export interface AuthedCaller extends Caller {
  user: Stored<UserDoc>;
  role: Role;
  dealerId: string | null;
}

export interface HandlerContext<C extends Caller = Caller> {
  caller: C;
  db: Db;
  /** The invocation's clock reading, ms since epoch; rules receive it as a parameter. */
  now: number;
  requestId: string;
  /**
   * What the action's early reads (withEarlyReads) answered, started beside the router's look-up
   * of the caller; null when they failed or found nothing to guess from. Unchecked: the handler
   * uses it only where it agrees with the caller the router checked.
   */
  early?: Promise<unknown>;
}

type Handler<I, O, C extends Caller> = (input: I, ctx: HandlerContext<C>) => Promise<O | Refusal>;

export interface ActionDef {
  contract: ActionContract<z.ZodType, unknown>;
  roles: readonly Access[];
  handler: Handler<unknown, unknown, Caller>;
  /** False: the handler needs the caller's OPENID only, so their user record is not read (defineOpenidAction). */
  userRecord?: false;
  /** Reads started before the caller is known (withEarlyReads). */
  early?: EarlyReads<unknown>;
}

/** An action's reads that need only its valid input and the caller's OPENID, not their checked user record. */
export type EarlyReads<I> = (input: I, env: { db: Db; openid: string }) => Promise<unknown>;

/**
 * `def` whose handler may use reads started before the router has looked the caller up
 * (ctx.early): in CloudBase the look-up is a network hop of its own, and reads that depend only
 * on the input — or on what this instance last saw of the same OPENID — need not wait for it.
 * Nothing is written early, and nothing read early is trusted: the handler checks it against
 * the caller the router resolved (orders submit/context: the dealer as last seen for an OPENID).
 * A caller the router refuses leaves the early reads to finish unused.
 */
export function withEarlyReads<I>(def: ActionDef, early: EarlyReads<I>): ActionDef {
  return { ...def, early: early as EarlyReads<unknown> };
}

/**
 * Declare one action: its contract from shared/, who may call it, and a thin handler.
 * With only role-restricted access the handler receives an authenticated caller.
 */
export function defineAction<C extends ActionContract<z.ZodType, unknown>>(
  contract: C,
  roles: readonly Role[],
  handler: Handler<z.output<C['input']>, OutputOf<C>, AuthedCaller>,
): ActionDef;
export function defineAction<C extends ActionContract<z.ZodType, unknown>>(
  contract: C,
  roles: readonly Access[],
  handler: Handler<z.output<C['input']>, OutputOf<C>, Caller>,
): ActionDef;
export function defineAction(contract: ActionContract<z.ZodType, unknown>, roles: readonly Access[], handler: unknown): ActionDef {
  return { contract, roles, handler: handler as ActionDef['handler'] };
}

/**
 * A public action that needs nothing of its caller but the OPENID WeChat vouches for (a consumer
 * on a campaign's landing page has no user record anyway): the router does not look the caller
 * up, which in CloudBase saves the call a network hop before its own first read. The handler
 * sees `caller.user` null and `caller.actorId` 'anonymous' whoever calls.
 */
export function defineOpenidAction<C extends ActionContract<z.ZodType, unknown>>(
  contract: C,
  handler: Handler<z.output<C['input']>, OutputOf<C>, Caller>,
): ActionDef {
  return { contract, roles: [PUBLIC], handler: handler as ActionDef['handler'], userRecord: false };
}

// Validation messages reach dealers on their phones: say them in Chinese.
z.config(zhCN());

/** Fields the platform itself adds to the event of a call from the mini-program. */
const PLATFORM_FIELDS = ['userInfo'] as const;

/**
 * What an error may repeat of the caller's input: a bounded number of issues, each with a bounded
 * path and message, and at most a few of the unknown keys (a payload of 100,000 unknown keys must
 * not come back as a 2 MB answer). The total count is still told.
 */
const MAX_ISSUES = 20;
const MAX_TEXT = 200;
const MAX_KEYS_SHOWN = 5;
const MAX_KEY_CHARS = 40;

/** At most `max` characters of caller-supplied text, '…' marking a cut. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function issueMessage(i: z.core.$ZodIssue): string {
  if (i.code === 'unrecognized_keys') {
    const shown = i.keys
      .slice(0, MAX_KEYS_SHOWN)
      .map((k) => `"${clip(k, MAX_KEY_CHARS)}"`)
      .join(', ');
    const more = i.keys.length > MAX_KEYS_SHOWN ? ` 等共 ${i.keys.length} 个` : '';
    return `出现未知的键(key): ${shown}${more}`;
  }
  return i.message;
}

function capIssue(i: InputIssue): InputIssue {
  return { path: clip(i.path, MAX_TEXT), message: clip(i.message, MAX_TEXT), code: clip(i.code, 60) };
}

function issuesOf(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: issueMessage(i),
    code: i.code,
  }));
}

/** One sentence for the caller: which field is wrong and how; the first issues are in `issues`. */
function summarise(issues: InputIssue[]): string {
  const first = issues[0];
  if (!first) return '提交的内容有误，请检查后重试';
  const capped = capIssue(first);
  const where = capped.path ? `字段 ${capped.path}：` : '';
  const more = issues.length > 1 ? `（另有 ${issues.length - 1} 处问题）` : '';
  return `提交的内容有误，${where}${capped.message}${more}`;
}

/** The issues an answer carries: the first MAX_ISSUES, each capped (the message counts them all). */
function capIssues(issues: readonly InputIssue[]): InputIssue[] {
  return issues.slice(0, MAX_ISSUES).map(capIssue);
}

/** Issues a handler found itself travel in a refusal's details under this key, and leave as the envelope's `issues`. */
const HANDLER_ISSUES = 'issues';

/**
 * INVALID_INPUT for data a handler validates itself (e.g. a merge of stored and new fields):
 * the same message and `issues` as the router's own validation gives.
 */
export function invalidInput(error: z.ZodError, prefix = ''): Refusal {
  const issues = issuesOf(error).map((i) => ({ ...i, path: prefix && i.path ? `${prefix}.${i.path}` : prefix || i.path }));
  return new Refusal('INVALID_INPUT', summarise(issues), { [HANDLER_ISSUES]: capIssues(issues) });
}

function refusalBody(r: Refusal): { issues?: InputIssue[]; details?: Record<string, unknown> } {
  if (!r.details) return {};
  const { [HANDLER_ISSUES]: issues, ...rest } = r.details;
  if (r.code !== 'INVALID_INPUT' || !Array.isArray(issues)) return { details: r.details };
  return { issues: capIssues(issues as InputIssue[]), ...(Object.keys(rest).length > 0 ? { details: rest } : {}) };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

let invocationSeq = 0;

/** The answer to a call that carries no OPENID and does not come from the console. */
const NO_IDENTITY = '无法确认调用者身份：请在微信小程序中使用，管理操作请在云开发控制台中调用';

/**
 * The condition that keeps client-written documents out of a query: the cloud database stamps
 * `_openid` on every document a client (mini-program or web SDK) creates, never on a server write.
 */
export function serverWritten(db: Db): Record<string, unknown> {
  return { _openid: db.command['exists']!(false) };
}

/** True for a document the server wrote (see serverWritten). */
export function isServerWritten(doc: object | null | undefined): boolean {
  return !!doc && !Object.prototype.hasOwnProperty.call(doc, '_openid');
}

/**
 * The cloud function's main: validates `{ action, ...input }` against the action's strict
 * schema, resolves and checks the caller, runs the handler and answers one envelope.
 * Nothing escapes as an exception: a bug becomes INTERNAL with its cause logged.
 */
/** A timer trigger's work (config.json triggers): runs as the system, answers an envelope like any action. */
export type TimerHandler = (db: Db, now: number) => Promise<unknown>;

export function createRouter(fnName: string, actions: Record<string, ActionDef>, timers: Record<string, TimerHandler> = {}) {
  return async function main(event: unknown, context?: { request_id?: string }): Promise<Envelope<unknown>> {
    const requestId = context?.request_id ?? `${fnName}-${++invocationSeq}`;
    try {
      const ctx = wxContext();
      const openid = typeof ctx.OPENID === 'string' && ctx.OPENID !== '' ? ctx.OPENID : null;
      const source = typeof ctx.SOURCE === 'string' ? ctx.SOURCE : '';
      // A timer trigger: { Type: 'Timer', TriggerName, Time }, only ever from the platform's trigger source.
      if (isPlainObject(event) && event['Type'] === 'Timer' && typeof event['TriggerName'] === 'string') {
        const timer = Object.prototype.hasOwnProperty.call(timers, event['TriggerName']) ? timers[event['TriggerName']] : undefined;
        if (timer && !openid && source === 'wx_trigger') return ok(await timer(new Db(sdkDatabase()), Date.now()));
        return err('INVALID_INPUT', `未知的定时触发器：${clip(String(event['TriggerName']), 40)}`);
      }
      // Who is calling comes first: a call with no OPENID is the console only when its SOURCE is
      // one the console or devtools sends (an allow-list); anything else learns nothing more.
      const fromConsole = !openid && isConsoleSource(source);
      if (!openid && !fromConsole) return err('UNAUTHENTICATED', NO_IDENTITY);
      if (!isPlainObject(event)) {
        return err('INVALID_INPUT', '请求内容必须是一个 JSON 对象', { issues: [{ path: '', message: 'expected an object', code: 'invalid_type' }] });
      }
      const payload: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(event)) {
        if (!(PLATFORM_FIELDS as readonly string[]).includes(k)) payload[k] = v;
      }
      const name = payload['action'];
      delete payload['action'];
      const def = typeof name === 'string' && Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
      if (!def) {
        const known = Object.keys(actions).join(', ');
        return err('INVALID_INPUT', `未知的操作：${clip(String(name), 40)}。${fnName} 支持：${known}`, {
          issues: [{ path: 'action', message: `unknown action; expected one of ${known}`, code: 'invalid_value' }],
        });
      }
      const parsed = def.contract.input.safeParse(payload);
      if (!parsed.success) {
        const issues = issuesOf(parsed.error);
        return err('INVALID_INPUT', summarise(issues), { issues: capIssues(issues) });
      }

      const db = new Db(sdkDatabase());
      const early = def.early && openid ? def.early(parsed.data, { db, openid }).catch(() => null) : undefined;
      // Roles come only from records the server wrote: a document carrying _openid was created by
      // a client (the database stamps it on client writes), so it never names a role.
      const user = openid && def.userRecord !== false ? await db.findOne('users', { openid, ...serverWritten(db) }) : null;
      const caller: Caller = { openid, source: source || null, user, console: fromConsole, actorId: user ? user._id : fromConsole ? 'console' : 'anonymous' };

      if (fromConsole && def.roles.includes(CONSOLE)) {
        // A console caller has no user record: the handler sees caller.console.
      } else if (!def.roles.includes(PUBLIC)) {
        if (!user) return err('UNAUTHENTICATED');
        if (user.status !== 'active') return err('FORBIDDEN', '账号已停用，请联系品牌方');
        if (!def.roles.includes(user.role)) return err('FORBIDDEN');
        (caller as AuthedCaller).role = user.role;
        (caller as AuthedCaller).dealerId = user.dealerId;
      }

      const result = await def.handler(parsed.data, { caller, db, now: Date.now(), requestId, early });
      if (result instanceof Refusal) {
        return err(result.code, result.message, refusalBody(result));
      }
      return ok(result);
    } catch (e) {
      log.error('unhandled error', { fn: fnName, requestId, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      return err('INTERNAL', `${'系统繁忙，请稍后重试'}（请求号 ${requestId}）`);
    }
  };
}
