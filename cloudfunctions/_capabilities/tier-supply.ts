import type { DealerDoc } from '@shared/models';
import { dealerStockId, tierPriceId } from '@shared/tier';
import type { Db, Stored } from '../_kit/db';

/**
 * What a second-tier dealer orders from (docs/two-tier.md), read alike by catalog, pricing and
 * orders.submit: its first-tier when that sells on, the first-tier's sub-dealer prices and its
 * own stock still free to order.
 */

/** The first-tier a dealer orders through: its parent, when the brand enabled 二级分销 there and it is active; else null. */
export function sellingParent(parent: Stored<DealerDoc> | null): Stored<DealerDoc> | null {
  return parent?.twoTier?.enabled && parent.status === 'active' ? parent : null;
}

/**
 * Each dealer's parent as this instance last saw it: the parent is then read beside the dealer,
 * so knowing whom a dealer orders from costs a warm instance no round of its own (a dealer new to
 * the instance, or whose parent changed, pays one round more, once; a dealer without a parent none).
 */
const knownParents = new Map<string, string | null>();

/**
 * Start reading the caller's likely parent now (beside the caller's dealer); the answer takes the
 * dealer once it is read and gives the first-tier it orders through, or null.
 */
export function supplierReader(db: Db, dealerId: string | undefined): (dealer: Stored<DealerDoc>) => Promise<Stored<DealerDoc> | null> {
  const guess = dealerId ? knownParents.get(dealerId) : undefined;
  const early = guess ? db.getById('dealers', guess) : null;
  early?.catch(() => undefined);
  return async (dealer) => {
    knownParents.set(dealer._id, dealer.parentDealerId ?? null);
    if (!dealer.parentDealerId) return null;
    return sellingParent(early && guess === dealer.parentDealerId ? await early : await db.getById('dealers', dealer.parentDealerId));
  };
}

/** The first-tier's 上级经销商供货价 of these SKUs, fen per base unit (unpriced SKUs absent). */
export async function tierPricesOf(db: Db, supplierId: string, skus: readonly string[]): Promise<Map<string, number>> {
  const docs = await db.getMany(
    'tier_prices',
    skus.map((s) => tierPriceId(supplierId, s)),
  );
  return new Map(docs.map((d) => [d.sku, d.unitPrice]));
}

/** The first-tier's own stock free to order (onHand − reserved, never below 0), base units; every SKU asked is present. */
export async function tierAvailableOf(db: Db, supplierId: string, skus: readonly string[]): Promise<Map<string, number>> {
  const docs = await db.getMany(
    'dealer_stock',
    skus.map((s) => dealerStockId(supplierId, s)),
  );
  const free = new Map(skus.map((s) => [s, 0]));
  for (const d of docs) free.set(d.sku, Math.max(0, d.onHand - d.reserved));
  return free;
}

/** Prices and free stock together (one round). */
export async function tierOfferOf(
  db: Db,
  supplierId: string,
  skus: readonly string[],
): Promise<{ prices: Map<string, number>; available: Map<string, number> }> {
  const [prices, available] = await Promise.all([tierPricesOf(db, supplierId, skus), tierAvailableOf(db, supplierId, skus)]);
  return { prices, available };
}
