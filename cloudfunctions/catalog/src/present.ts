import type { CatalogItem, TierRow } from '@shared/contracts';
import { largestUnitLabel } from '@shared/catalog';
import { formatFen } from '@shared/money';
import type { CatalogProduct, DealerRef, QuoteLine, RuleIndex } from '@shared/pricing';
import { quote, rulesForProduct } from '@shared/pricing';
import type { ProductDoc } from '@shared/models';
import type { Stored } from '../../_kit/db';

/** The price step that set the unit price, when it is not the list price. */
function priceLabel(line: QuoteLine): string | null {
  const last = [...line.steps].reverse().find((s) => (s.kind === 'price' || s.kind === 'promotion') && s.unitPriceAfter !== s.unitPriceBefore);
  return last ? last.label : null;
}

/** The dealer's tier rows for one product: the unit price at each tier's minimum quantity. */
export function tierRows(index: RuleIndex, dealer: DealerRef, product: CatalogProduct, now: number): TierRow[] {
  const tier = rulesForProduct(index, dealer, product, now).find((r) => r.rule.code === 'quantity_tier');
  if (!tier || tier.rule.code !== 'quantity_tier') return [];
  const catalog = [product];
  return tier.rule.args.tiers
    .filter((t) => t.minQty >= product.moq)
    .map((t) => {
      const qty = Math.ceil(t.minQty / product.multiple) * product.multiple;
      const line = quote({ dealer, lines: [{ sku: product.sku, qty }], catalog, now }, index).lines[0];
      return { minQty: qty, minLabel: largestUnitLabel(qty, product.baseUnit, product.packUnits), unitPrice: line?.unitPrice ?? product.listPrice };
    });
}

/**
 * Catalog items priced for one dealer: each product quoted alone at its minimum order quantity,
 * so a price never depends on what else is on the page.
 */
export function priceItems(
  index: RuleIndex,
  dealer: DealerRef,
  products: ReadonlyArray<Stored<ProductDoc>>,
  catalog: readonly CatalogProduct[],
  available: ReadonlyMap<string, number>,
  now: number,
): CatalogItem[] {
  return products.map((p) => {
    const line = quote({ dealer, lines: [{ sku: p.sku, qty: p.moq }], catalog, now }, index).lines.find((l) => l.kind === 'item');
    const tiers = tierRows(
      index,
      dealer,
      catalog.find((c) => c.sku === p.sku)!,
      now,
    );
    const next = tiers.find((t) => t.minQty > p.moq && t.unitPrice < (line?.unitPrice ?? p.listPrice));
    return {
      sku: p.sku,
      name: p.name,
      spec: p.spec,
      image: p.image,
      categoryId: p.categoryId,
      baseUnit: p.baseUnit,
      packUnits: p.packUnits,
      moq: p.moq,
      multiple: p.multiple,
      listPrice: p.listPrice,
      price: line && !line.error ? line.unitPrice : p.listPrice,
      priceLabel: line ? priceLabel(line) : null,
      tierHint: next ? `满 ${next.minLabel} ${formatFen(next.unitPrice)}/${p.baseUnit}` : null,
      available: available.get(p.sku) ?? 0,
    };
  });
}
