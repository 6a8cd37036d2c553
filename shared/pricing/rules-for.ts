import type { CompiledRule, RuleIndex } from './index-rules';
import { dealerBuckets, ruleMatchesDealer } from './index-rules';
import type { DealerRef } from './types';

/**
 * The enabled rules that target this dealer and this product and are valid at `now`, best
 * first (the engine's rank). Used to explain a product page (tier table, promotions on offer),
 * never to price: pricing is quote()'s alone.
 */
export function rulesForProduct(index: RuleIndex, dealer: DealerRef, product: { sku: string; categoryId: string }, now: number): CompiledRule[] {
  const seen = new Set<string>();
  const out: CompiledRule[] = [];
  for (const bucket of dealerBuckets(index, dealer, now)) {
    const lists = [bucket.bySku.get(product.sku) ?? [], bucket.byCategory.get(product.categoryId) ?? [], bucket.all];
    for (const list of lists) {
      for (const r of list) {
        if (seen.has(r.rule.id) || now < r.from || now >= r.to || !ruleMatchesDealer(r, dealer)) continue;
        seen.add(r.rule.id);
        out.push(r);
      }
    }
  }
  return out.sort((a, b) => a.rank - b.rank);
}
