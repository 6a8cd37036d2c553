import { createHash } from 'node:crypto';
import type { StockMovementDoc } from '@shared/documents';
import type { StockDoc } from '@shared/models';
import { stockRowId } from '@shared/orders';
import type { Stored, Tx } from '../_kit/db';
import { refuse } from '../_kit/db';

/**
 * Stock that flows in (issue 15): goods received, counted corrections and the ERP's absolute
 * levels. Orders move `reserved` (and `onHand` as they ship); these move `onHand` only, and never
 * touch `reserved` or the submit holds, which belong to open orders. Each change writes a
 * `stock_movements` record whose id is derived from its source, so a retry writes one and the
 * second call of the same reference changes nothing.
 *
 * Updates are field updates (never a whole-row set) so the holds an orders.submit is placing on
 * the same row at the same moment stay as they are; the transaction's conflict check orders the two.
 */

/** Most base units one movement may carry: beyond it a typo. */
export const MAX_STOCK_QTY = 10_000_000;

type Source = 'admin' | 'erp' | 'openapi';
export type StockOutcome = { movementId: string; duplicate: boolean; stock: { onHand: number; reserved: number } };

export function movementId(kind: StockMovementDoc['kind'], ...parts: ReadonlyArray<string | number>): string {
  return `mv_${createHash('sha256')
    .update([kind, ...parts].join('\n'))
    .digest('hex')
    .slice(0, 32)}`;
}

function checkRef(ref: string, what: string): void {
  if (!ref.trim() || ref.length > 64) refuse('INVALID_INPUT', `${what}须有单号 ref（1–64 个字符）`);
}

/** The row, or a new empty one when the SKU and warehouse exist (NOT_FOUND otherwise). */
async function loadRow(tx: Tx, sku: string, warehouseId: string): Promise<{ id: string; row: StockDoc; isNew: boolean }> {
  const id = stockRowId(warehouseId, sku);
  const row = await tx.get('stock', id);
  if (row) return { id, row, isNew: false };
  const [products, warehouse] = await Promise.all([tx.get('products', sku), tx.get('warehouses', warehouseId)]);
  if (!products) refuse('NOT_FOUND', `没有 SKU 为 ${sku} 的商品`);
  if (!warehouse) refuse('NOT_FOUND', `没有 id 为 ${warehouseId} 的仓库`);
  return { id, row: { sku, warehouseId, onHand: 0, reserved: 0 }, isNew: true };
}

async function save(tx: Tx, at: { id: string; row: StockDoc; isNew: boolean }, patch: Partial<StockDoc>, now: number): Promise<void> {
  if (at.isNew) await tx.set('stock', at.id, { ...at.row, ...patch, updatedAt: now });
  else await tx.update('stock', at.id, { ...patch, updatedAt: now });
}

async function replayOf(tx: Tx, id: string, same: (m: Stored<StockMovementDoc>) => boolean): Promise<StockOutcome | null> {
  const m = await tx.get('stock_movements', id);
  if (!m) return null;
  if (!same(m)) refuse('CONFLICT', `单号 ${m.ref} 已用于另一笔库存变动（${m.sku}，${m.delta}）`);
  return { movementId: id, duplicate: true, stock: { onHand: m.onHandAfter, reserved: m.reserved } };
}

function movement(
  kind: StockMovementDoc['kind'],
  row: StockDoc,
  onHandAfter: number,
  m: { ref: string; reason: string; source: string; at: number },
): StockMovementDoc {
  return {
    kind,
    sku: row.sku,
    warehouseId: row.warehouseId,
    delta: onHandAfter - row.onHand,
    onHandBefore: row.onHand,
    onHandAfter,
    reserved: row.reserved,
    ...m,
  };
}

/** Goods received into a warehouse (入库): onHand rises by qty; the same ref twice is received once. */
export async function receiveStock(
  tx: Tx,
  r: { sku: string; warehouseId: string; qty: number; ref: string; reason: string; source?: Source },
  now: number,
): Promise<StockOutcome> {
  if (!Number.isSafeInteger(r.qty) || r.qty <= 0 || r.qty > MAX_STOCK_QTY) refuse('INVALID_INPUT', `入库数量须为 1–${MAX_STOCK_QTY} 的整数（基本单位）`);
  checkRef(r.ref, '入库');
  const id = movementId('receive', r.ref);
  const replay = await replayOf(tx, id, (m) => m.kind === 'receive' && m.sku === r.sku && m.warehouseId === r.warehouseId && m.delta === r.qty);
  if (replay) return replay;
  const at = await loadRow(tx, r.sku, r.warehouseId);
  const onHand = at.row.onHand + r.qty;
  await save(tx, at, { onHand }, now);
  await tx.set('stock_movements', id, movement('receive', at.row, onHand, { ref: r.ref, reason: r.reason, source: r.source ?? 'admin', at: now }));
  return { movementId: id, duplicate: false, stock: { onHand, reserved: at.row.reserved } };
}

/**
 * A counted correction (盘点调整, damage, loss), signed. It may not take onHand below what open
 * orders have reserved: those goods are promised, so the refusal (OUT_OF_STOCK, with what can go)
 * asks the admin to cancel or ship the orders first rather than break a promise silently.
 */
export async function adjustStock(
  tx: Tx,
  a: { sku: string; warehouseId: string; delta: number; reason: string; ref: string; source?: Source },
  now: number,
): Promise<StockOutcome> {
  if (!Number.isSafeInteger(a.delta) || a.delta === 0 || Math.abs(a.delta) > MAX_STOCK_QTY) refuse('INVALID_INPUT', '调整数量须为非零整数（基本单位）');
  if (a.reason.trim().length < 2) refuse('INVALID_INPUT', '库存调整须写明原因');
  checkRef(a.ref, '库存调整');
  const id = movementId('adjust', a.ref);
  const replay = await replayOf(tx, id, (m) => m.kind === 'adjust' && m.sku === a.sku && m.warehouseId === a.warehouseId && m.delta === a.delta);
  if (replay) return replay;
  const at = await loadRow(tx, a.sku, a.warehouseId);
  const onHand = at.row.onHand + a.delta;
  if (onHand < at.row.reserved) {
    const canGo = Math.max(0, at.row.onHand - at.row.reserved);
    refuse('OUT_OF_STOCK', `调整后在库 ${onHand} 少于已被订单占用的 ${at.row.reserved}：最多可减少 ${canGo}`, {
      reserved: at.row.reserved,
      onHand: at.row.onHand,
      maxDecrease: canGo,
    });
  }
  await save(tx, at, { onHand }, now);
  await tx.set('stock_movements', id, movement('adjust', at.row, onHand, { ref: a.ref, reason: a.reason, source: a.source ?? 'admin', at: now }));
  return { movementId: id, duplicate: false, stock: { onHand, reserved: at.row.reserved } };
}

/**
 * An absolute level from the system that counts the goods (the ERP's inventory), with its version:
 * applied only when newer than the last level applied, so a late, older message never overwrites a
 * newer one (`applied: false`, nothing written). The ERP is the truth about what is on the shelf,
 * so a level below what open orders reserved is still applied — the reservations stay (no order is
 * cancelled behind anyone's back), availability shows none, and the movement records `shortBy` for
 * the admins to settle (ship less, or cancel).
 */
export async function setStockLevel(
  tx: Tx,
  l: { sku: string; warehouseId: string; onHand: number; version: number; source: Source },
  now: number,
): Promise<StockOutcome & { applied: boolean; shortBy: number }> {
  if (!Number.isSafeInteger(l.onHand) || l.onHand < 0 || l.onHand > MAX_STOCK_QTY) refuse('INVALID_INPUT', '库存数量须为非负整数（基本单位）');
  if (!Number.isSafeInteger(l.version) || l.version < 0) refuse('INVALID_INPUT', '库存版本号须为非负整数');
  const at = await loadRow(tx, l.sku, l.warehouseId);
  const id = movementId('level', l.source, l.sku, l.warehouseId, l.version);
  const stock = { onHand: at.row.onHand, reserved: at.row.reserved };
  if (at.row.levelVersion !== undefined && l.version <= at.row.levelVersion) return { movementId: id, duplicate: true, applied: false, shortBy: 0, stock };
  const shortBy = Math.max(0, at.row.reserved - l.onHand);
  await save(tx, at, { onHand: l.onHand, levelVersion: l.version }, now);
  const m = movement('level', at.row, l.onHand, { ref: String(l.version), reason: shortBy ? `低于已占用 ${shortBy}` : '同步库存', source: l.source, at: now });
  await tx.set('stock_movements', id, { ...m, version: l.version });
  return { movementId: id, duplicate: false, applied: true, shortBy, stock: { onHand: l.onHand, reserved: at.row.reserved } };
}
