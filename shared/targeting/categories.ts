/**
 * 品类范围 (category scope): a rule that names a category covers that category and every
 * category below it — in price rules and promotions, rebate scopes, approval rules, the catalog
 * filter. Products sit in leaf categories (果蔬汁 › NFC果汁), so 果蔬汁 95 折 must reach an NFC
 * juice. This file is the one place that decides it: every module asks `scopeCategoryOf` (or
 * `inCategoryScope`, `coveredCategories`, built on it).
 *
 * The tree reaches the rules as data: the handler loads the `categories` collection into a
 * CategoryTree (categoryTreeOf) and passes it with the facts; the rules never read it themselves.
 * A category the tree does not know covers only itself (a product of a category that has since
 * been deleted still matches a rule naming that exact id).
 */

/** One category as the rules need it. */
export interface CategoryEntry {
  /** The parent category's id, null at the top. */
  parentId: string | null;
  /** What people read, e.g. 果蔬汁. */
  name: string;
}

/** Every category by id. */
export type CategoryTree = ReadonlyMap<string, CategoryEntry>;

/** A tree that knows no category: each category covers only itself. */
export const NO_CATEGORIES: CategoryTree = new Map();

/**
 * How many ancestors are followed at most. The catalog has 2 levels and shows at most 6; a longer
 * chain (or a cycle written by hand) stops here instead of looping.
 */
const MAX_DEPTH = 16;

/** The tree of category documents as stored (`_id`, `parentId`, `name`). */
export function categoryTreeOf(docs: ReadonlyArray<{ _id: string; parentId?: string | null; name?: string }>): CategoryTree {
  const tree = new Map<string, CategoryEntry>();
  for (const d of docs) tree.set(d._id, { parentId: d.parentId ?? null, name: d.name ?? d._id });
  return tree;
}

/** The category and its ancestors, nearest first: ['cat-0301', 'cat-03']. Unknown id: [id]. */
export function categoryLineage(tree: CategoryTree, categoryId: string): string[] {
  const out = [categoryId];
  let parent = tree.get(categoryId)?.parentId ?? null;
  while (parent !== null && out.length <= MAX_DEPTH && !out.includes(parent)) {
    out.push(parent);
    parent = tree.get(parent)?.parentId ?? null;
  }
  return out;
}

/**
 * THE rule: the category of `scope` that covers `categoryId` — the category itself or its
 * nearest ancestor that the scope names — or null when the scope covers it not at all.
 */
export function scopeCategoryOf(tree: CategoryTree, categoryId: string, scope: ReadonlySet<string>): string | null {
  if (scope.size === 0) return null;
  for (const c of categoryLineage(tree, categoryId)) if (scope.has(c)) return c;
  return null;
}

/** Whether a scope naming these categories covers `categoryId` (itself or an ancestor named). */
export function inCategoryScope(tree: CategoryTree, categoryId: string, scope: ReadonlySet<string>): boolean {
  return scopeCategoryOf(tree, categoryId, scope) !== null;
}

/**
 * Every category a scope of these ids covers: the ids themselves and each category of the tree
 * below one of them, sorted (what an index or a database `in` query is keyed by).
 */
export function coveredCategories(tree: CategoryTree, ids: readonly string[]): string[] {
  if (ids.length === 0) return [];
  const scope = new Set(ids);
  const out = new Set(ids);
  for (const c of tree.keys()) if (!out.has(c) && inCategoryScope(tree, c, scope)) out.add(c);
  return [...out].sort();
}

/** A category's name, or its id when the tree does not know it. */
export function categoryName(tree: CategoryTree, categoryId: string): string {
  return tree.get(categoryId)?.name ?? categoryId;
}

/** The ids the tree does not know, each once, in the order given (an admin action refuses them). */
export function unknownCategories(tree: CategoryTree, ids: readonly string[]): string[] {
  return [...new Set(ids)].filter((id) => !tree.has(id));
}

/**
 * A fingerprint of the tree's shape (ids and parents), for caches built over it: equal trees give
 * equal keys. Names are left out — no rule decides by a name.
 */
export function categoryTreeKey(tree: CategoryTree): string {
  return [...tree.entries()]
    .map(([id, e]) => `${id}>${e.parentId ?? ''}`)
    .sort()
    .join('|');
}
