/**
 * 商品范围: which delivered goods a policy counts. Every policy has a `scope`; a product-scope
 * rebate (e.g. 新品 3 %) is any policy with a scope, typically volume_tiers with one tier from 0.
 *
 * A delivered line (SKU, its category) is in scope when it is included — both include lists
 * empty (all products), or its SKU is in includeSkus, or its category in includeCategories —
 * and not excluded: its SKU is not in excludeSkus and its category not in excludeCategories.
 * Exclusions win over inclusions.
 */
import { z } from 'zod';
import { ZERO } from './facts';
import type { DeliveryAggregate, Totals } from './facts';

const ids = (max: number) => z.array(z.string().min(1).max(64)).max(max).default([]);

export const scopeSchema = z
  .strictObject({
    includeSkus: ids(5000),
    includeCategories: ids(500),
    excludeSkus: ids(5000),
    excludeCategories: ids(500),
  })
  .default({ includeSkus: [], includeCategories: [], excludeSkus: [], excludeCategories: [] });

export type Scope = z.output<typeof scopeSchema>;

export function isAllProducts(scope: Scope): boolean {
  return scope.includeSkus.length + scope.includeCategories.length + scope.excludeSkus.length + scope.excludeCategories.length === 0;
}

/**
 * The in-scope net totals of an aggregate. No scope: the total (O(1)). Only categories: the
 * category cells (O(listed categories)). SKUs listed: the SKU cells (O(the dealer's SKUs in the
 * period)), each split by category so exclusions by category are exact.
 */
export function scopedTotals(agg: DeliveryAggregate, scope: Scope): Totals {
  return compileScope(scope)(agg);
}

/** scopedTotals with the scope's lists resolved once (settlement runs it per dealer). Each call returns a fresh Totals. */
export function compileScope(scope: Scope): (agg: DeliveryAggregate) => Totals {
  if (isAllProducts(scope)) return (agg) => ({ amount: agg.total.amount, qty: agg.total.qty });
  const excludedCats = new Set(scope.excludeCategories);
  if (scope.includeSkus.length === 0 && scope.excludeSkus.length === 0) {
    if (scope.includeCategories.length > 0) {
      const cats = [...new Set(scope.includeCategories)].filter((c) => !excludedCats.has(c));
      return (agg) => {
        let amount = 0;
        let qty = 0;
        const by = agg.byCategory;
        for (let i = 0; i < cats.length; i++) {
          const t = by[cats[i] as string];
          if (t === undefined) continue;
          amount += t.amount;
          qty += t.qty;
        }
        return { amount, qty };
      };
    }
    return (agg) => {
      let amount = 0;
      let qty = 0;
      for (const c of Object.keys(agg.byCategory)) {
        if (excludedCats.has(c)) continue;
        const t = agg.byCategory[c] ?? ZERO;
        amount += t.amount;
        qty += t.qty;
      }
      return { amount, qty };
    };
  }
  const includeAll = scope.includeSkus.length === 0 && scope.includeCategories.length === 0;
  const includedSkus = new Set(scope.includeSkus);
  const includedCats = new Set(scope.includeCategories);
  const excludedSkus = new Set(scope.excludeSkus);
  return (agg) => {
    let amount = 0;
    let qty = 0;
    for (const [sku, cell] of Object.entries(agg.bySku)) {
      if (excludedSkus.has(sku)) continue;
      for (const [c, t] of Object.entries(cell.categories)) {
        if (excludedCats.has(c)) continue;
        if (!(includeAll || includedSkus.has(sku) || includedCats.has(c))) continue;
        amount += t.amount;
        qty += t.qty;
      }
    }
    return { amount, qty };
  };
}

/** The scope in words for the trace: '全部商品', '品类 cat-tea；不含 SKU TEA-9'. */
export function describeScope(scope: Scope): string {
  if (isAllProducts(scope)) return '全部商品';
  const list = (xs: readonly string[]) => (xs.length > 5 ? `${xs.slice(0, 5).join('、')} 等 ${xs.length} 个` : xs.join('、'));
  const inc: string[] = [];
  if (scope.includeCategories.length > 0) inc.push(`品类 ${list(scope.includeCategories)}`);
  if (scope.includeSkus.length > 0) inc.push(`SKU ${list(scope.includeSkus)}`);
  const exc: string[] = [];
  if (scope.excludeCategories.length > 0) exc.push(`品类 ${list(scope.excludeCategories)}`);
  if (scope.excludeSkus.length > 0) exc.push(`SKU ${list(scope.excludeSkus)}`);
  const head = inc.length > 0 ? inc.join('、') : '全部商品';
  return exc.length > 0 ? `${head}；不含 ${exc.join('、')}` : head;
}
