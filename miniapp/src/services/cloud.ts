import Taro from '@tarojs/taro';
import type { z } from 'zod';
import type { ActionContract, InputOf, OutputOf } from '@shared/contract';
import type { ActionName, Contracts, FunctionName } from '@shared/contracts';
import { err } from '@shared/envelope';
import type { Envelope, InputIssue } from '@shared/envelope';
import { isErrorCode } from '@shared/errors';
import type { APP_CONTRACTS } from './app-contracts';
import { loadAppContracts } from './contracts-loader';
import { httpCall, takeEarly, takeEarlyAnswer } from './http';

/**
 * The ONE place the mini-program talks to the backend.
 *
 * - weapp: `Taro.cloud.callFunction({ name: fn, data: { action, ...input } })`, answer = `res.result`.
 * - local H5 build (LOCAL_CLOUD): `POST /__cloud/call/<fn>` with the same body and the chosen
 *   persona in the `x-local-openid` header; the answer body is the envelope.
 *
 * Input is checked against the same zod schema the function validates with, so a bad payload
 * never leaves the phone (the H5 build fetches those schemas at the first call that needs them:
 * ./contracts-loader.h5.ts). Nothing here throws: every failure becomes an error envelope.
 */

/** The functions the mini-program calls (./app-contracts). */
export type AppFunction = keyof typeof APP_CONTRACTS & FunctionName;

export type CallInput<F extends FunctionName, A extends ActionName<F>> = InputOf<Contracts[F][A]>;
export type CallOutput<F extends FunctionName, A extends ActionName<F>> = OutputOf<Contracts[F][A]>;
export type CallResult<F extends FunctionName, A extends ActionName<F>> = Envelope<CallOutput<F, A>>;

/** Input may be left out when the action takes no fields. */
type InputArgs<F extends FunctionName, A extends ActionName<F>> =
  Record<string, never> extends CallInput<F, A> ? [input?: CallInput<F, A>] : [input: CallInput<F, A>];

export const NETWORK_FAILED_MESSAGE = '网络连接失败，请检查网络后重试';
export const BAD_ANSWER_MESSAGE = '服务返回了无法识别的结果，请检查网络后重试；如持续出现请联系品牌方';
export const NO_BACKEND_MESSAGE = '当前版本未连接云端服务，请在微信中打开小程序后重试';

export async function call<F extends AppFunction, A extends ActionName<F>>(fn: F, action: A, ...[input]: InputArgs<F, A>): Promise<CallResult<F, A>> {
  const payload: object = input ?? {};
  // A call the launch already started (./launch) takes that answer without the schemas: the launch
  // built its input itself, and on H5 the schemas are a chunk the first card should not wait for.
  const early = LOCAL_CLOUD && process.env.TARO_ENV !== 'weapp' ? takeEarly(fn, { ...payload, action }) : undefined;
  if (early) return answerOf(fn, action, () => early);
  let contracts: typeof APP_CONTRACTS;
  try {
    contracts = await loadAppContracts();
  } catch (e) {
    logFailure(fn, action, e);
    return err('INTERNAL', NETWORK_FAILED_MESSAGE);
  }
  const contract = (contracts[fn] as Record<string, ActionContract<z.ZodType, unknown> | undefined>)[action];
  if (!contract) {
    return err('INVALID_INPUT', `未知的操作 ${fn}.${action}`, {
      issues: [{ path: 'action', message: 'unknown action', code: 'invalid_value' }],
    });
  }
  return callContract(fn, action, contract, payload as InputOf<typeof contract>) as Promise<CallResult<F, A>>;
}

/**
 * The launch's answer to this call if it has already come and is good (local H5; ./launch), taken
 * as call() would take it: a page mounting after it can draw it in its first render, instead of
 * a loading render and a turn of the promise. Undefined otherwise (then call() as usual).
 */
export function answeredAtLaunch<F extends AppFunction, A extends ActionName<F>>(fn: F, action: A, ...[input]: InputArgs<F, A>): CallResult<F, A> | undefined {
  if (!LOCAL_CLOUD || process.env.TARO_ENV === 'weapp') return undefined;
  const payload: object = input ?? {};
  const answer = takeEarlyAnswer(fn, { ...payload, action }, (a) => asEnvelope(a).ok);
  return answer === undefined ? undefined : (answer as CallResult<F, A>);
}

/**
 * A call checked against a contract the caller brings: a subpackage passes its own function's
 * contract (e.g. dealers), so those schemas load with the subpackage, not in the main package.
 */
export async function callContract<C extends ActionContract<z.ZodType, unknown>>(
  fn: string,
  action: string,
  contract: C,
  payload: InputOf<C>,
): Promise<Envelope<OutputOf<C>>> {
  const parsed = contract.input.safeParse(payload);
  if (!parsed.success) return err('INVALID_INPUT', undefined, { issues: issuesOf(parsed.error) });
  return answerOf<OutputOf<C>>(fn, action, () => transport(fn, { ...(payload as object), action }));
}

/** The answer as an envelope; a failed request becomes INTERNAL, never a throw. */
async function answerOf<T>(fn: string, action: string, ask: () => Promise<unknown>): Promise<Envelope<T>> {
  let answer: unknown;
  try {
    answer = await ask();
  } catch (e) {
    logFailure(fn, action, e);
    return err('INTERNAL', NETWORK_FAILED_MESSAGE);
  }
  return asEnvelope<T>(answer);
}

function issuesOf(error: z.ZodError): InputIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code }));
}

/** What came back must be an envelope; anything else is reported, not passed on. */
function asEnvelope<T>(answer: unknown): Envelope<T> {
  if (typeof answer === 'object' && answer !== null) {
    const a = answer as { ok?: unknown; data?: unknown; error?: unknown };
    if (a.ok === true && 'data' in a) return answer as Envelope<T>;
    if (a.ok === false && typeof a.error === 'object' && a.error !== null) {
      const e = a.error as { code?: unknown; message?: unknown };
      if (isErrorCode(e.code) && typeof e.message === 'string') return answer as Envelope<T>;
    }
  }
  return err('INTERNAL', BAD_ANSWER_MESSAGE);
}

async function transport(fn: string, data: Record<string, unknown>): Promise<unknown> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.callFunction({ name: fn, data });
    return res.result;
  }
  // A call the launch already started (services/launch.ts) is answered by that request.
  if (LOCAL_CLOUD) return takeEarly(fn, data) ?? httpCall(fn, data);
  return err('INTERNAL', NO_BACKEND_MESSAGE);
}

function logFailure(fn: string, action: string, e: unknown): void {
  if (process.env.NODE_ENV !== 'production') console.warn(`[cloud] ${fn}.${action} failed`, e);
}
