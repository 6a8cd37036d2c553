import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { PartnerKeyDoc, PartnerScope } from '@shared/openapi/types';
import { SIGNATURE_WINDOW_MS } from '@shared/openapi/types';
import type { Db, Stored } from '../../_kit/db';
import { unseal } from '../../_capabilities/sealed-secrets';
import type { HttpEvent } from './http';
import { ApiError, bodyText, header } from './http';

/**
 * The signed-request gate. A partner signs `method\npath[?sorted query]\ntimestamp\nnonce\nsha256hex(body)` with
 * HMAC-SHA256 under its key's secret (base64 in X-Signature), sending X-Partner-Key, X-Timestamp
 * (unix seconds) and X-Nonce beside it (docs/openapi.md). Checked in this order, each failure its
 * own stable code: headers present (UNSIGNED); key known and active, signature right (BAD_SIGNATURE:
 * an unknown or revoked key is not told apart from a wrong secret); timestamp within 5 minutes
 * (STALE). The nonce and the per-minute counter are written later, once the route and scope are
 * known (consume), so a refused call writes nothing.
 */

export interface Admitted {
  keyId: string;
  key: Stored<PartnerKeyDoc>;
  nonce: string;
  body: string;
}

const NONCE = /^[A-Za-z0-9_-]{16,64}$/;
const KEY_ID = /^pk_[0-9a-f]{16}$/;

/**
 * The path as signed: the request path, then, when there is a query, `?` and its parameters sorted
 * by name, each `encodeURIComponent(name)=encodeURIComponent(value)`, joined by `&` — so the cursor
 * and limit of a read are covered too, whatever order the partner's HTTP client put them in.
 */
export function signedPath(e: HttpEvent): string {
  const q = Object.entries(e.queryStringParameters ?? {})
    .filter((kv): kv is [string, string] => typeof kv[1] === 'string')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`);
  return q.length > 0 ? `${e.path}?${q.join('&')}` : e.path;
}

export function canonical(method: string, path: string, timestamp: string, nonce: string, body: string): string {
  return `${method.toUpperCase()}\n${path}\n${timestamp}\n${nonce}\n${createHash('sha256').update(body, 'utf8').digest('hex')}`;
}

export async function verify(db: Db, e: HttpEvent, now: number): Promise<Admitted | ApiError> {
  const keyId = header(e, 'x-partner-key');
  const timestamp = header(e, 'x-timestamp');
  const nonce = header(e, 'x-nonce');
  const signature = header(e, 'x-signature');
  if (!keyId || !timestamp || !nonce || !signature)
    return new ApiError('UNSIGNED', '请求未签名：须带 X-Partner-Key、X-Timestamp、X-Nonce、X-Signature（见 docs/openapi.md）');
  if (!KEY_ID.test(keyId) || !NONCE.test(nonce) || !/^\d{1,12}$/.test(timestamp))
    return new ApiError('BAD_SIGNATURE', '签名无效：密钥编号、时间戳或 nonce 格式不对');
  const key = await db.getById('partner_keys', keyId);
  if (!key || key.status !== 'active') return new ApiError('BAD_SIGNATURE', '签名无效：密钥不存在、已吊销或签名不符');
  const body = bodyText(e);
  const expected = createHmac('sha256', unseal(key.secret, keyId))
    .update(canonical(e.httpMethod, signedPath(e), timestamp, nonce, body), 'utf8')
    .digest();
  const given = Buffer.from(signature, 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return new ApiError('BAD_SIGNATURE', '签名无效：密钥不存在、已吊销或签名不符');
  // After the signature: a stale request tells nothing to whoever does not hold the secret.
  if (Math.abs(now - Number(timestamp) * 1000) > SIGNATURE_WINDOW_MS) return new ApiError('STALE', '时间戳与服务器时间相差超过 5 分钟：请校准时钟后重新签名');
  return { keyId, key, nonce, body };
}

export function inScope(a: Admitted, scope: PartnerScope): ApiError | null {
  return a.key.scopes.includes(scope) ? null : new ApiError('OUT_OF_SCOPE', `此密钥没有 ${scope} 权限，请联系品牌方开通`);
}

/**
 * Record the nonce and count the request, in one transaction: a nonce already seen is REPLAYED, a
 * key over its per-minute limit is RATE_LIMITED, and in both cases nothing is written. Nonces are
 * kept past the window (then the timestamp refuses a replay), and removed by the cleanup timer.
 */
export async function consume(db: Db, a: Admitted, now: number): Promise<ApiError | null> {
  const nonceId = `${a.keyId}:${createHash('sha256').update(a.nonce).digest('hex').slice(0, 32)}`;
  const minute = Math.floor(now / 60_000);
  const rateId = `${a.keyId}:${minute}`;
  const verdict = await db.transaction(async (tx) => {
    const [seen, counter] = await Promise.all([tx.get('api_nonces', nonceId), tx.get('api_rate', rateId)]);
    if (seen) return 'replayed' as const;
    const count = counter?.count ?? 0;
    if (count >= a.key.ratePerMinute) return 'limited' as const;
    await Promise.all([
      tx.set('api_nonces', nonceId, { keyId: a.keyId, expiresAt: now + 2 * SIGNATURE_WINDOW_MS }),
      tx.set('api_rate', rateId, { keyId: a.keyId, count: count + 1, expiresAt: (minute + 2) * 60_000 }),
    ]);
    return 'ok' as const;
  });
  if (verdict === 'replayed') return new ApiError('REPLAYED', '此 nonce 已用过：每个请求须用新的 nonce 重新签名');
  if (verdict === 'limited') return new ApiError('RATE_LIMITED', `请求过于频繁：此密钥每分钟最多 ${a.key.ratePerMinute} 次，请稍后重试`);
  return verdict === 'ok' ? null : new ApiError('INTERNAL', '系统繁忙，请稍后重试');
}
