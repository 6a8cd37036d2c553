import type { z } from 'zod';
import type { productsQuery } from '@shared/openapi/operations';
import type { ProductDoc } from '@shared/models';
import type { ResourceContext } from '../routes';

/** A product as partners see it: its terms, not its image or stored bookkeeping. */
export function productView(sku: string, p: ProductDoc) {
  return {
    sku,
    name: p.name,
    categoryId: p.categoryId,
    spec: p.spec,
    listPrice: p.listPrice,
    baseUnit: p.baseUnit,
    moq: p.moq,
    multiple: p.multiple,
    status: p.status,
    visibility: p.visibility,
  };
}

/** Products with list price and visibility, in SKU (_id) order: the built-in _id index serves the page. */
export async function listProducts({ db, query }: ResourceContext): Promise<unknown> {
  const q = query as z.output<typeof productsQuery>;
  const limit = q.limit ?? 100;
  const rows = await db.find('products', { _id: db.command['gt']!(q.after ?? '') }, { orderBy: [['_id', 'asc']], limit });
  const products = rows.map((p) => productView(p._id, p));
  return { products, next: rows.length === limit ? rows[rows.length - 1]!._id : null };
}
