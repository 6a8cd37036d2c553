import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';
import { productsBySku, settingOf, tierRoleOf } from '../scope';
import { priceItem } from '../views';

/**
 * The sub-dealer price list with the brand's bounds and the first-tier's free stock: its own (the
 * SKUs it priced or stocks) for a first-tier, the priced SKUs of its parent for a child.
 */
export const prices = defineAction(contracts.tier.prices, ['dealer'], async (_input, ctx) => {
  const r = await tierRoleOf(ctx);
  if (r instanceof Refusal) return r;
  const seller = settingOf(r.dealer) ? r.dealer : r.supplier;
  const setting = settingOf(seller);
  if (!seller || !setting) return new Refusal('FORBIDDEN', '未开通二级分销，也不通过上级经销商订货');
  const { db } = ctx;
  const [priceDocs, stockDocs] = await Promise.all([db.findAll('tier_prices', { dealerId: seller._id }), db.findAll('dealer_stock', { dealerId: seller._id })]);
  const byPrice = new Map(priceDocs.map((p) => [p.sku, p]));
  const byStock = new Map(stockDocs.map((s) => [s.sku, s]));
  const skus = seller === r.dealer ? [...new Set([...byPrice.keys(), ...byStock.keys()])] : [...byPrice.keys()];
  const products = await productsBySku(db, skus);
  const items = skus
    .filter((s) => products.get(s)?.status === 'on_sale' || seller === r.dealer)
    .flatMap((s) => (products.has(s) ? [priceItem(products.get(s)!, setting, byPrice.get(s), byStock.get(s))] : []))
    .sort((a, b) => a.sku.localeCompare(b.sku));
  return { supplier: { dealerId: seller._id, name: seller.name }, setting, items };
});
