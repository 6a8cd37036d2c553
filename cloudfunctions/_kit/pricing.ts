import type { CollectionName } from '@shared/collections';
import type { DealerDoc, ProductDoc, StockDoc } from '@shared/models';
import type { CatalogProduct, DealerRef, Rule, RuleIndex } from '@shared/pricing';
import { giftSkusFor, indexRules, ruleSchema } from '@shared/pricing';
import { categoryTreeKey, NO_CATEGORIES } from '@shared/category-scope';
import { loadCategoryTree } from './categories';
import type { Db, Stored } from './db';
import { PRICING_VERSION_DOC, readVersions } from './versions';

export { PRICING_VERSION_DOC };

export interface RuleDoc {
  rule: Rule;
  code: string;
  enabled: boolean;
  updatedAt: number;
  updatedBy: string;
}

interface CachedIndex {
  version: number;
  rules: Rule[];
  /** Whether any rule names a category (only then does the index depend on the category tree). */
  byCategory: boolean;
  /** categoryTreeKey of the tree the index was built over ('' when no rule names a category). */
  treeKey: string;
  index: RuleIndex;
}

/**
 * Each function instance keeps the compiled rule index of the pricing version it last saw
 * (see versions.ts: the version is read on every call), built over the category tree it last saw:
 * when any rule names a category, the tree is read on every call too (loadCategoryTree, once per
 * call) and the index is rebuilt when its shape changed, so a rule on a parent category always
 * reaches the products of the categories below it as they are now.
 */
let cached: CachedIndex | null = null;

/** The rule index of `version` (read it with readVersions when the caller needs other versions too). */
export async function loadRuleIndex(db: Db, version?: number): Promise<RuleIndex> {
  if (version === undefined) version = (await readVersions(db)).pricing;
  let rules: Rule[];
  let byCategory: boolean;
  if (cached && cached.version === version) {
    ({ rules, byCategory } = cached);
  } else {
    rules = [];
    for (const d of await db.findAll<RuleDoc>('price_rules', { enabled: true })) {
      // Stored rules were validated on the way in; parse again so a hand-edited bad document is skipped, not fatal.
      const parsed = ruleSchema.safeParse(d.rule);
      if (parsed.success) rules.push(parsed.data);
    }
    byCategory = rules.some((r) => r.products.categoryIds.length > 0);
  }
  const tree = byCategory ? await loadCategoryTree(db) : NO_CATEGORIES;
  const treeKey = byCategory ? categoryTreeKey(tree) : '';
  if (cached && cached.version === version && cached.treeKey === treeKey) return cached.index;
  const index = indexRules(rules, tree);
  cached = { version, rules, byCategory, treeKey, index };
  return index;
}

/** Forget the cached index (tests that rewrite rules behind the version's back). */
export function resetRuleCache(): void {
  cached = null;
}

export function dealerRef(dealer: Stored<DealerDoc>): DealerRef {
  return { id: dealer._id, level: dealer.level, region: dealer.region, parentDealerId: dealer.parentDealerId };
}

export function toCatalogProduct(p: Stored<ProductDoc>): CatalogProduct {
  return {
    _id: p._id,
    sku: p.sku,
    name: p.name,
    categoryId: p.categoryId,
    listPrice: p.listPrice,
    baseUnit: p.baseUnit,
    packUnits: p.packUnits,
    moq: p.moq,
    multiple: p.multiple,
    status: p.status,
    visibility: p.visibility,
  };
}

/** Documents by _id, in chunks the server accepts. */
export async function findByIds<T>(db: Db, coll: CollectionName, ids: readonly string[]): Promise<Array<Stored<T>>> {
  const unique = [...new Set(ids)];
  const out: Array<Stored<T>> = [];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    out.push(...(await db.find<T>(coll, { _id: db.command['in']!(chunk) }, { limit: 1000 })));
  }
  return out;
}

/** The catalog entries a quote of these SKUs needs: the SKUs themselves and any gift SKUs. */
export async function catalogFor(db: Db, index: RuleIndex, skus: readonly string[]): Promise<Array<Stored<ProductDoc>>> {
  const products = await db.find<ProductDoc>('products', { sku: db.command['in']!([...new Set(skus)]) }, { limit: 1000 });
  const gifts = giftSkusFor(index, products).filter((s) => !products.some((p) => p.sku === s));
  if (gifts.length > 0) products.push(...(await db.find<ProductDoc>('products', { sku: db.command['in']!(gifts) }, { limit: 1000 })));
  return products;
}

/** How many times this dealer used each limited promotion (promotion_usage documents). */
/** How often the dealer has used each usage-limited promotion; no read when no promotion is limited. */
export async function usageOf(db: Db, dealerId: string, index: RuleIndex): Promise<Record<string, number>> {
  if (!index.hasUsageLimits) return {};
  const docs = await db.find<{ dealerId: string; ruleId: string; count: number }>('promotion_usage', { dealerId }, { limit: 1000 });
  return Object.fromEntries(docs.map((d) => [d.ruleId, d.count]));
}

/** Available to promise per SKU and warehouse: on hand minus reserved, never below zero. */
export async function stockFor(db: Db, skus: readonly string[]): Promise<Array<Stored<StockDoc> & { available: number }>> {
  const docs = await db.find<StockDoc>('stock', { sku: db.command['in']!([...new Set(skus)]) }, { limit: 1000 });
  return docs.map((d) => ({ ...d, available: Math.max(0, d.onHand - d.reserved) }));
}
