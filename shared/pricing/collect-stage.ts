import type { CompiledRule, RuleIndex } from './index-rules';
import { dealerBuckets } from './index-rules';
import type { ItemState } from './line-state';
import type { DealerRef } from './types';

/** Whether the rule is valid at `now`; most rules have no window, so that is checked first (no number read). */
function validAt(r: CompiledRule, now: number): boolean {
  return r.alwaysValid || (r.from <= now && now < r.to);
}

/** Adds the rules of `list` valid at `now` to `found`, a rule filed under two keys the line hits only once. */
function addValid(found: CompiledRule[], list: readonly CompiledRule[] | undefined, now: number): void {
  if (!list) return;
  for (const r of list) if (validAt(r, now) && (!r.mayRepeat || !found.includes(r))) found.push(r);
}

/**
 * 2. Collects the rules that apply: only the dealer's buckets, the cart's SKUs and categories are
 * read, so the cost follows the cart, not the rule count. A dealer's buckets hold exactly the
 * rules targeting it (shared/targeting's dealer keys; a property test holds the index to
 * matchesDealer both ways), so only the validity window is checked here. Price rules go onto
 * each item's `priceRules` (specific ones first, then those for all products); the returned map
 * gives each promotion the positions of the items it may touch (all items for a promotion on
 * every product).
 */
export function collectRules(index: RuleIndex, dealer: DealerRef, now: number, items: readonly ItemState[]): Map<CompiledRule, number[]> {
  const buckets = dealerBuckets(index, dealer, now);
  const eligible = new Map<CompiledRule, number[]>();
  const globalPrice: CompiledRule[] = [];
  const globalPromo: CompiledRule[] = [];
  for (const b of buckets) {
    for (const r of b.all) {
      if (!validAt(r, now)) continue;
      const list = r.def.kind === 'price' ? globalPrice : globalPromo;
      if (!r.mayRepeat || !list.includes(r)) list.push(r);
    }
  }
  const allPositions = items.map((i) => i.pos);
  for (const r of globalPromo) eligible.set(r, allPositions);
  // Only the maps that hold rules are asked about each line (in bucket order, SKU before category):
  // most of a dealer's buckets file one kind (a dealer's contract prices by SKU, promotions by category).
  const maps: Array<ReadonlyMap<string, CompiledRule[]>> = [];
  const bySku: boolean[] = [];
  for (const b of buckets) {
    if (b.bySku.size > 0) {
      maps.push(b.bySku);
      bySku.push(true);
    }
    if (b.byCategory.size > 0) {
      maps.push(b.byCategory);
      bySku.push(false);
    }
  }
  const found: CompiledRule[] = [];
  for (const item of items) {
    found.length = 0;
    for (let m = 0; m < maps.length; m++)
      addValid(found, (maps[m] as ReadonlyMap<string, CompiledRule[]>).get(bySku[m] ? item.product.sku : item.product.categoryId), now);
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
