import type { ReconDifference } from './types';

export interface ReconInput {
  /** Our orders that belong in Kingdee (open at the warehouse, or pushed), payable in fen. */
  ours: ReadonlyArray<{ orderNo: string; payable: number }>;
  /** Kingdee's sales orders of the same period; amount = 价税合计 in fen. */
  erp: ReadonlyArray<{ billNo: string; status: string; amount: number }>;
  /** On hand per mapped SKU × warehouse, base units, on each side (keys `sku@warehouseId`). */
  ourStock: ReadonlyMap<string, number>;
  erpStock: ReadonlyMap<string, number>;
  /** Receivable per mapped dealer, fen, on each side. */
  ourReceivable: ReadonlyMap<string, number>;
  erpReceivable: ReadonlyMap<string, number>;
  /** Display names of dealers by id. */
  dealerNames: ReadonlyMap<string, string>;
}

const byKey = (a: ReconDifference, b: ReconDifference) => (a.kind === b.kind ? a.key.localeCompare(b.key) : a.kind.localeCompare(b.kind));

/**
 * Every difference between our books and Kingdee's, each listed once: orders missing there, not
 * audited there, only there or with another amount; on-hand stock per SKU × warehouse; receivable
 * per dealer. A key on one side only counts as 0 on the other (a stock row Kingdee lacks is 0 there).
 * Pure: the same inputs give the same report, sorted by kind and key.
 */
export function reconcile(input: ReconInput): ReconDifference[] {
  const out: ReconDifference[] = [];
  const erpByNo = new Map(input.erp.map((o) => [o.billNo, o]));
  const ourNos = new Set(input.ours.map((o) => o.orderNo));
  for (const o of input.ours) {
    const e = erpByNo.get(o.orderNo);
    if (!e) out.push({ kind: 'order_missing_in_erp', key: o.orderNo, label: `订单 ${o.orderNo}`, ours: o.payable, erp: null });
    else if (e.status !== 'C')
      out.push({ kind: 'order_not_audited', key: o.orderNo, label: `订单 ${o.orderNo}（金蝶状态 ${e.status}）`, ours: o.payable, erp: e.amount });
    else if (e.amount !== o.payable) out.push({ kind: 'order_amount', key: o.orderNo, label: `订单 ${o.orderNo}`, ours: o.payable, erp: e.amount });
  }
  for (const e of input.erp) {
    if (!ourNos.has(e.billNo)) out.push({ kind: 'order_only_in_erp', key: e.billNo, label: `金蝶销售订单 ${e.billNo}`, ours: null, erp: e.amount });
  }
  for (const key of new Set([...input.ourStock.keys(), ...input.erpStock.keys()])) {
    const ours = input.ourStock.get(key) ?? 0;
    const erp = input.erpStock.get(key) ?? 0;
    if (ours !== erp) out.push({ kind: 'stock', key, label: `${key.replace('@', ' · ')}`, ours, erp });
  }
  for (const id of new Set([...input.ourReceivable.keys(), ...input.erpReceivable.keys()])) {
    const ours = input.ourReceivable.get(id) ?? 0;
    const erp = input.erpReceivable.get(id) ?? 0;
    if (ours !== erp) out.push({ kind: 'receivable', key: id, label: input.dealerNames.get(id) ?? id, ours, erp });
  }
  return out.sort(byKey);
}
