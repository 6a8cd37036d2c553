import type { OrderDoc } from '@shared/models';
import type { DealerStockDoc, DealerStockEntryDoc, StockMove } from '@shared/tier';
import { dealerStockId, receivedEntryId, shippedEntryId } from '@shared/tier';
import type { Tx } from '../_kit/db';
import { refuse } from '../_kit/db';

/**
 * A first-tier dealer's own stock (dealer_stock, docs/two-tier.md), changed only inside the
 * transaction of what caused it: its brand order received (fill), a child's order submitted
 * (reserve, re-checked here: no oversell), shipped (consume) or closed unshipped (release).
 * Ledger entries are keyed by the cause (order id + SKU), so a retry writes nothing twice.
 */
type Row = DealerStockDoc & { _id?: string };

async function rowsOf(tx: Tx, dealerId: string, skus: readonly string[]): Promise<Map<string, Row>> {
  const rows = await Promise.all(skus.map((sku) => tx.get('dealer_stock', dealerStockId(dealerId, sku))));
  return new Map(skus.map((sku, i) => [sku, rows[i] ?? { dealerId, sku, onHand: 0, reserved: 0, updatedAt: 0 }]));
}

const save = (tx: Tx, r: Row, now: number) => {
  const { _id, ...doc } = r;
  return tx.set('dealer_stock', dealerStockId(r.dealerId, r.sku), { ...doc, updatedAt: now });
};

/** Reserve a child's order's units; OUT_OF_STOCK (with the shortages) when the first-tier has not enough free. */
export async function reserveDealerStock(tx: Tx, dealerId: string, moves: readonly StockMove[], now: number): Promise<void> {
  const rows = await rowsOf(
    tx,
    dealerId,
    moves.map((m) => m.sku),
  );
  const shortages = moves
    .map((m) => ({ sku: m.sku, requested: m.qty, available: Math.max(0, rows.get(m.sku)!.onHand - rows.get(m.sku)!.reserved) }))
    .filter((s) => s.available < s.requested);
  if (shortages.length > 0) refuse('OUT_OF_STOCK', `上级经销商库存不足：${shortages.map((s) => `${s.sku} 仅剩 ${s.available}`).join('，')}`, { shortages });
  await Promise.all(moves.map((m) => save(tx, { ...rows.get(m.sku)!, reserved: rows.get(m.sku)!.reserved + m.qty }, now)));
}

/** Give back what a closed (rejected, cancelled) order held. */
export async function releaseDealerStock(tx: Tx, dealerId: string, moves: readonly StockMove[], now: number): Promise<void> {
  const rows = await rowsOf(
    tx,
    dealerId,
    moves.map((m) => m.sku),
  );
  await Promise.all(moves.map((m) => save(tx, { ...rows.get(m.sku)!, reserved: Math.max(0, rows.get(m.sku)!.reserved - m.qty) }, now)));
}

/** Goods left the first-tier: onHand and reserved down, one ledger entry per order line. */
export async function consumeDealerStock(tx: Tx, dealerId: string, orderId: string, moves: readonly StockMove[], by: string, now: number): Promise<void> {
  const rows = await rowsOf(
    tx,
    dealerId,
    moves.map((m) => m.sku),
  );
  await Promise.all(
    moves.flatMap((m) => {
      const r = rows.get(m.sku)!;
      const entry: DealerStockEntryDoc = { dealerId, sku: m.sku, delta: -m.qty, kind: 'shipped', ref: orderId, at: now, by };
      return [
        save(tx, { ...r, onHand: r.onHand - m.qty, reserved: Math.max(0, r.reserved - m.qty) }, now),
        tx.set('dealer_stock_entries', shippedEntryId(orderId, m.sku), entry),
      ];
    }),
  );
}

/**
 * A first-tier's own brand order was received: its item and gift units go on hand, once per
 * order line (the entry recv:<orderId>:<sku> is the guard). Only for a dealer with 二级分销 enabled.
 */
export async function fillDealerStock(tx: Tx, orderId: string, order: Pick<OrderDoc, 'dealerId' | 'lines'>, now: number): Promise<void> {
  const dealer = await tx.get('dealers', order.dealerId);
  if (!dealer?.twoTier?.enabled) return;
  const per = new Map<string, number>();
  for (const l of order.lines) per.set(l.sku, (per.get(l.sku) ?? 0) + l.qty);
  const skus = [...per.keys()];
  const [rows, entries] = await Promise.all([
    rowsOf(tx, order.dealerId, skus),
    Promise.all(skus.map((sku) => tx.get('dealer_stock_entries', receivedEntryId(orderId, sku)))),
  ]);
  await Promise.all(
    skus.flatMap((sku, i) => {
      if (entries[i]) return [];
      const qty = per.get(sku)!;
      const r = rows.get(sku)!;
      const entry: DealerStockEntryDoc = { dealerId: order.dealerId, sku, delta: qty, kind: 'received', ref: orderId, at: now, by: 'system' };
      return [save(tx, { ...r, onHand: r.onHand + qty }, now), tx.set('dealer_stock_entries', receivedEntryId(orderId, sku), entry)];
    }),
  );
}
