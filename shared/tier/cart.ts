import type { OrderLine } from '../orders';
import { checkLine } from '../pricing/check-line';
import type { CartLine, CatalogProduct, DealerRef, LineError, PriceStep, QuoteLine, QuoteResult } from '../pricing/types';
import { unitFactor } from '../pricing/units';

/** The one pricing step of a child's line: the first-tier's price for its sub-dealers. */
export const TIER_PRICE_STEP = '上级经销商供货价';
/** The step's code, where the engine puts a rule's code (PriceStep.code). */
export const TIER_PRICE_CODE = 'tier_supply_price';

export type TierLine = Omit<OrderLine, 'shippedQty'> & { priceStep: typeof TIER_PRICE_STEP };

/** 目录价 then 上级经销商供货价: the line explained as the pricing engine explains a brand line (PriceStep). */
function tierSteps(listPrice: number, unitPrice: number, qty: number): PriceStep[] {
  const step = (kind: 'list' | 'price', code: string, label: string, before: number, after: number): PriceStep => ({
    kind,
    code,
    ruleId: null,
    label,
    unitPriceBefore: before,
    unitPriceAfter: after,
    amountBefore: before * qty,
    amountAfter: after * qty,
    saved: (before - after) * qty,
    note: null,
  });
  return [step('list', 'list_price', '目录价', listPrice, listPrice), step('price', TIER_PRICE_CODE, TIER_PRICE_STEP, listPrice, unitPrice)];
}

function lineOf(
  line: CartLine,
  lineIndex: number,
  product: CatalogProduct | undefined,
  priced: { qty: number; unitPrice: number } | null,
  error: LineError | null,
): QuoteLine {
  const qty = priced?.qty ?? line.qty * (product ? (unitFactor(product, line.unit) ?? 1) : 1);
  const amount = priced ? priced.unitPrice * priced.qty : 0;
  return {
    lineIndex,
    kind: 'item',
    sku: line.sku,
    name: product?.name ?? '',
    qty,
    baseUnit: product?.baseUnit ?? '',
    orderedQty: line.qty,
    orderedUnit: line.unit ?? product?.baseUnit ?? '',
    listPrice: product?.listPrice ?? 0,
    listAmount: priced ? (product?.listPrice ?? 0) * qty : 0,
    unitPrice: priced?.unitPrice ?? 0,
    amount,
    orderDiscount: 0,
    rebateDeduction: 0,
    payable: amount,
    steps: priced && product ? tierSteps(product.listPrice, priced.unitPrice, qty) : [],
    gift: null,
    error,
  };
}

/**
 * A second-tier dealer's cart priced from its first-tier's list (fen per base unit), answered in
 * the pricing engine's shape (QuoteResult) — pricing.quote, catalog.list / catalog.get and
 * orders.submit all price a child's lines here, so what it is shown is what it is charged. Each
 * line is checked as any cart line (visibility, sale, unit, MOQ, multiple), then qty × 上级经销商供货价.
 * A SKU without such a price is not orderable (NOT_SUPPLIED). The brand's price lists,
 * promotions and rebates do not apply (it is not the brand's sell-in): no gifts, no rebate.
 */
export function quoteTierCart(
  lines: readonly CartLine[],
  products: ReadonlyMap<string, CatalogProduct>,
  prices: ReadonlyMap<string, number>,
  dealer: DealerRef,
  rebateRequested = 0,
): QuoteResult {
  const firstIndex = new Map<string, number>();
  lines.forEach((l, i) => firstIndex.set(l.sku, firstIndex.get(l.sku) ?? i));
  const errors: LineError[] = [];
  const out = lines.map((line, i) => {
    const product = products.get(line.sku);
    const checked = checkLine(line, i, product, dealer, firstIndex.get(line.sku) ?? i);
    const unitPrice = prices.get(line.sku);
    const error: LineError | null =
      'code' in checked
        ? checked
        : unitPrice === undefined
          ? { lineIndex: i, sku: line.sku, code: 'NOT_SUPPLIED', message: `上级经销商未提供 ${checked.product.name} 的供货价，请从购物车移除`, details: {} }
          : null;
    if (error) errors.push(error);
    return lineOf(line, i, product, error || 'code' in checked ? null : { qty: checked.qty, unitPrice: unitPrice! }, error);
  });
  const listTotal = out.reduce((n, l) => n + l.listAmount, 0);
  const payable = out.reduce((n, l) => n + l.payable, 0);
  return {
    ok: errors.length === 0,
    lines: out,
    totals: { listTotal, goodsTotal: payable, orderDiscountTotal: 0, rebateDeduction: 0, discountTotal: listTotal - payable, payable, giftValue: 0 },
    promotions: [],
    almostReached: [],
    notApplied: [],
    errors,
    rebate: { requested: rebateRequested, applied: 0 },
  };
}

/**
 * The order lines of a child's cart, from quoteTierCart (the same figures pricing.quote showed),
 * or the first line that cannot be ordered.
 */
export function priceTierCart(
  lines: readonly CartLine[],
  products: ReadonlyMap<string, CatalogProduct>,
  prices: ReadonlyMap<string, number>,
  dealer: DealerRef,
): { ok: true; lines: TierLine[] } | { ok: false; message: string; sku: string; lineIndex: number } {
  const q = quoteTierCart(lines, products, prices, dealer);
  const [first] = q.errors;
  if (first) return { ok: false, message: first.message, sku: first.sku, lineIndex: first.lineIndex };
  return {
    ok: true,
    lines: q.lines.map((l) => ({
      sku: l.sku,
      name: l.name,
      categoryId: products.get(l.sku)!.categoryId,
      kind: 'item',
      qty: l.qty,
      listPrice: l.listPrice,
      unitPrice: l.unitPrice,
      payable: l.payable,
      priceStep: TIER_PRICE_STEP,
    })),
  };
}
