import type { Rule, RuleIndex } from '@shared/pricing';
import { indexRules, ruleSchema } from '@shared/pricing';
import { categoryTreeKey, NO_CATEGORIES } from '@shared/targeting';
import type { Db } from '../_kit/db';
import { readVersions } from '../_kit/versions';
import { loadCategoryTree } from './categories';

/**
 * The price rules as every function that prices reads them (catalog, pricing, orders; admin
 * writes them and bumps the version): one compiled index per instance and pricing version.
 */

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
    for (const d of await db.findAll('price_rules', { enabled: true })) {
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

/** How often the dealer has used each usage-limited promotion; no read when no promotion is limited. */
export async function usageOf(db: Db, dealerId: string, index: RuleIndex): Promise<Record<string, number>> {
  if (!index.hasUsageLimits) return {};
  const docs = await db.find('promotion_usage', { dealerId }, { limit: 1000 });
  return Object.fromEntries(docs.map((d) => [d.ruleId, d.count]));
}
