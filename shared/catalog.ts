import type { CategoryNode } from './contracts/catalog';
import type { CategoryDoc, PackUnit } from './models';

/**
 * Catalog presentation rules shared by the catalog function and the mini-program.
 * Quantities are base units; a quantity is shown in the largest pack unit it divides into.
 */
export function largestUnitLabel(baseQty: number, baseUnit: string, packUnits: readonly PackUnit[]): string {
  const fits = [...packUnits].filter((u) => u.factor > 1 && baseQty % u.factor === 0).sort((a, b) => b.factor - a.factor)[0];
  return fits ? `${baseQty / fits.factor} ${fits.name}` : `${baseQty} ${baseUnit}`;
}

/** Category documents (with _id) as a tree, siblings by `sort` then name. */
export function categoryTree(docs: ReadonlyArray<CategoryDoc & { _id: string }>): CategoryNode[] {
  const byParent = new Map<string | null, Array<CategoryDoc & { _id: string }>>();
  for (const d of docs) byParent.set(d.parentId, [...(byParent.get(d.parentId) ?? []), d]);
  const build = (parent: string | null, depth: number): CategoryNode[] =>
    depth > 5
      ? []
      : (byParent.get(parent) ?? [])
          .slice()
          .sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name))
          .map((d) => ({ id: d._id, name: d.name, parentId: d.parentId, children: build(d._id, depth + 1) }));
  return build(null, 0);
}

/** Escape a buyer's keyword for use inside a regular expression (search is literal). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Opaque, URL-safe pagination cursor over a sort key (the SKU). */
export function encodeCursor(key: string): string {
  return `k.${encodeURIComponent(key)}`;
}

export function decodeCursor(cursor: string): string | null {
  if (!cursor.startsWith('k.')) return null;
  try {
    const key = decodeURIComponent(cursor.slice(2));
    return key.length > 0 && key.length <= 64 ? key : null;
  } catch {
    return null;
  }
}
