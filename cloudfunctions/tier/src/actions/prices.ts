import { decodeCursor } from '@shared/catalog';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';
import { ownPage, pricedList } from '../price-list';
import { settingOf, tierRoleOf } from '../scope';
import { priceItem } from '../views';

const PAGE = 50;

/**
 * The sub-dealer price list with the brand's bounds and the first-tier's free stock: for a
 * first-tier its own — every on-sale SKU, priced or not, by SKU, a page at a time, so it can price
 * one it has not priced yet; for a child its parent's priced on-sale SKUs (what it can order).
 */
export const prices = defineAction(contracts.tier.prices, ['dealer'], async (input, ctx) => {
  const r = await tierRoleOf(ctx);
  if (r instanceof Refusal) return r;
  const seller = settingOf(r.dealer) ? r.dealer : r.supplier;
  const setting = settingOf(seller);
  if (!seller || !setting) return new Refusal('FORBIDDEN', '未开通二级分销，也不通过上级经销商订货');
  const after = input.cursor === undefined ? '' : decodeCursor(input.cursor);
  if (after === null) return new Refusal('INVALID_INPUT', '分页标记无效，请下拉刷新后重试');
  const page = seller === r.dealer ? await ownPage(ctx.db, seller._id, after, input.limit ?? PAGE) : await pricedList(ctx.db, seller._id);
  const items = page.products.map((p) => priceItem(p, setting, page.prices.get(p.sku), page.stock.get(p.sku)));
  return { supplier: { dealerId: seller._id, name: seller.name }, setting, items, nextCursor: page.nextCursor };
});
