import type { CompiledRule, RuleIndex } from './index-rules';
import { dealerBuckets, ruleMatchesDealer } from './index-rules';
import type { ItemState } from './line-state';
import type { DealerRef } from './types';

/**
 * 2. Collects the rules that apply: only the dealer's buckets, the cart's SKUs and categories are
 * read, so the cost follows the cart, not the rule count. Price rules go onto each item's
 * `priceRules` (specific ones first, then those for all products); the returned map gives each
 * promotion the positions of the items it may touch (all items for a promotion on every product).
 */
export function collectRules(index: RuleIndex, dealer: DealerRef, now: number, items: readonly ItemState[]): Map<CompiledRule, number[]> {
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
  return eligible;
}
