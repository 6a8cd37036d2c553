import { contracts } from '@shared/contracts';
import type { CatalogDetail } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { isVisibleTo, quote, rulesForProduct } from '@shared/pricing';
import { callerDealer } from '../../../_kit/caller';
import { catalogFor, dealerRef, stockFor, toCatalogProduct } from '../../../_capabilities/catalog';
import { loadRuleIndex } from '../../../_capabilities/price-rules';
import { withImageUrls } from '../../../_capabilities/product-images';
import { defineAction } from '../../../_kit/router';
import { supplierReader } from '../../../_capabilities/tier-supply';
import { priceItems, tierRows } from '../present';
import { tierDetail } from '../tier';

/** One product for the calling dealer: its own price explained, tiers, promotions, stock by warehouse. */
export const get = defineAction(contracts.catalog.get, ['dealer', 'clerk'], async ({ sku }, ctx): Promise<CatalogDetail | Refusal> => {
  const { db, now } = ctx;
  const parentOf = supplierReader(db, ctx.caller.dealerId ?? undefined);
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  const ref = dealerRef(dealer);
  const [product, supplier] = await Promise.all([db.getById('products', sku), parentOf(dealer)]);
  // A product hidden from this dealer is "not found": its existence is not revealed.
  if (!product || !isVisibleTo(product, ref)) return new Refusal('NOT_FOUND', '没有找到这个商品，可能已下架或不在您的可订范围内');
  // 二级分销: a child of a first-tier that sells on sees the first-tier's price and stock.
  if (supplier) return tierDetail(db, ref, product, supplier);
  const index = await loadRuleIndex(db);
  const catalog = (await catalogFor(db, index, [sku])).map(toCatalogProduct);
  const stock = await stockFor(db, [sku]);
  const warehouses = new Map((await db.find('warehouses', {}, { limit: 100 })).map((w) => [w._id, w.name]));
  const available = new Map([[sku, stock.reduce((n, s) => n + s.available, 0)]]);
  const [item] = await withImageUrls(priceItems(index, ref, [product], catalog, available, now));
  const line = quote({ dealer: ref, lines: [{ sku, qty: product.moq }], catalog, now }, index).lines.find((l) => l.kind === 'item');
  const entry = catalog.find((c) => c.sku === sku)!;
  return {
    ...item!,
    status: product.status,
    steps: line?.steps ?? [],
    stock: stock
      .map((s) => ({ warehouseId: s.warehouseId, warehouseName: warehouses.get(s.warehouseId) ?? s.warehouseId, available: s.available }))
      .sort((a, b) => a.warehouseId.localeCompare(b.warehouseId)),
    tiers: tierRows(index, ref, entry, now),
    promotions: rulesForProduct(index, ref, entry, now)
      .filter((r) => r.def.kind !== 'price')
      .map((r) => ({ ruleId: r.rule.id, name: r.rule.name, code: r.rule.code })),
  };
});
