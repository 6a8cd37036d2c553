import type { DealerDoc, ProductDoc, StockDoc } from '@shared/models';
import type { CatalogProduct, DealerRef, RuleIndex } from '@shared/pricing';
import { giftSkusFor } from '@shared/pricing';
import type { Db, Stored } from '../_kit/db';

/**
 * The catalog as pricing sees it (catalog, pricing and orders read it alike): the dealer's
 * reference, the products a quote needs with their gift SKUs, and stock available to promise.
 */

/** The dealer as the pricing rules target it. */
export function dealerRef(dealer: Stored<DealerDoc>): DealerRef {
  return { id: dealer._id, level: dealer.level, region: dealer.region, parentDealerId: dealer.parentDealerId };
}

export function toCatalogProduct(p: Stored<ProductDoc>): CatalogProduct {
  return {
    _id: p._id,
    sku: p.sku,
    name: p.name,
    categoryId: p.categoryId,
    listPrice: p.listPrice,
    baseUnit: p.baseUnit,
    packUnits: p.packUnits,
    moq: p.moq,
    multiple: p.multiple,
    status: p.status,
    visibility: p.visibility,
  };
}

/** The catalog entries a quote of these SKUs needs: the SKUs themselves and any gift SKUs. */
export async function catalogFor(db: Db, index: RuleIndex, skus: readonly string[]): Promise<Array<Stored<ProductDoc>>> {
  const products = await db.find('products', { sku: db.command['in']!([...new Set(skus)]) }, { limit: 1000 });
  const gifts = giftSkusFor(index, products).filter((s) => !products.some((p) => p.sku === s));
  if (gifts.length > 0) products.push(...(await db.find('products', { sku: db.command['in']!(gifts) }, { limit: 1000 })));
  return products;
}

/** Available to promise per SKU and warehouse: on hand minus reserved, never below zero. */
export async function stockFor(db: Db, skus: readonly string[]): Promise<Array<Stored<StockDoc> & { available: number }>> {
  const docs = await db.find('stock', { sku: db.command['in']!([...new Set(skus)]) }, { limit: 1000 });
  return docs.map((d) => ({ ...d, available: Math.max(0, d.onHand - d.reserved) }));
}
