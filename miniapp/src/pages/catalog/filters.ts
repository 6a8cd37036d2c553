/**
 * The catalog's filters and the catalog.list input they make. No React here: the launch script
 * (launch.inline.ts, inlined in index.html) builds the first page's input from it too.
 */
export interface Filters {
  categoryId: string | null;
  keyword: string;
  inStock: boolean;
}

export const NO_FILTERS: Filters = { categoryId: null, keyword: '', inStock: false };

/** Items per catalog.list call (the server allows up to 50). */
const PAGE_SIZE = 20;

/** catalog.list's input for these filters (and a page's cursor). */
export function listInput(f: Filters, cursor?: string) {
  const keyword = f.keyword.trim().slice(0, 40);
  return {
    limit: PAGE_SIZE,
    ...(f.categoryId ? { categoryId: f.categoryId } : {}),
    ...(keyword ? { keyword } : {}),
    ...(f.inStock ? { inStock: true } : {}),
    ...(cursor ? { cursor } : {}),
  };
}
