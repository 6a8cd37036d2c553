import { categoryTree, decodeCursor, encodeCursor, escapeRegExp } from '@shared/catalog';
import { categoryTreeOf, coveredCategories } from '@shared/category-scope';
import { contracts } from '@shared/contracts';
import type { CatalogListOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { CategoryDoc, ProductDoc } from '@shared/models';
import { isVisibleTo } from '@shared/pricing';
import type { Db, Stored } from '../../../_kit/db';
import { callerDealer } from '../../../_kit/caller';
import { dealerRef, stockFor, toCatalogProduct } from '../../../_capabilities/catalog';
import { loadRuleIndex } from '../../../_capabilities/price-rules';
import { defineAction } from '../../../_kit/router';
import { priceItems } from '../present';

const PAGE = 20;
/** How many raw pages one call may read to fill a page after visibility and stock filters. */
const MAX_SCANS = 5;

/**
 * The dealer's catalog, by SKU. Visibility (level / region / dealer) and the in-stock filter
 * are applied after the query, so one call reads ahead in batches until the page is full.
 */
export const list = defineAction(contracts.catalog.list, ['dealer', 'clerk'], async (input, ctx): Promise<CatalogListOutput | Refusal> => {
  const { db, now } = ctx;
  const _ = db.command;
  const limit = input.limit ?? PAGE;
  const after0 = input.cursor === undefined ? '' : decodeCursor(input.cursor);

  // Round trips are what a dealer waits for in CloudBase: the dealer, the categories, the rule
  // index (its version, and the tree when a rule names a category) and, unless a category filter
  // needs the tree first, the first batch of products are read at once.
  const firstBatch = (base: Record<string, unknown>, keyword: unknown, after: string) => db.find<ProductDoc>('products', whereAfter(_, base, keyword, after), { orderBy: [['sku', 'asc']], limit: Math.max(limit * 2, 40) });
  const keyword = input.keyword ? db.regExp(escapeRegExp(input.keyword)) : null;
  const unfiltered = { status: 'on_sale' };
  // Needed only to price the page: read alongside the products and their stock, awaited at the end.
  const indexRead = loadRuleIndex(db);
  indexRead.catch(() => undefined);
  const [dealer, categories, early] = await Promise.all([
    callerDealer(ctx),
    db.find<CategoryDoc>('categories', {}, { limit: 1000 }),
    after0 !== null && !input.categoryId ? firstBatch(unfiltered, keyword, after0) : null,
  ]);
  if (dealer instanceof Refusal) return dealer;
  if (after0 === null) return new Refusal('INVALID_INPUT', '分页标记无效，请下拉刷新后重试');
  let after = after0;
  const ref = dealerRef(dealer);
  const tree = categoryTree(categories);
  const base: Record<string, unknown> = { ...unfiltered };
  // A category shows its own products and those of every category below it (the same reading as the rules').
  if (input.categoryId) base['categoryId'] = _['in']!(coveredCategories(categoryTreeOf(categories), [input.categoryId]));

  const picked: Array<Stored<ProductDoc>> = [];
  const available = new Map<string, number>();
  let exhausted = false;
  for (let scan = 0; scan < MAX_SCANS && picked.length < limit; scan++) {
    const batch = scan === 0 && early ? early : await firstBatch(base, keyword, after);
    if (batch.length === 0) {
      exhausted = true;
      break;
    }
    const visible = batch.filter((p) => isVisibleTo(p, ref));
    const stock = await stockFor(db, visible.map((p) => p.sku));
    for (const s of stock) available.set(s.sku, (available.get(s.sku) ?? 0) + s.available);
    for (const p of batch) {
      after = p.sku;
      if (!isVisibleTo(p, ref)) continue;
      if (input.inStock && (available.get(p.sku) ?? 0) <= 0) continue;
      picked.push(p);
      if (picked.length === limit) break;
    }
    if (batch.length < Math.max(limit * 2, 40) && picked.length < limit) {
      exhausted = true;
      break;
    }
  }

  const catalog = picked.map(toCatalogProduct);
  const index = await indexRead;
  const items = priceItems(index, ref, picked, catalog, available, now);
  const last = picked[picked.length - 1];
  // A full page continues after its last item; a short page continues after what was scanned, unless nothing is left.
  const nextCursor = last && picked.length === limit ? encodeCursor(last.sku) : exhausted ? null : encodeCursor(after);
  return { items, nextCursor, categories: input.cursor === undefined ? tree : null };
});

/** On-sale products after `sku` in SKU order, matching the filter and the keyword. */
function whereAfter(_: Db['command'], base: Record<string, unknown>, keyword: unknown, sku: string): Record<string, unknown> {
  const conds: object[] = [{ ...base, sku: _['gt']!(sku) }];
  if (keyword) conds.push(_['or']!([{ name: keyword }, { sku: keyword }, { spec: keyword }]) as object);
  return conds.length === 1 ? (conds[0] as Record<string, unknown>) : (_['and']!(conds) as Record<string, unknown>);
}
