import type { CatalogItem, TierRow } from '@shared/contracts';
import { largestUnitLabel } from '@shared/catalog';
import { formatFen } from '@shared/money';
import type { CatalogProduct, DealerRef, QuoteLine, RuleIndex } from '@shared/pricing';
import { quote, rulesForProduct } from '@shared/pricing';
import { quoteTierCart, TIER_PRICE_STEP } from '@shared/tier';
import type { ProductDoc } from '@shared/models';
import type { Stored } from '../../_kit/db';

/** The price step that set the unit price, when it is not the list price. */
function priceLabel(line: QuoteLine): string | null {
  const last = [...line.steps].reverse().find((s) => (s.kind === 'price' || s.kind === 'promotion') && s.unitPriceAfter !== s.unitPriceBefore);
  return last ? last.label : null;
}

/** What a catalog item shows of the product itself, whoever prices it. */
function productFields(p: Stored<ProductDoc>) {
  const { sku, name, spec, image, categoryId, baseUnit, packUnits, moq, multiple, listPrice } = p;
  return { sku, name, spec, image, categoryId, baseUnit, packUnits, moq, multiple, listPrice };
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
      ...productFields(p),
      price: line && !line.error ? line.unitPrice : p.listPrice,
      priceLabel: line ? priceLabel(line) : null,
      tierHint: next ? `满 ${next.minLabel} ${formatFen(next.unitPrice)}/${p.baseUnit}` : null,
      available: available.get(p.sku) ?? 0,
    };
  });
}

/**
 * Catalog items of a second-tier dealer (docs/two-tier.md): each product quoted alone at its
 * minimum order quantity by the function orders.submit charges it with (quoteTierCart), from its
 * first-tier's prices, with the first-tier's free stock. Only SKUs the first-tier priced come here.
 */
export function tierPriceItems(
  dealer: DealerRef,
  products: ReadonlyArray<Stored<ProductDoc>>,
  catalog: readonly CatalogProduct[],
  prices: ReadonlyMap<string, number>,
  available: ReadonlyMap<string, number>,
): CatalogItem[] {
  const bySku = new Map(catalog.map((c) => [c.sku, c]));
  return products.map((p) => {
    const line = quoteTierCart([{ sku: p.sku, qty: p.moq }], bySku, prices, dealer).lines[0]!;
    return {
      ...productFields(p),
      price: line.error ? (prices.get(p.sku) ?? p.listPrice) : line.unitPrice,
      // Always named, even when the first-tier charges the list price: the child is told whose price it is.
      priceLabel: TIER_PRICE_STEP,
      tierHint: null,
      available: available.get(p.sku) ?? 0,
    };
  });
}
