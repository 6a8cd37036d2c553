import type { z } from 'zod';
import type { OperationDef, OperationId } from '@shared/openapi/operations';
import { OPERATIONS } from '@shared/openapi/operations';
import type { Refusal } from '@shared/envelope';
import type { Db, Tx } from '../../_kit/db';
import { ApiError } from './http';
import { createShipment } from './resources/create-shipment';
import { getOrder, listOrders } from './resources/orders';
import { listProducts } from './resources/products';
import { getReceivable } from './resources/receivable';
import { recordPayment } from './resources/record-payment';
import { setCredit } from './resources/set-credit';
import { setProductTerms } from './resources/set-product-terms';
import { setStockLevel } from './resources/set-stock-level';

export interface ResourceContext {
  db: Db;
  now: number;
  partner: string;
  keyId: string;
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  /**
   * A write's transaction: its answer, the value `work` returns, is kept under the request's
   * Idempotency-Key in the same transaction (idempotency.ts keepInTx). Writes use this, not db.transaction.
   */
  transaction: <T>(work: (tx: Tx) => Promise<T>) => Promise<T | Refusal>;
}

export type ResourceHandler = (ctx: ResourceContext) => Promise<unknown>;

/** One handler per documented operation: a documented operation without one does not compile. */
export const ROUTES: Record<OperationId, ResourceHandler> = {
  listOrders,
  getOrder,
  createShipment,
  recordPayment,
  setStockLevel,
  listProducts,
  setCredit,
  getReceivable,
  setProductTerms,
};

export interface Matched {
  operationId: OperationId;
  op: OperationDef;
  params: Record<string, string>;
}

/** The path under the API's base: HTTP access may deliver it with the trigger path (/openapi) in front. */
export function apiPath(path: string): string {
  const p = path.startsWith('/openapi/') ? path.slice('/openapi'.length) : path;
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

export function match(method: string, path: string): Matched | null {
  const parts = apiPath(path).split('/');
  for (const [operationId, op] of Object.entries(OPERATIONS) as Array<[OperationId, OperationDef]>) {
    if (op.method !== method.toUpperCase()) continue;
    const pattern = op.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((seg, i) => {
      const name = /^\{(\w+)\}$/.exec(seg)?.[1];
      if (name) params[name] = decodeURIComponent(parts[i]!);
      return name ? parts[i] !== '' : seg === parts[i];
    });
    if (ok) return { operationId, op, params };
  }
  return null;
}

/** The first issue of a zod failure as one sentence. */
function invalid(where: string, error: z.ZodError): ApiError {
  const first = error.issues[0];
  const path = first ? [where, ...first.path.map(String)].join('.') : where;
  return new ApiError('INVALID_INPUT', `请求内容有误，字段 ${path}：${first?.message ?? '格式不对'}`);
}

/** Path parameters, query and JSON body checked against the operation's schemas. */
export function parseInput(m: Matched, query: Record<string, string | undefined>, body: string): ApiError | Pick<ResourceContext, 'params' | 'query' | 'body'> {
  const params = m.op.params ? m.op.params.safeParse(m.params) : { success: true as const, data: {} };
  if (!params.success) return invalid('path', params.error);
  const q = m.op.query ? m.op.query.safeParse(query) : { success: true as const, data: {} };
  if (!q.success) return invalid('query', q.error);
  if (!m.op.body) return { params: params.data, query: q.data, body: undefined };
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return new ApiError('INVALID_INPUT', '请求内容不是合法的 JSON');
  }
  const b = m.op.body.safeParse(raw);
  if (!b.success) return invalid('body', b.error);
  return { params: params.data, query: q.data, body: b.data };
}
