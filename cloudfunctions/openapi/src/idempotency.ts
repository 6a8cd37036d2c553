import { createHash } from 'node:crypto';
import type { ApiIdempotencyDoc } from '@shared/openapi/types';
import { IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_TTL_MS } from '@shared/openapi/types';
import type { Db, Tx } from '../../_kit/db';
import type { HttpResponse } from './http';
import { ApiError, json } from './http';

/**
 * Idempotency-Key on every write, beside the natural keys (shipmentId, paymentRef, versions): the
 * first request under a key claims it, runs, and leaves its answer; the same key with the same
 * method, path and body answers that stored answer without running again; the same key with
 * another request is IDEMPOTENCY_KEY_REUSED, and while the first still runs IDEMPOTENCY_IN_PROGRESS.
 * The pattern of the IETF draft "The Idempotency-Key HTTP Header Field"
 * (https://datatracker.ietf.org/doc/draft-ietf-httpapi-idempotency-key-header/). Keys are per
 * partner and kept IDEMPOTENCY_TTL_MS; the cleanup timer (cleanNonces) removes them.
 */

const KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

/** A claimed key: its document as claimed (pending), to be completed with the answer. */
export interface Claimed {
  id: string;
  requestHash: string;
  doc: ApiIdempotencyDoc;
  replay?: undefined;
}

export type Claim = Claimed | { replay: HttpResponse };

const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Claims the key for this request, or answers the first request's answer, or refuses. */
export async function claim(db: Db, partner: string, key: string, operationId: string, request: string, now: number): Promise<Claim | ApiError> {
  if (!KEY.test(key)) return new ApiError('INVALID_INPUT', 'Idempotency-Key 须为 1–128 位字母、数字或 _ . : -');
  const id = sha(`${partner}\n${key}`).slice(0, 40);
  const requestHash = sha(request);
  const doc: ApiIdempotencyDoc = { partner, operationId, requestHash, state: 'pending', status: 0, body: '', at: now, expiresAt: now + IDEMPOTENCY_TTL_MS };
  const verdict = await db.transaction(async (tx) => {
    const prior = await tx.get('api_idempotency', id);
    const live = prior && prior.expiresAt > now && (prior.state === 'done' || prior.at + IDEMPOTENCY_LEASE_MS > now);
    if (live && prior.requestHash !== requestHash) return 'reused' as const;
    if (live && prior.state === 'pending') return 'running' as const;
    if (live) return { status: prior.status, body: prior.body };
    await tx.set('api_idempotency', id, doc);
    return 'claimed' as const;
  });
  if (verdict === 'reused') return new ApiError('IDEMPOTENCY_KEY_REUSED', '此 Idempotency-Key 已用于另一个请求（方法、路径或内容不同）：新的写入请换一个键');
  if (verdict === 'running') return new ApiError('IDEMPOTENCY_IN_PROGRESS', '同一 Idempotency-Key 的请求正在处理，请稍后用同一个键重试');
  if (verdict === 'claimed') return { id, requestHash, doc };
  if (typeof verdict === 'object' && 'status' in verdict) {
    const replay = json(verdict.status, null);
    return { replay: { ...replay, headers: { ...replay.headers, 'idempotent-replayed': 'true' }, body: verdict.body } };
  }
  return new ApiError('INTERNAL', '系统繁忙，请稍后重试');
}

/**
 * Keeps a write's answer under the claimed key inside the write's own transaction: the answer
 * exists exactly when the write does, so a crash after the commit cannot leave the key pending
 * (a retry would then wait out the lease and run the write a second time).
 */
export async function keepInTx(tx: Tx, c: Claimed, response: HttpResponse, now: number): Promise<void> {
  await tx.set('api_idempotency', c.id, { ...c.doc, state: 'done', status: response.statusCode, body: response.body, at: now });
}

/**
 * Keeps the answer under the claimed key when the write's transaction did not (a refusal, a read). A refusal of the write itself (4xx) is kept too, as the
 * draft asks, so a retry answers the same; a failure (thrown) releases the key so a retry runs.
 */
export async function settle(db: Db, c: { id: string }, response: HttpResponse | null, now: number): Promise<void> {
  if (!response || response.statusCode >= 500) {
    await db.remove('api_idempotency', c.id);
    return;
  }
  await db.update('api_idempotency', c.id, { state: 'done', status: response.statusCode, body: response.body, at: now });
}
