import { checkLine } from './check-line';
import type { ItemState } from './line-state';
import type { CatalogProduct, DealerRef, LineError, QuoteInput } from './types';

/** Stage 1's outcome: the lines that will be priced, the errors, and every cart line as one or the other. */
export interface CheckedCart {
  items: ItemState[];
  errors: LineError[];
  /** One entry per cart line, in cart order: its item when it passed, its error when not. */
  byLine: Array<ItemState | LineError>;
}

/** The catalog by SKU; the first entry of a SKU given twice wins. */
export function catalogBySku(products: readonly CatalogProduct[]): Map<string, CatalogProduct> {
  const catalog = new Map<string, CatalogProduct>();
  for (const p of products) if (!catalog.has(p.sku)) catalog.set(p.sku, p);
  return catalog;
}

/**
 * 1. Checks every line (check-line.ts); only lines without errors become items to price, each
 * starting at its list amount. A SKU's second line is a DUPLICATE_SKU of its first.
 */
export function checkLines(lines: QuoteInput['lines'], catalog: ReadonlyMap<string, CatalogProduct>, dealer: DealerRef): CheckedCart {
  const firstIndex = new Map<string, number>();
  lines.forEach((l, i) => {
    if (!firstIndex.has(l.sku)) firstIndex.set(l.sku, i);
  });
  const errors: LineError[] = [];
  const items: ItemState[] = [];
  const byLine: Array<ItemState | LineError> = lines.map((line, lineIndex) => {
    const checked = checkLine(line, lineIndex, catalog.get(line.sku), dealer, firstIndex.get(line.sku) ?? lineIndex);
    if ('code' in checked) {
      errors.push(checked);
      return checked;
    }
    const listAmount = checked.qty * checked.product.listPrice;
    const item: ItemState = {
      pos: items.length,
      lineIndex,
      product: checked.product,
      qty: checked.qty,
      factor: checked.factor,
      orderedUnit: checked.orderedUnit,
      orderedQty: line.qty,
      listAmount,
      running: listAmount,
      goods: 0,
      orderDiscount: 0,
      rebate: 0,
      steps: [],
      priceRules: [],
    };
    items.push(item);
    return item;
  });
  return { items, errors, byLine };
}
