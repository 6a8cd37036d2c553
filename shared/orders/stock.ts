/**
 * Stock per SKU per warehouse, in base units (件): `onHand` is physically in the warehouse,
 * `reserved` is promised to submitted orders not yet shipped. Available to promise (ATP) is
 * onHand − reserved, never below zero.
 */
export interface StockLevel {
  sku: string;
  warehouseId: string;
  onHand: number;
  reserved: number;
}

export interface WarehouseRef {
  id: string;
  /** Sales regions the warehouse serves (WarehouseDoc.regions). */
  regions: readonly string[];
}

/** Base units of one SKU held at one warehouse for one order. */
export interface StockReservation {
  sku: string;
  warehouseId: string;
  qty: number;
}

export interface StockShortage {
  sku: string;
  /** Base units asked for (summed over lines of the SKU, gift lines included). */
  requested: number;
  /** Base units available to promise across all warehouses. */
  available: number;
}

export type StockAllocation = { ok: true; reservations: StockReservation[] } | { ok: false; code: 'OUT_OF_STOCK'; shortages: StockShortage[]; message: string };

export function availableToPromise(level: Pick<StockLevel, 'onHand' | 'reserved'>): number {
  return Math.max(0, level.onHand - level.reserved);
}

/**
 * Splits each SKU's quantity across warehouses. Lines of the same SKU (an item and its gift)
 * are summed first. Warehouse order for each SKU:
 *   1. warehouses serving the dealer's region, before all others;
 *   2. within each group, the one with the most stock available to promise first (so an order
 *      is split across as few warehouses as possible);
 *   3. ties by warehouse id, ascending — never by input order.
 * Each warehouse gives as much as it can before the next is used. When any SKU is short, no
 * reservation is returned and every short SKU is listed (in order of first appearance).
 * Reservations come out grouped by SKU in order of first appearance, warehouses in the order
 * above. Stock rows of unknown warehouses still count (as outside the region).
 */
export function allocateStock(input: {
  lines: ReadonlyArray<{ sku: string; qty: number }>;
  stock: readonly StockLevel[];
  warehouses: readonly WarehouseRef[];
  dealerRegion: string;
}): StockAllocation {
  const inRegion = new Set(input.warehouses.filter((w) => w.regions.includes(input.dealerRegion)).map((w) => w.id));
  const requested = new Map<string, number>();
  for (const line of input.lines) requested.set(line.sku, (requested.get(line.sku) ?? 0) + line.qty);

  const reservations: StockReservation[] = [];
  const shortages: StockShortage[] = [];
  for (const [sku, qty] of requested) {
    const rows = input.stock
      .filter((s) => s.sku === sku)
      .map((s) => ({ warehouseId: s.warehouseId, atp: availableToPromise(s), home: inRegion.has(s.warehouseId) }))
      .filter((r) => r.atp > 0)
      .sort((a, b) => Number(b.home) - Number(a.home) || b.atp - a.atp || (a.warehouseId < b.warehouseId ? -1 : a.warehouseId > b.warehouseId ? 1 : 0));
    const available = rows.reduce((sum, r) => sum + r.atp, 0);
    if (available < qty) {
      shortages.push({ sku, requested: qty, available });
      continue;
    }
    let left = qty;
    for (const row of rows) {
      if (left === 0) break;
      const take = Math.min(left, row.atp);
      reservations.push({ sku, warehouseId: row.warehouseId, qty: take });
      left -= take;
    }
  }
  if (shortages.length > 0) {
    const list = shortages.map((s) => `${s.sku} 需 ${s.requested} 件，可订 ${s.available} 件`).join('；');
    return { ok: false, code: 'OUT_OF_STOCK', shortages, message: `库存不足：${list}。请减少数量或换一个商品` };
  }
  return { ok: true, reservations };
}
