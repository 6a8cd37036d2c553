import { encodeCursor } from '@shared/catalog';
import type { ProductDoc } from '@shared/models';
import type { DealerStockDoc, TierPriceDoc } from '@shared/tier';
import { dealerStockId, tierPriceId } from '@shared/tier';
import type { Db, Stored } from '../../_kit/db';
import { productsBySku } from './scope';

/** What one answer of tier.prices lists: products by SKU with the seller's prices and stock of them. */
export interface PriceListPage {
  products: Array<Stored<ProductDoc>>;
  prices: Map<string, TierPriceDoc>;
  stock: Map<string, DealerStockDoc>;
  nextCursor: string | null;
}

async function withOffer(db: Db, sellerId: string, products: Array<Stored<ProductDoc>>, nextCursor: string | null): Promise<PriceListPage> {
  const skus = products.map((p) => p.sku);
  const [prices, stock] = await Promise.all([
    db.getMany(
      'tier_prices',
      skus.map((s) => tierPriceId(sellerId, s)),
    ),
    db.getMany(
      'dealer_stock',
      skus.map((s) => dealerStockId(sellerId, s)),
    ),
  ]);
  return { products, prices: new Map(prices.map((p) => [p.sku, p])), stock: new Map(stock.map((s) => [s.sku, s])), nextCursor };
}

/**
 * The first-tier's own list: every on-sale SKU after `after`, priced or not, `limit` of them (one
 * more is read to know whether a next page exists), so it can price a SKU it has not priced yet.
 */
export async function ownPage(db: Db, sellerId: string, after: string, limit: number): Promise<PriceListPage> {
  const _ = db.command;
  const found = await db.find('products', { status: 'on_sale', sku: _['gt']!(after) }, { orderBy: [['sku', 'asc']], limit: limit + 1 });
  const products = found.slice(0, limit);
  const more = found.length > limit;
  return withOffer(db, sellerId, products, more ? encodeCursor(products[products.length - 1]!.sku) : null);
}

/** A child's view: the on-sale SKUs its first-tier priced, all of them (what it can order). */
export async function pricedList(db: Db, sellerId: string): Promise<PriceListPage> {
  const priced = await db.findAll('tier_prices', { dealerId: sellerId });
  const products = await productsBySku(
    db,
    priced.map((p) => p.sku),
  );
  const onSale = [...products.values()].filter((p) => p.status === 'on_sale').sort((a, b) => a.sku.localeCompare(b.sku));
  return withOffer(db, sellerId, onSale, null);
}
