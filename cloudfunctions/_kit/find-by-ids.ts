import type { CollectionName } from '@shared/collections';
import type { DocOf } from '@shared/documents';
import type { Db, Stored } from './db';

/**
 * Documents by _id, in chunks the server accepts (an `in` of at most 500 ids, 1,000 documents a
 * read). Infrastructure several functions use (products on import, dealers and policy versions
 * in rebates); a candidate for Db itself.
 */
export async function findByIds<C extends CollectionName>(db: Db, coll: C, ids: readonly string[]): Promise<Array<Stored<DocOf<C>>>> {
  const unique = [...new Set(ids)];
  const out: Array<Stored<DocOf<C>>> = [];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    out.push(...(await db.find(coll, { _id: db.command['in']!(chunk) }, { limit: 1000 })));
  }
  return out;
}
