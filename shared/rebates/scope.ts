/**
 * 商品范围: which delivered goods a policy counts. Every policy has a `scope`; a product-scope
 * rebate (e.g. 新品 3 %) is any policy with a scope, typically volume_tiers with one tier from 0.
 *
 * A delivered line (SKU, its category) is in scope when it is included — both include lists
 * empty (all products), or its SKU is in includeSkus, or its category is in includeCategories or
 * below one of them — and not excluded: its SKU is not in excludeSkus and its category neither
 * in excludeCategories nor below one of them. Exclusions win over inclusions.
 */
import { inCategoryScope, NO_CATEGORIES, productScopeSchema } from '../targeting';
import type { CategoryTree, ProductScope } from '../targeting';
import { ZERO } from './facts';
import type { DeliveryAggregate, Totals } from './facts';

/** The schema and the per-product reading (inProductScope) are shared/targeting's; this file sums aggregates by them. */
export const scopeSchema = productScopeSchema;
export type Scope = ProductScope;

export function isAllProducts(scope: Scope): boolean {
  return scope.includeSkus.length + scope.includeCategories.length + scope.excludeSkus.length + scope.excludeCategories.length === 0;
}

/**
 * The in-scope net totals of an aggregate. No scope: the total (O(1)). Only categories: the
 * aggregate's category cells (O(the dealer's categories in the period)). SKUs listed: the SKU
 * cells (O(the dealer's SKUs in the period)), each split by category so exclusions by category
 * are exact.
 *
 * A category named in the scope covers the categories below it (targeting/categories.ts): aggregates
 * keep each delivery under its product's own (leaf) category, so `categories` — the catalog's
 * tree, RebateFacts.categories — says which cells fall under 包装饮用水. Without a tree a
 * category covers only itself.
 */
export function scopedTotals(agg: DeliveryAggregate, scope: Scope, categories: CategoryTree = NO_CATEGORIES): Totals {
  return compileScope(scope)(agg, categories);
}

/** How a scope's category lists read one stored category: excluded, included, or neither. */
type CategoryVerdict = 'out' | 'in' | 'none';

/**
 * scopedTotals with the scope's lists resolved once (settlement runs it per dealer); each
 * category's verdict is remembered per tree. Each call returns a fresh Totals.
 */
export function compileScope(scope: Scope): (agg: DeliveryAggregate, categories?: CategoryTree) => Totals {
  if (isAllProducts(scope)) return (agg) => ({ amount: agg.total.amount, qty: agg.total.qty });
  const includedCats = new Set(scope.includeCategories);
  const excludedCats = new Set(scope.excludeCategories);
  const verdicts = new WeakMap<CategoryTree, Map<string, CategoryVerdict>>();
  const verdictsFor = (tree: CategoryTree) => {
    let m = verdicts.get(tree);
    if (!m) verdicts.set(tree, (m = new Map()));
    return m;
  };
  const verdict = (memo: Map<string, CategoryVerdict>, tree: CategoryTree, c: string): CategoryVerdict => {
    let v = memo.get(c);
    if (v === undefined) {
      v = inCategoryScope(tree, c, excludedCats) ? 'out' : inCategoryScope(tree, c, includedCats) ? 'in' : 'none';
      memo.set(c, v);
    }
    return v;
  };
  if (scope.includeSkus.length === 0 && scope.excludeSkus.length === 0) {
    // Only categories: included ones (or, with no include list, every one not excluded).
    const includeAll = includedCats.size === 0;
    return (agg, tree = NO_CATEGORIES) => {
      const memo = verdictsFor(tree);
      let amount = 0;
      let qty = 0;
      const by = agg.byCategory;
      for (const c of Object.keys(by)) {
        const v = verdict(memo, tree, c);
        if (v === 'out' || (v === 'none' && !includeAll)) continue;
        const t = by[c] ?? ZERO;
        amount += t.amount;
        qty += t.qty;
      }
      return { amount, qty };
    };
  }
  const includeAll = scope.includeSkus.length === 0 && scope.includeCategories.length === 0;
  const includedSkus = new Set(scope.includeSkus);
  const excludedSkus = new Set(scope.excludeSkus);
  return (agg, tree = NO_CATEGORIES) => {
    const memo = verdictsFor(tree);
    let amount = 0;
    let qty = 0;
    for (const [sku, cell] of Object.entries(agg.bySku)) {
      if (excludedSkus.has(sku)) continue;
      for (const [c, t] of Object.entries(cell.categories)) {
        const v = verdict(memo, tree, c);
        if (v === 'out') continue;
        if (!(includeAll || includedSkus.has(sku) || v === 'in')) continue;
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
