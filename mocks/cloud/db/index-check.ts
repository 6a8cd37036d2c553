import { COLLECTIONS } from '../../../shared/collections';
import type { IndexField, IndexSpec, QueryShape } from '../../../shared/indexes';
import { INDEXES, describeIndex, describeShape, indexNeeded, servingIndex } from '../../../shared/indexes';
import { parseEJSON } from './ejson';

/**
 * The local cloud scans every collection in memory, so a query no index serves costs nothing
 * here and crawls in the cloud. This check, on in the function tests ($LOCAL_CLOUD_INDEX_CHECK =
 * the collection size from which it applies), refuses such a query on a collection above that
 * size with an error naming the collection, the query's shape and the index it needs — so a
 * missing index (shared/indexes.ts) is found here, not in production.
 */

/** Collections from this many documents are checked when the env var says only "on". */
export const DEFAULT_THRESHOLD = 200;

/** Database actions that select documents by a query (the rest name one document or none). */
const QUERYING = new Set([
  'database.getDocument',
  'database.calculateDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
]);

export class MissingIndexError extends Error {
  constructor(
    readonly shape: QueryShape,
    readonly size: number,
  ) {
    const needed = indexNeeded(shape);
    super(
      `local cloud: no declared index serves ${describeShape(shape)} on ${shape.collection} (${size} documents). ` +
        (needed.length > 0
          ? `Declare one in shared/indexes.ts, e.g. index('${shape.collection}', ${describeIndex(needed)}), or change the query.`
          : 'A query with no condition reads the whole collection: narrow it, or page it by _id.'),
    );
    this.name = 'MissingIndexError';
  }
}

/**
 * Every refusal in this process (a jest test file), so one a handler turned into INTERNAL, or a
 * test that expected some other failure, still fails the file (tests/helpers/index-check-setup.ts).
 */
export const refusals: MissingIndexError[] = [];

type Cond = Record<string, unknown>;
const isPlain = (v: unknown): v is Cond => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

interface Parts {
  equal: Set<string>;
  range: Set<string>;
  filter: Set<string>;
}

/** How one field's condition can use an index: seek to values, bound a range, or neither (a filter). */
function kindOf(cond: unknown): 'equal' | 'range' | 'filter' {
  if (!isPlain(cond)) return cond instanceof RegExp ? 'filter' : 'equal';
  const ops = Object.keys(cond);
  if (ops.length === 0 || !ops.every((o) => o.startsWith('$'))) return 'equal';
  if (ops.every((o) => o === '$eq' || o === '$in')) return 'equal';
  if (ops.every((o) => ['$gt', '$gte', '$lt', '$lte'].includes(o))) return 'range';
  // `_.and([_.gte(a), _.lt(b)])` on one field arrives as { $and: [{ $gte }, { $lt }] }.
  if (ops.length === 1 && ops[0] === '$and' && Array.isArray(cond['$and'])) {
    const kinds = (cond['$and'] as unknown[]).map(kindOf);
    if (kinds.includes('equal')) return 'equal';
    if (kinds.includes('range')) return 'range';
  }
  return 'filter';
}

/**
 * The shapes a query's documents are found by: one, or one per branch of an `$or` (each branch
 * needs an index of its own, as in MongoDB), with `$and` merged into its parent.
 */
export function shapesOf(collection: string, query: Cond, order: Record<string, 1 | -1> = {}): QueryShape[] {
  const sort: IndexField[] = Object.entries(order).map(([field, dir]) => ({ field, order: dir === -1 ? 'desc' : 'asc' }));
  const expand = (q: Cond, base: Parts): Parts[] => {
    let variants: Parts[] = [{ equal: new Set(base.equal), range: new Set(base.range), filter: new Set(base.filter) }];
    for (const [k, v] of Object.entries(q)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const part of v) if (isPlain(part)) variants = variants.flatMap((p) => expand(part, p));
      } else if (k === '$or' && Array.isArray(v)) {
        variants = variants.flatMap((p) => v.flatMap((branch) => (isPlain(branch) ? expand(branch, p) : [])));
      } else if (!k.startsWith('$')) {
        const kind = kindOf(v);
        for (const p of variants) p[kind].add(k);
      }
    }
    return variants;
  };
  return expand(query, { equal: new Set(), range: new Set(), filter: new Set() }).map((p) => ({
    collection,
    equal: [...p.equal].sort(),
    range: [...p.range].filter((f) => !p.equal.has(f)).sort(),
    sort,
    filter: [...p.filter].filter((f) => !p.equal.has(f) && !p.range.has(f)).sort(),
  }));
}

function parse(text: unknown): Cond {
  if (typeof text !== 'string' || text === '') return {};
  const v = parseEJSON(text);
  return isPlain(v) ? v : {};
}

/** The check itself; `sizeOf` is the collection's document count. */
export class IndexCheck {
  /** Verdicts by collection + query + order text: a recurring query is judged once. */
  private readonly verdicts = new Map<string, QueryShape | null>();

  constructor(
    readonly threshold: number = DEFAULT_THRESHOLD,
    readonly indexes: readonly IndexSpec[] = INDEXES,
    /** The application's collections; others (made by the local cloud's own tests) are not judged. */
    readonly collections: ReadonlySet<string> = new Set(COLLECTIONS),
  ) {}

  inspect(action: string, params: Record<string, unknown>, sizeOf: (coll: string) => number): void {
    if (!QUERYING.has(action)) return;
    const coll = params['collectionName'];
    if (typeof coll !== 'string' || !this.collections.has(coll)) return;
    const size = sizeOf(coll);
    if (size < this.threshold) return;
    const key = `${coll}\u0000${String(params['query'] ?? '')}\u0000${String(params['order'] ?? '')}`;
    let unserved = this.verdicts.get(key);
    if (unserved === undefined) {
      const shapes = shapesOf(coll, parse(params['query']), parse(params['order']) as Record<string, 1 | -1>);
      unserved = shapes.find((s) => servingIndex(s, this.indexes) === null) ?? null;
      this.verdicts.set(key, unserved);
    }
    if (unserved) {
      const e = new MissingIndexError(unserved, size);
      refusals.push(e);
      throw e;
    }
  }
}

/** The check $LOCAL_CLOUD_INDEX_CHECK asks for: a threshold, "on" (the default one), or nothing. */
export function indexCheckFromEnv(value = process.env['LOCAL_CLOUD_INDEX_CHECK']): IndexCheck | null {
  if (value === undefined || value === '' || value === '0' || value === 'off') return null;
  if (value === 'on') return new IndexCheck();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`LOCAL_CLOUD_INDEX_CHECK must be "on", "off" or a collection size ≥ 1, got ${JSON.stringify(value)}`);
  return new IndexCheck(n);
}
