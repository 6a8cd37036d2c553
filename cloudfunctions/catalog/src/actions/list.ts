import { categoryTree, decodeCursor, encodeCursor, escapeRegExp } from '@shared/catalog';
import { categoryTreeOf, coveredCategories } from '@shared/targeting';
import { contracts } from '@shared/contracts';
import type { CatalogListOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { DealerDoc, ProductDoc } from '@shared/models';
import type { DealerRef } from '@shared/pricing';
import { isVisibleTo } from '@shared/pricing';
import type { Db, Stored } from '../../../_kit/db';
import { dealerFor } from '../../../_capabilities/proxy-dealer';
import { dealerRef, stockFor, toCatalogProduct } from '../../../_capabilities/catalog';
import { loadRuleIndex } from '../../../_capabilities/price-rules';
import { loadCategories } from '../../../_capabilities/categories';
import { applyImageUrls, imageUrls } from '../../../_capabilities/product-images';
import type { AuthedCaller, HandlerContext } from '../../../_kit/router';
import { defineAction } from '../../../_kit/router';
import { supplierReader, tierOfferOf } from '../../../_capabilities/tier-supply';
import { priceItems, tierPriceItems } from '../present';

const PAGE = 20;
/** How many raw pages one call may read to fill a page after visibility and stock filters. */
const MAX_SCANS = 5;

/** What the first round of reads gave: the dealer, the category tree and, when it could go out then, the first batch. */
interface Start {
  ref: DealerRef;
  /** 二级分销: the first-tier the dealer orders through (its prices and stock are shown), or null (the brand's). */
  supplier: Stored<DealerDoc> | null;
  tree: ReturnType<typeof categoryTree>;
  base: Record<string, unknown>;
  early: Array<Stored<ProductDoc>> | null;
}

/** One page after the filters, the stock read for it, its pictures' links, and where the scan stopped. */
interface Page {
  picked: Array<Stored<ProductDoc>>;
  available: Map<string, number>;
  /** A second-tier dealer's: its first-tier's prices of the SKUs read (null for the brand's catalog). */
  prices: Map<string, number> | null;
  images: Map<string, string>;
  after: string;
  exhausted: boolean;
}

/**
 * The dealer's catalog, by SKU. Visibility (level / region / dealer) and the in-stock filter
 * are applied after the query, so one call reads ahead in batches until the page is full.
 */
export const list = defineAction(contracts.catalog.list, ['dealer', 'clerk', 'manager', 'admin'], async (input, ctx): Promise<CatalogListOutput | Refusal> => {
  const limit = input.limit ?? PAGE;
  const after = input.cursor === undefined ? '' : decodeCursor(input.cursor);
  const keyword = input.keyword ? ctx.db.regExp(escapeRegExp(input.keyword)) : null;
  // Needed only to price the page: read alongside the products and their stock, awaited at the end.
  const indexRead = loadRuleIndex(ctx.db);
  indexRead.catch(() => undefined);
  const start = await readStart(ctx, input, keyword, after, limit);
  if (start instanceof Refusal) return start;
  if (after === null) return new Refusal('INVALID_INPUT', '分页标记无效，请下拉刷新后重试');
  const page = await fillPage(ctx.db, start, keyword, after, limit, input.inStock ?? false);
  const catalog = page.picked.map(toCatalogProduct);
  const priced = page.prices
    ? tierPriceItems(start.ref, page.picked, catalog, page.prices, page.available)
    : priceItems(await indexRead, start.ref, page.picked, catalog, page.available, ctx.now);
  const items = applyImageUrls(priced, page.images);
  const last = page.picked[page.picked.length - 1];
  // A full page continues after its last item; a short page continues after what was scanned, unless nothing is left.
  const nextCursor = last && page.picked.length === limit ? encodeCursor(last.sku) : page.exhausted ? null : encodeCursor(page.after);
  return { items, nextCursor, categories: input.cursor === undefined ? start.tree : null };
});

const batchSize = (limit: number) => Math.max(limit * 2, 40);

function batchAfter(db: Db, base: Record<string, unknown>, keyword: unknown, after: string, limit: number): Promise<Array<Stored<ProductDoc>>> {
  return db.find('products', whereAfter(db.command, base, keyword, after), { orderBy: [['sku', 'asc']], limit: batchSize(limit) });
}

/**
 * Round trips are what a dealer waits for in CloudBase: the dealer, the categories and, unless a
 * category filter needs the tree first, the first batch of products are read at once.
 */
async function readStart(
  ctx: HandlerContext<AuthedCaller>,
  { categoryId, forDealerId }: { categoryId?: string | undefined; forDealerId?: string | undefined },
  keyword: unknown,
  after: string | null,
  limit: number,
): Promise<Start | Refusal> {
  const { db } = ctx;
  const unfiltered = { status: 'on_sale' };
  // 代客下单 shows the brand's catalog (a proxy order goes to the brand); a dealer's own, its first-tier's when it orders through one.
  const parentOf = forDealerId === undefined ? supplierReader(db, ctx.caller.dealerId ?? undefined) : null;
  const [dealer, categories, early] = await Promise.all([
    // The caller's dealer, or the one a manager orders for (代客下单): the same catalog either way.
    dealerFor(ctx, forDealerId),
    // The rule index reads the tree too (when a rule names a category): one read for both, per call.
    loadCategories(db),
    after !== null && !categoryId ? batchAfter(db, unfiltered, keyword, after, limit) : null,
  ]);
  if (dealer instanceof Refusal) return dealer;
  const supplier = parentOf ? await parentOf(dealer) : null;
  const base: Record<string, unknown> = { ...unfiltered };
  // A category shows its own products and those of every category below it (the same reading as the rules').
  if (categoryId) base['categoryId'] = db.command['in']!(coveredCategories(categoryTreeOf(categories), [categoryId]));
  const start = { ref: dealerRef(dealer), supplier, tree: categoryTree(categories), base, early };
  if (!supplier) return start;
  // A second-tier dealer is shown only what its first-tier priced (docs/two-tier.md): the scan runs over those SKUs alone.
  const priced = await db.findAll('tier_prices', { dealerId: supplier._id });
  if (priced.length > 0) base['sku'] = db.command['in']!(priced.map((p) => p.sku));
  return { ...start, early: priced.length === 0 ? [] : null };
}

/** Read batches after `after` until the page is full, the products run out, or MAX_SCANS batches were read. */
async function fillPage(db: Db, start: Start, keyword: unknown, after: string, limit: number, inStock: boolean): Promise<Page> {
  const page: Page = { picked: [], available: new Map(), prices: start.supplier ? new Map() : null, images: new Map(), after, exhausted: false };
  for (let scan = 0; scan < MAX_SCANS && page.picked.length < limit; scan++) {
    const batch = scan === 0 && start.early ? start.early : await batchAfter(db, start.base, keyword, page.after, limit);
    if (batch.length === 0) return { ...page, exhausted: true };
    // The page is picked from the visible ones, so their pictures' links are asked for beside their
    // stock: in CloudBase getTempFileURL is a network hop, one round fewer in sequence than after.
    const visible = batch.filter((p) => isVisibleTo(p, start.ref));
    const [, urls] = await Promise.all([
      readOffer(
        db,
        start.supplier,
        visible.map((p) => p.sku),
        page,
      ),
      imageUrls(visible.map((p) => p.image)),
    ]);
    for (const [id, url] of urls) page.images.set(id, url);
    for (const p of batch) {
      page.after = p.sku;
      if (!isVisibleTo(p, start.ref)) continue;
      // A second-tier dealer cannot order what its first-tier has not priced: left out (docs/two-tier.md).
      if (page.prices && !page.prices.has(p.sku)) continue;
      if (inStock && (page.available.get(p.sku) ?? 0) <= 0) continue;
      page.picked.push(p);
      if (page.picked.length === limit) break;
    }
    if (batch.length < batchSize(limit) && page.picked.length < limit) return { ...page, exhausted: true };
  }
  return page;
}

/**
 * Stock available to promise of these SKUs into the page: the brand's warehouses summed, or — for a
 * second-tier dealer — its first-tier's own free stock and its prices (read together, one round).
 */
async function readOffer(db: Db, supplier: Stored<DealerDoc> | null, skus: string[], page: Page): Promise<void> {
  if (supplier) {
    const offer = await tierOfferOf(db, supplier._id, skus);
    for (const [sku, n] of offer.available) page.available.set(sku, n);
    for (const [sku, price] of offer.prices) page.prices?.set(sku, price);
    return;
  }
  for (const s of await stockFor(db, skus)) page.available.set(s.sku, (page.available.get(s.sku) ?? 0) + s.available);
}

/** On-sale products after `sku` in SKU order, matching the filter and the keyword. */
function whereAfter(_: Db['command'], base: Record<string, unknown>, keyword: unknown, sku: string): Record<string, unknown> {
  // A SKU filter of the base (a second-tier dealer's priced SKUs) goes beside the cursor's.
  const { sku: only, ...rest } = base;
  const conds: object[] = [{ ...rest, sku: _['gt']!(sku) }];
  if (only !== undefined) conds.push({ sku: only });
  if (keyword) conds.push(_['or']!([{ name: keyword }, { sku: keyword }, { spec: keyword }]) as object);
  return conds.length === 1 ? (conds[0] as Record<string, unknown>) : (_['and']!(conds) as Record<string, unknown>);
}
