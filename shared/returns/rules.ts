/**
 * What a dealer may return from an order, and what the return is worth. Pure: the order as loaded
 * and `now` come in, plain data goes out.
 *
 * Returnable, per SKU of the order's item lines (gifts carry no payable and come back with their
 * item by arrangement, not by request): delivered − already returned (credited) − held by requests
 * still open. Open requests hold their units on the order document (`returning`), written in the
 * transaction that opens, rejects or credits the request, so two requests at once cannot both take
 * the last units.
 *
 * Worth: the share of the line's payable, cumulative as shipments book it (state-machine.ts
 * lineValue): returning n more units of a line of which r came back already credits
 * value(r + n) − what the earlier returns took, so the returns of a line add up to at most its
 * payable, and to exactly its payable when every unit came back.
 */
import { lineValue } from '../orders/state-machine';
import type { OrderLine, OrderStatus } from '../orders/types';
import { DAY_MS, formatShanghai } from '../time';
import type { ReturnLine, ReturnPolicy } from './types';
import { MAX_PHOTOS } from './types';

export const REASON_MIN = 2;
export const REASON_MAX = 200;

/** The order as these rules read it: a stored order document has these fields. */
export interface ReturnableOrder {
  status: OrderStatus;
  deliveredAt: number | null;
  lines: readonly OrderLine[];
  /** Credited so far per SKU (written by every credited return, and by rebates.recordReturn). */
  returned?: Record<string, { qty: number; amount: number; at?: number }>;
  /** Units held by open requests per SKU. */
  returning?: Record<string, number>;
}

export interface Returnable {
  sku: string;
  name: string;
  delivered: number;
  returned: number;
  pending: number;
  /** What a new request may still take. */
  left: number;
}

type Refusal = { ok: false; code: 'CONFLICT' | 'INVALID_INPUT'; message: string };
const refuse = (code: Refusal['code'], message: string): Refusal => ({ ok: false, code, message });

/** Per item line of the order: delivered, returned, held by open requests and still returnable. */
export function returnableLines(order: ReturnableOrder): Returnable[] {
  return order.lines
    .filter((l) => l.kind === 'item')
    .map((l) => {
      const returned = order.returned?.[l.sku]?.qty ?? 0;
      const pending = order.returning?.[l.sku] ?? 0;
      return { sku: l.sku, name: l.name, delivered: l.shippedQty, returned, pending, left: Math.max(0, l.shippedQty - returned - pending) };
    });
}

/** The last moment a return may be requested, or null when the order has not been delivered. */
export function returnDeadline(order: Pick<ReturnableOrder, 'deliveredAt'>, policy: ReturnPolicy): number | null {
  return order.deliveredAt === null ? null : order.deliveredAt + policy.returnWindowDays * DAY_MS;
}

export interface RequestInput {
  lines: ReadonlyArray<{ sku: string; qty: number }>;
  reason: string;
  photos: readonly string[];
}

/** A new request checked against the order, the window and the limits: its lines, or a refusal saying what to change. */
export function checkRequest(
  order: ReturnableOrder,
  input: RequestInput,
  now: number,
  policy: ReturnPolicy,
): { ok: true; lines: ReturnLine[]; reason: string; photos: string[] } | Refusal {
  if (order.status !== 'delivered' && order.status !== 'completed') return refuse('CONFLICT', '只有已收货的订单可以申请退货');
  const deadline = returnDeadline(order, policy) as number;
  if (now > deadline)
    return refuse('CONFLICT', `已超过退货期限：收货后 ${policy.returnWindowDays} 天内可申请（截至 ${formatShanghai(deadline)}）。如有问题请联系渠道经理`);
  const reason = input.reason.trim();
  if (reason.length < REASON_MIN || reason.length > REASON_MAX) return refuse('INVALID_INPUT', `请填写退货原因（${REASON_MIN}–${REASON_MAX} 字）`);
  if (input.photos.length > MAX_PHOTOS) return refuse('INVALID_INPUT', `最多上传 ${MAX_PHOTOS} 张照片`);
  if (new Set(input.photos).size !== input.photos.length) return refuse('INVALID_INPUT', '照片重复，请删除重复的照片');
  if (input.lines.length === 0) return refuse('INVALID_INPUT', '请至少选择一个要退的商品');
  const byLine = new Map(returnableLines(order).map((r) => [r.sku, r]));
  const seen = new Set<string>();
  const lines: ReturnLine[] = [];
  for (const l of input.lines) {
    if (seen.has(l.sku)) return refuse('INVALID_INPUT', `商品 ${l.sku} 重复，请合并为一行`);
    seen.add(l.sku);
    const r = byLine.get(l.sku);
    if (!r) return refuse('INVALID_INPUT', `订单中没有可退的商品 ${l.sku}`);
    if (!Number.isSafeInteger(l.qty) || l.qty <= 0) return refuse('INVALID_INPUT', `${r.name} 的退货数量须为正整数`);
    if (l.qty > r.left) {
      const held = r.pending > 0 ? `，另有 ${r.pending} 件在处理中的退货申请里` : '';
      return refuse('INVALID_INPUT', `${r.name} 最多还能退 ${r.left} 件（已收 ${r.delivered} 件，已退 ${r.returned} 件${held}）`);
    }
    lines.push({ sku: l.sku, name: r.name, qty: l.qty, restockQty: null, scrapQty: null, amount: null });
  }
  return { ok: true, lines, reason, photos: [...input.photos] };
}

/** What each returned line is worth now, fen, cumulative over the line's returns (see the header). */
export function creditShares(order: ReturnableOrder, lines: ReadonlyArray<{ sku: string; qty: number }>): Array<{ sku: string; amount: number }> {
  return lines.map((l) => {
    const line = order.lines.find((x) => x.sku === l.sku && x.kind === 'item');
    if (!line) throw new Error(`order has no item line ${l.sku}`);
    const before = order.returned?.[l.sku] ?? { qty: 0, amount: 0 };
    const after = Math.min(line.shippedQty, before.qty + l.qty);
    return { sku: l.sku, amount: Math.max(0, lineValue(line.payable, after, line.shippedQty) - before.amount) };
  });
}

/** Holds of open requests per SKU after adding (sign 1) or dropping (sign −1) `lines`; SKUs at 0 are left out. */
export function adjustHolds(
  holds: Record<string, number> | undefined,
  lines: ReadonlyArray<{ sku: string; qty: number }>,
  sign: 1 | -1,
): Record<string, number> {
  const out: Record<string, number> = { ...(holds ?? {}) };
  for (const l of lines) {
    const n = (out[l.sku] ?? 0) + sign * l.qty;
    if (n > 0) out[l.sku] = n;
    else delete out[l.sku];
  }
  return out;
}
