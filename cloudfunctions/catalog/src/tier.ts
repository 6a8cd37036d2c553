import type { CatalogDetail } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { DealerDoc, ProductDoc } from '@shared/models';
import type { DealerRef } from '@shared/pricing';
import { quoteTierCart } from '@shared/tier';
import { toCatalogProduct } from '../../_capabilities/catalog';
import { withImageUrls } from '../../_capabilities/product-images';
import { tierOfferOf } from '../../_capabilities/tier-supply';
import type { Db, Stored } from '../../_kit/db';
import { tierPriceItems } from './present';

/**
 * One product for a second-tier dealer (docs/two-tier.md): its first-tier's price, explained in
 * the engine's steps (目录价 → 上级经销商供货价) by the function orders.submit charges with, and the
 * first-tier's free stock as its one "warehouse". A SKU the first-tier has not priced is not
 * orderable: NOT_FOUND, saying so. No brand tiers or promotions (not the brand's sell-in).
 */
export async function tierDetail(db: Db, ref: DealerRef, product: Stored<ProductDoc>, supplier: Stored<DealerDoc>): Promise<CatalogDetail | Refusal> {
  const { prices, available } = await tierOfferOf(db, supplier._id, [product.sku]);
  if (!prices.has(product.sku)) return new Refusal('NOT_FOUND', `上级经销商${supplier.name}暂未供应这个商品，无法订购`);
  const catalog = [toCatalogProduct(product)];
  const [item] = await withImageUrls(tierPriceItems(ref, [product], catalog, prices, available));
  const line = quoteTierCart([{ sku: product.sku, qty: product.moq }], new Map(catalog.map((c) => [c.sku, c])), prices, ref).lines[0];
  return {
    ...item!,
    status: product.status,
    steps: line?.steps ?? [],
    stock: [{ warehouseId: supplier._id, warehouseName: supplier.name, available: available.get(product.sku) ?? 0 }],
    tiers: [],
    promotions: [],
  };
}
