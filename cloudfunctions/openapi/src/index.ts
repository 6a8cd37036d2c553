import { Refusal } from '@shared/envelope';
import type { Tx } from '../../_kit/db';
import { Db } from '../../_kit/db';
import { log } from '../../_kit/log';
import { createRouter } from '../../_kit/router';
import { wxContext } from '../../_kit/sdk';
import { createPartnerKey } from './actions/create-partner-key';
import { partnerKeys } from './actions/partner-keys';
import { revokePartnerKey } from './actions/revoke-partner-key';
import { consume, inScope, signedPath, verify } from './gate';
import type { HttpEvent, HttpResponse } from './http';
import { ApiError, header, isHttpEvent, json } from './http';
import { claim, keepInTx, settle } from './idempotency';
import { match, parseInput, ROUTES } from './routes';
import { cleanNonces } from './timers/clean-nonces';

const actions = createRouter('openapi', { createPartnerKey, partnerKeys, revokePartnerKey }, { cleanNonces });

/** One database handle per instance for the HTTP path (it holds no per-call state). */
let httpDb: Db | null = null;

/** A business refusal from the shared capabilities, in the open API's codes. */
function fromRefusal(r: Refusal): ApiError {
  if (r.code === 'INVALID_INPUT' || r.code === 'NOT_FOUND' || r.code === 'RATE_LIMITED') return new ApiError(r.code, r.message);
  return new ApiError('CONFLICT', r.message);
}

/** verify → route → scope → nonce and rate → input → Idempotency-Key → handler; any refusal is logged by code, never with a credential. */
async function serve(event: HttpEvent, requestId: string): Promise<HttpResponse> {
  const db = (httpDb ??= new Db());
  const now = Date.now();
  const refused = (e: ApiError, keyId?: string) => {
    log.warn('openapi refused', { requestId, code: e.code, method: event.httpMethod, path: event.path.slice(0, 200), keyId: keyId ?? null });
    return e.response();
  };
  const admitted = await verify(db, event, now);
  if (admitted instanceof ApiError) return refused(admitted);
  const m = match(event.httpMethod, event.path);
  if (!m) return refused(new ApiError('NOT_FOUND', `没有这个接口：${event.httpMethod} ${event.path.slice(0, 100)}（见 /openapi.json）`), admitted.keyId);
  const gate = inScope(admitted, m.op.scope) ?? (await consume(db, admitted, now));
  if (gate) return refused(gate, admitted.keyId);
  const input = parseInput(m, event.queryStringParameters ?? {}, admitted.body);
  if (input instanceof ApiError) return refused(input, admitted.keyId);
  const key = m.op.method === 'POST' ? header(event, 'idempotency-key') : '';
  const claimed = key ? await claim(db, admitted.key.partner, key, m.operationId, `${event.httpMethod}\n${signedPath(event)}\n${admitted.body}`, now) : null;
  if (claimed instanceof ApiError) return refused(claimed, admitted.keyId);
  if (claimed?.replay) return claimed.replay;
  let answer: HttpResponse | null = null;
  // Set once a write's transaction committed with its answer kept under the key.
  let kept = false;
  const transaction = <T>(work: (tx: Tx) => Promise<T>) =>
    db.transaction(async (tx) => {
      const value = await work(tx);
      // A refusal the work answers (rather than throws) is kept after the transaction, as refusals are.
      if (claimed && !(value instanceof Refusal) && !(value instanceof ApiError)) {
        await keepInTx(tx, claimed, json(200, value), now);
        tx.afterCommit(() => (kept = true));
      }
      return value;
    });
  try {
    const out = await ROUTES[m.operationId]({ db, now, partner: admitted.key.partner, keyId: admitted.keyId, ...input, transaction });
    if (out instanceof ApiError) answer = refused(out, admitted.keyId);
    else if (out instanceof Refusal) answer = refused(fromRefusal(out), admitted.keyId);
    else {
      log.info('openapi served', { requestId, operationId: m.operationId, keyId: admitted.keyId });
      answer = json(200, out);
    }
    return answer;
  } finally {
    if (claimed && !kept) await settle(db, claimed, answer, now);
  }
}

let seq = 0;

/**
 * openapi: the open API for partner systems over CloudBase HTTP access (src/http.ts), and the admin
 * actions that issue and revoke partners' keys. An HTTP request only ever reaches the signed gate,
 * never an action; an action call never reaches a resource.
 */
export async function main(event: unknown, context?: { request_id?: string }): Promise<unknown> {
  const viaHttp = (wxContext().SOURCE ?? '')
    .split(',')
    .map((s) => s.trim())
    .includes('wx_http');
  if (!viaHttp && !isHttpEvent(event)) return actions(event, context);
  const requestId = context?.request_id ?? `openapi-http-${++seq}`;
  if (!isHttpEvent(event)) return json(400, { error: { code: 'INVALID_INPUT', message: '不是 HTTP 请求' } });
  try {
    return await serve(event, requestId);
  } catch (e) {
    log.error('openapi failed', { requestId, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    return new ApiError('INTERNAL', `系统繁忙，请稍后重试（请求号 ${requestId}）`).response();
  }
}
