import type { OrderLine } from '../orders';
import { checkLine } from '../pricing/check-line';
import type { CartLine, CatalogProduct, DealerRef } from '../pricing/types';

/** The one pricing step of a child's line: the first-tier's price for its sub-dealers. */
export const TIER_PRICE_STEP = '上级经销商供货价';

export type TierLine = Omit<OrderLine, 'shippedQty'> & { priceStep: typeof TIER_PRICE_STEP };

/**
 * A second-tier dealer's cart priced from its first-tier's list (fen per base unit): each line
 * checked as any cart line (visibility, sale, unit, MOQ, multiple), then qty × 上级经销商供货价. A
 * SKU without such a price is not orderable. The brand's price lists, promotions and rebates do
 * not apply (it is not the brand's sell-in).
 */
export function priceTierCart(
  lines: readonly CartLine[],
  products: ReadonlyMap<string, CatalogProduct>,
  prices: ReadonlyMap<string, number>,
  dealer: DealerRef,
): { ok: true; lines: TierLine[] } | { ok: false; message: string; sku: string; lineIndex: number } {
  const firstIndex = new Map<string, number>();
  lines.forEach((l, i) => firstIndex.set(l.sku, firstIndex.get(l.sku) ?? i));
  const out: TierLine[] = [];
  for (const [i, line] of lines.entries()) {
    const checked = checkLine(line, i, products.get(line.sku), dealer, firstIndex.get(line.sku) ?? i);
    if ('code' in checked) return { ok: false, message: checked.message, sku: line.sku, lineIndex: i };
    const unitPrice = prices.get(line.sku);
    if (unitPrice === undefined)
      return { ok: false, message: `上级经销商未提供 ${checked.product.name} 的供货价，请从购物车移除`, sku: line.sku, lineIndex: i };
    const p = checked.product;
    out.push({
      sku: p.sku,
      name: p.name,
      categoryId: p.categoryId,
      kind: 'item',
      qty: checked.qty,
      listPrice: p.listPrice,
      unitPrice,
      payable: unitPrice * checked.qty,
      priceStep: TIER_PRICE_STEP,
    });
  }
  return { ok: true, lines: out };
}
