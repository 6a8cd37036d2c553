import type { PricedCart } from '@shared/contracts';
import type { DealerDoc } from '@shared/models';
import type { CartLine } from '@shared/pricing';
import { quoteTierCart } from '@shared/tier';
import { dealerRef, toCatalogProduct } from '../../_capabilities/catalog';
import { tierOfferOf } from '../../_capabilities/tier-supply';
import type { Db, Stored } from '../../_kit/db';

/**
 * A second-tier dealer's cart (docs/two-tier.md), quoted by the very function orders.submit
 * prices it with (shared/tier quoteTierCart), from its first-tier's prices; `available` is the
 * first-tier's own stock free to order, which submit reserves from.
 */
export async function quoteFromSupplier(
  db: Db,
  dealer: Stored<DealerDoc>,
  supplier: Stored<DealerDoc>,
  input: { lines: readonly CartLine[]; rebateToUse?: number | undefined },
): Promise<PricedCart> {
  const skus = [...new Set(input.lines.map((l) => l.sku))];
  const [products, offer] = await Promise.all([db.find('products', { sku: db.command['in']!(skus) }, { limit: 1000 }), tierOfferOf(db, supplier._id, skus)]);
  const catalog = new Map(products.map((p) => [p.sku, toCatalogProduct(p)]));
  const quoted = quoteTierCart(input.lines, catalog, offer.prices, dealerRef(dealer), input.rebateToUse ?? 0);
  return { ...quoted, available: Object.fromEntries(offer.available) };
}
