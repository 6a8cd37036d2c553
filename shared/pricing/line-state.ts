import type { CompiledRule } from './index-rules';
import { averageUnitPrice } from './rule-kit';
import type { PricingLine, PromoLine } from './rule-kit';
import type { CatalogProduct, PriceStep, StepKind } from './types';

/** A cart line that passed its checks, as it moves through the pipeline (engine-internal, mutable within one quote). */
export interface ItemState {
  /** Position among the priced lines (what Application.lines[].index refers to). */
  pos: number;
  lineIndex: number;
  product: CatalogProduct;
  /** Base units. */
  qty: number;
  factor: number;
  orderedUnit: string;
  orderedQty: number;
  listAmount: number;
  /** The line's amount right now, fen. */
  running: number;
  /** Amount after the line-level rules (set when the promotion stage ends). */
  goods: number;
  orderDiscount: number;
  rebate: number;
  steps: PriceStep[];
  priceRules: CompiledRule[];
}

export function pricingLine(item: ItemState): PricingLine {
  const p = item.product;
  return {
    sku: p.sku,
    categoryId: p.categoryId,
    qty: item.qty,
    listPrice: p.listPrice,
    unitPrice: averageUnitPrice(item.running, item.qty),
    amount: item.running,
    orderedUnit: item.orderedUnit,
    factor: item.factor,
    baseUnit: p.baseUnit,
  };
}

export function promoLine(item: ItemState): PromoLine {
  return { index: item.pos, name: item.product.name, ...pricingLine(item) };
}

/**
 * Views of the lines as they are now, built at most once per line and per set of positions
 * (rules for all products share one positions array, so they share one view list).
 */
export function viewCache(items: readonly ItemState[]): (positions: readonly number[]) => PromoLine[] {
  const views: Array<PromoLine | undefined> = [];
  const lists = new Map<readonly number[], PromoLine[]>();
  return (positions) => {
    let list = lists.get(positions);
    if (!list) {
      list = positions.map((pos) => views[pos] ?? (views[pos] = promoLine(items[pos] as ItemState)));
      lists.set(positions, list);
    }
    return list;
  };
}

/** Moves the line to `after` fen and records why. A negative amount here is a bug, not a business outcome. */
export function recordStep(item: ItemState, kind: StepKind, rule: CompiledRule | null, after: number, note: string | null, label?: string): void {
  if (!Number.isSafeInteger(after) || after < 0) throw new Error(`pricing: line ${item.product.sku} would cost ${after} fen`);
  const before = item.running;
  item.steps.push({
    kind,
    code: rule ? rule.rule.code : kind === 'rebate' ? 'rebate_deduction' : 'list_price',
    ruleId: rule ? rule.rule.id : null,
    label: label ?? (rule ? rule.rule.name : ''),
    unitPriceBefore: averageUnitPrice(before, item.qty),
    unitPriceAfter: averageUnitPrice(after, item.qty),
    amountBefore: before,
    amountAfter: after,
    saved: before - after,
    note,
  });
  item.running = after;
}
