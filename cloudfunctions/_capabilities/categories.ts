import type { CategoryTree } from '@shared/targeting';
import { categoryTreeOf, unknownCategories } from '@shared/targeting';
import { Refusal } from '@shared/envelope';
import type { CategoryDoc } from '@shared/models';
import type { Db, Stored } from '../_kit/db';

/**
 * The category tree a call's rules decide with (shared/targeting/categories.ts: a rule naming a
 * category covers the categories below it). Read once per call — each Db belongs to one
 * invocation — so a call that prices, evaluates approval and checks rebates reads it once, and no
 * instance keeps a tree that another one may have changed.
 */
const perCall = new WeakMap<Db, Promise<Array<Stored<CategoryDoc>>>>();
const treePerCall = new WeakMap<Db, Promise<CategoryTree>>();

/**
 * The category documents, read once per call (as the tree): the catalog shows them and its
 * rule index is built over them, one read for both.
 */
export function loadCategories(db: Db): Promise<Array<Stored<CategoryDoc>>> {
  let docs = perCall.get(db);
  if (!docs) {
    docs = db.findAll('categories', {});
    // A failed read is not remembered: the next use in this call asks again.
    docs.catch(() => {
      perCall.delete(db);
      treePerCall.delete(db);
    });
    perCall.set(db, docs);
  }
  return docs;
}

export function loadCategoryTree(db: Db): Promise<CategoryTree> {
  let tree = treePerCall.get(db);
  if (!tree) {
    tree = loadCategories(db).then((docs) => categoryTreeOf(docs));
    tree.catch(() => undefined);
    treePerCall.set(db, tree);
  }
  return tree;
}

/** Where an admin's input names a category: the field's dotted path and the id there. */
export interface CategoryRef {
  path: string;
  id: string;
}

/** Each category id at its path in a list field, e.g. categoryRefs('rule.products.categoryIds', ['cat-03']). */
export function categoryRefs(path: string, ids: readonly string[]): CategoryRef[] {
  return ids.map((id, i) => ({ path: `${path}.${i}`, id }));
}

/**
 * Refuses an admin change that names a category the catalog does not have — a typo would make a
 * rule that silently matches nothing: INVALID_INPUT with one issue per unknown id at its field
 * (like the router's own validation), or null when every category exists. Nothing is written.
 */
export async function refuseUnknownCategories(db: Db, refs: readonly CategoryRef[]): Promise<Refusal | null> {
  if (refs.length === 0) return null;
  const tree = await loadCategoryTree(db);
  const unknown = new Set(
    unknownCategories(
      tree,
      refs.map((r) => r.id),
    ),
  );
  if (unknown.size === 0) return null;
  const bad = refs.filter((r) => unknown.has(r.id));
  const issues = bad.map((r) => ({ path: r.path, code: 'unknown_category', message: `品类 ${r.id} 不存在` }));
  const ids = [...unknown];
  const shown = ids.slice(0, 5).join('、') + (ids.length > 5 ? ` 等 ${ids.length} 个` : '');
  return new Refusal('INVALID_INPUT', `提交的内容有误，品类不存在：${shown}。请使用 categories 中已有的品类 id（父品类包含其下所有子品类）`, { issues });
}
