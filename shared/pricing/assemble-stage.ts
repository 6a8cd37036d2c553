import type { ItemState } from './line-state';
import type { AlmostHint } from './price-stage';
import type { GiftTally, PromotionTally } from './promotion-stage';
import { averageUnitPrice } from './rule-kit';
import type { AlmostReached, CatalogProduct, LineError, NotApplied, QuoteInput, QuoteLine, QuoteResult } from './types';
import { unitFactor } from './units';

/** Everything the stages before produced, as assemble reads it. */
export interface QuoteParts {
  input: QuoteInput;
  catalog: ReadonlyMap<string, CatalogProduct>;
  items: readonly ItemState[];
  errors: LineError[];
  byLine: ReadonlyArray<ItemState | LineError>;
  /** Price-stage hints, then promotion hints, in that order. */
  almost: readonly AlmostHint[];
  applied: ReadonlyMap<unknown, PromotionTally>;
  gifts: readonly GiftTally[];
  notApplied: NotApplied[];
  requested: number;
  rebateApplied: number;
}

function stamp({ rule, draft }: AlmostHint): AlmostReached {
  return { ruleId: rule.rule.id, code: rule.rule.code, name: rule.rule.name, ...draft };
}

/** 8. Assemble: cart lines in order (priced or with their error), then gifts; the totals; what applied and what not. */
export function assemble(parts: QuoteParts): QuoteResult {
  const { input, catalog, items, errors, requested, rebateApplied } = parts;
  const lines: QuoteLine[] = parts.byLine.map((entry, lineIndex) => ('pos' in entry ? itemLine(entry) : errorLine(entry, input.lines[lineIndex], catalog)));
  let giftValue = 0;
  for (const g of parts.gifts) {
    const product = catalog.get(g.sku);
    if (!product) continue;
    const value = g.qty * product.listPrice;
    giftValue += value;
    lines.push(giftLine(g, product, value));
  }
  const listTotal = items.reduce((s, i) => s + i.listAmount, 0);
  const payable = items.reduce((s, i) => s + i.running, 0);
  const orderDiscountTotal = items.reduce((s, i) => s + i.orderDiscount, 0);
  return {
    ok: errors.length === 0,
    lines,
    totals: {
      listTotal,
      goodsTotal: items.reduce((s, i) => s + i.goods, 0),
      orderDiscountTotal,
      rebateDeduction: rebateApplied,
      discountTotal: listTotal - payable,
      payable,
      giftValue,
    },
    promotions: [...parts.applied.values()]
      .sort((a, b) => a.rule.rank - b.rule.rank)
      .map((t) => ({ ruleId: t.rule.rule.id, code: t.rule.rule.code, name: t.rule.rule.name, saved: t.saved, times: t.times })),
    almostReached: parts.almost.map(stamp),
    notApplied: parts.notApplied,
    errors,
    rebate: { requested, applied: rebateApplied },
  };
}

function giftLine(g: GiftTally, product: CatalogProduct, value: number): QuoteLine {
  return {
    lineIndex: null,
    kind: 'gift',
    sku: g.sku,
    name: product.name,
    qty: g.qty,
    baseUnit: product.baseUnit,
    orderedQty: g.qty,
    orderedUnit: product.baseUnit,
    listPrice: product.listPrice,
    listAmount: 0,
    unitPrice: 0,
    amount: 0,
    orderDiscount: 0,
    rebateDeduction: 0,
    payable: 0,
    steps: [
      {
        kind: 'promotion',
        code: g.rule.rule.code,
        ruleId: g.rule.rule.id,
        label: g.rule.rule.name,
        unitPriceBefore: product.listPrice,
        unitPriceAfter: 0,
        amountBefore: value,
        amountAfter: 0,
        saved: value,
        note: '赠品',
      },
    ],
    gift: { ruleId: g.rule.rule.id, code: g.rule.rule.code, name: g.rule.rule.name },
    error: null,
  };
}

function itemLine(item: ItemState): QuoteLine {
  const p = item.product;
  return {
    lineIndex: item.lineIndex,
    kind: 'item',
    sku: p.sku,
    name: p.name,
    qty: item.qty,
    baseUnit: p.baseUnit,
    orderedQty: item.orderedQty,
    orderedUnit: item.orderedUnit,
    listPrice: p.listPrice,
    listAmount: item.listAmount,
    unitPrice: averageUnitPrice(item.goods, item.qty),
    amount: item.goods,
    orderDiscount: item.orderDiscount,
    rebateDeduction: item.rebate,
    payable: item.running,
    steps: item.steps,
    gift: null,
    error: null,
  };
}

function errorLine(error: LineError, line: QuoteInput['lines'][number] | undefined, catalog: ReadonlyMap<string, CatalogProduct>): QuoteLine {
  const product = catalog.get(error.sku);
  const orderedQty = line?.qty ?? 0;
  const factor = product ? (unitFactor(product, line?.unit) ?? 1) : 1;
  return {
    lineIndex: error.lineIndex,
    kind: 'item',
    sku: error.sku,
    name: product?.name ?? '',
    qty: orderedQty * factor,
    baseUnit: product?.baseUnit ?? '',
    orderedQty,
    orderedUnit: line?.unit ?? product?.baseUnit ?? '',
    listPrice: product?.listPrice ?? 0,
    listAmount: 0,
    unitPrice: 0,
    amount: 0,
    orderDiscount: 0,
    rebateDeduction: 0,
    payable: 0,
    steps: [],
    gift: null,
    error,
  };
}
