import { checkLine } from './check-line';
import type { CompiledRule, RuleIndex } from './index-rules';
import { dealerBuckets, ruleMatchesDealer } from './index-rules';
import type { ItemState } from './line-state';
import { recordStep } from './line-state';
import { priceItem } from './price-stage';
import { applyLinePromotions, applyOrderPromotions } from './promotion-stage';
import { allocate, averageUnitPrice } from './rule-kit';
import type { AlmostDraft, PromoContext } from './rule-kit';
import type { AlmostReached, CatalogProduct, LineError, NotApplied, QuoteInput, QuoteLine, QuoteResult } from './types';
import { unitFactor } from './units';

function stamp(rule: CompiledRule, draft: AlmostDraft): AlmostReached {
  return { ruleId: rule.rule.id, code: rule.rule.code, name: rule.rule.name, ...draft };
}

/**
 * Prices a cart for one dealer at one instant. Pure: the same input and index give the same
 * result; nothing is read but the arguments, nothing they hold is changed. See index.ts for the
 * order of the steps and the rounding and allocation rules.
 */
export function quote(input: QuoteInput, index: RuleIndex): QuoteResult {
  const { dealer, now } = input;
  const requested = input.rebateDeduction ?? 0;
  if (!Number.isSafeInteger(requested) || requested < 0) throw new RangeError(`quote: rebateDeduction must be a non-negative integer of fen, got ${requested}`);
  const usage = input.usage ?? {};

  const catalog = new Map<string, CatalogProduct>();
  for (const p of input.catalog) if (!catalog.has(p.sku)) catalog.set(p.sku, p);
  const ctx: PromoContext = { product: (sku) => catalog.get(sku) };

  // 1. Check every line; only lines without errors are priced.
  const firstIndex = new Map<string, number>();
  input.lines.forEach((l, i) => {
    if (!firstIndex.has(l.sku)) firstIndex.set(l.sku, i);
  });
  const errors: LineError[] = [];
  const items: ItemState[] = [];
  const byLine: Array<ItemState | LineError> = input.lines.map((line, lineIndex) => {
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

  // 2. Collect the rules that apply: only the dealer's buckets, the cart's SKUs and categories.
  const active = (r: CompiledRule) => r.from <= now && now < r.to && ruleMatchesDealer(r, dealer);
  const buckets = dealerBuckets(index, dealer);
  const eligible = new Map<CompiledRule, number[]>();
  const globalPrice: CompiledRule[] = [];
  const globalPromo: CompiledRule[] = [];
  for (const b of buckets) {
    for (const r of b.all) {
      if (!active(r)) continue;
      const list = r.def.kind === 'price' ? globalPrice : globalPromo;
      if (!r.mayRepeat || !list.includes(r)) list.push(r);
    }
  }
  const allPositions = items.map((i) => i.pos);
  for (const r of globalPromo) eligible.set(r, allPositions);
  for (const item of items) {
    const found: CompiledRule[] = [];
    const consider = (list: CompiledRule[] | undefined) => {
      if (!list) return;
      for (const r of list) if (active(r) && (!r.mayRepeat || !found.includes(r))) found.push(r);
    };
    for (const b of buckets) {
      consider(b.bySku.get(item.product.sku));
      consider(b.byCategory.get(item.product.categoryId));
    }
    for (const r of found) {
      if (r.def.kind === 'price') item.priceRules.push(r);
      else {
        const positions = eligible.get(r);
        if (positions) positions.push(item.pos);
        else eligible.set(r, [item.pos]);
      }
    }
    for (const r of globalPrice) item.priceRules.push(r);
  }

  // 3. Promotions this dealer has used up do not apply.
  const notApplied: NotApplied[] = [];
  const linePromos: CompiledRule[] = [];
  const orderPromos: CompiledRule[] = [];
  for (const r of [...eligible.keys()].sort((a, b) => a.rank - b.rank)) {
    if (r.usageLimit !== null && usedTimes(usage, r.rule.id) >= r.usageLimit) {
      notApplied.push({
        ruleId: r.rule.id,
        code: r.rule.code,
        name: r.rule.name,
        reason: 'USAGE_LIMIT_REACHED',
        message: `${r.rule.name} 每个经销商限用 ${r.usageLimit} 次，您已用完`,
      });
    } else (r.def.kind === 'order_promotion' ? orderPromos : linePromos).push(r);
  }

  // 4. list -> price list -> contract -> tier, per line.
  const almostReached: AlmostReached[] = [];
  for (const item of items) {
    recordStep(item, 'list', null, item.listAmount, null, '目录价');
    const hint = priceItem(item);
    if (hint) almostReached.push(stamp(hint.rule, hint.draft));
  }

  // 5. Line promotions by stacking group; 6. order thresholds.
  const promo = applyLinePromotions(items, linePromos, eligible, ctx);
  for (const item of items) item.goods = item.running;
  const orderAlmost = applyOrderPromotions(items, orderPromos, eligible, promo.applied);
  for (const { rule, draft } of [...promo.almost, ...orderAlmost]) almostReached.push(stamp(rule, draft));

  // 7. Rebate deduction: capped at what is payable, split like an order discount.
  const payableBefore = items.reduce((s, i) => s + i.running, 0);
  const rebateApplied = Math.min(requested, payableBefore);
  if (rebateApplied > 0) {
    const parts = allocate(rebateApplied, items.map((i) => i.running));
    items.forEach((item, k) => {
      const part = parts[k] ?? 0;
      if (part === 0) return;
      item.rebate = part;
      recordStep(item, 'rebate', null, item.running - part, null, '返利抵扣');
    });
  }

  // 8. Assemble: cart lines in order, then gifts.
  const lines: QuoteLine[] = byLine.map((entry, lineIndex) => ('pos' in entry ? itemLine(entry) : errorLine(entry, input.lines[lineIndex], catalog)));
  let giftValue = 0;
  for (const g of promo.gifts) {
    const product = catalog.get(g.sku);
    if (!product) continue;
    const value = g.qty * product.listPrice;
    giftValue += value;
    lines.push({
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
    });
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
    promotions: [...promo.applied.values()]
      .sort((a, b) => a.rule.rank - b.rule.rank)
      .map((t) => ({ ruleId: t.rule.rule.id, code: t.rule.rule.code, name: t.rule.rule.name, saved: t.saved, times: t.times })),
    almostReached,
    notApplied,
    errors,
    rebate: { requested, applied: rebateApplied },
  };
}

function usedTimes(usage: Readonly<Record<string, number>>, id: string): number {
  return Object.prototype.hasOwnProperty.call(usage, id) ? (usage[id] ?? 0) : 0;
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
