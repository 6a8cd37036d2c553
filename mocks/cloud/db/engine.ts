import { randomBytes } from 'node:crypto';
import { Aggregator, ProcessingMode, Query, update as applyUpdate } from 'mingo';
import type { Doc } from './ejson';
import { clone, parseEJSON, resolveServerDates } from './ejson';
import { DbError, dbErrors } from './errors';
import type { Store, Write } from './store';
import type { IndexCheck } from './index-check';
import { indexCheckFromEnv } from './index-check';

/** The documented caps of server-side get(): default 100, at most 1000 per call. */
export const GET_DEFAULT_LIMIT = 100;
export const GET_MAX_LIMIT = 1000;
/** A transaction left open longer than this is aborted, like the cloud's. */
export const TRANSACTION_TTL_MS = 30_000;

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;

interface TxState {
  id: string;
  startedAt: number;
  /** Version of every document the transaction read or wrote, as first seen (null: absent). */
  seen: Map<string, number | null>;
  /** The transaction's own view: documents written (null: deleted). */
  overlay: Map<string, Doc | null>;
  writes: Write[];
}

/** One compiled match-all query, reused for sorting, paging and projection. */
const EVERYTHING = new Query({});

const key = (coll: string, id: string) => `${coll}\u0000${id}`;

export function newDocId(): string {
  // CloudBase ids are 32 lowercase hex characters.
  return randomBytes(16).toString('hex');
}

function str(params: Params, name: string): string {
  const v = params[name];
  if (typeof v !== 'string' || v === '') throw dbErrors.invalidParam(`${name} must be a non-empty string`);
  return v;
}

/** The SDK's placeholder for db.serverDate() ({$tcb_server_date:{offset}}): only a text naming it needs resolving. */
const SERVER_DATE = '$tcb_server_date';

/**
 * A request's object parameter, parsed. With `now`: db.serverDate() placeholders replaced by the
 * server's clock — looked for only when the text names one, since resolving copies the whole
 * value and almost no request has one.
 */
function parseObject(text: unknown, name: string, now?: number): Record<string, unknown> {
  if (text === undefined || text === null || text === '') return {};
  if (typeof text !== 'string') throw dbErrors.invalidParam(`${name} must be an extended-JSON string`);
  const v = parseEJSON(text);
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw dbErrors.invalidParam(`${name} must be an object`);
  return (now !== undefined && text.includes(SERVER_DATE) ? resolveServerDates(v, now) : v) as Record<string, unknown>;
}

/** The fields of an update that is only `$set` of top-level fields, else null. */
function topLevelSet(update: Record<string, unknown>): Record<string, unknown> | null {
  const keys = Object.keys(update);
  if (keys.length !== 1 || keys[0] !== '$set') return null;
  const set = update['$set'];
  if (!set || typeof set !== 'object' || Array.isArray(set)) return null;
  for (const k of Object.keys(set)) if (k.includes('.') || k.startsWith('$') || k === '__proto__') return null;
  return set as Record<string, unknown>;
}

const plain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !(v instanceof RegExp);

/** A field path of one or two plain names ("a" or "a.b"), or null. */
function shortPath(k: string): [string] | [string, string] | null {
  const parts = k.split('.');
  if (parts.length > 2 || parts.some((p) => p === '' || p.startsWith('$') || p === '__proto__' || /^\d+$/.test(p))) return null;
  return parts as [string] | [string, string];
}

/**
 * `$set`, `$inc` and `$unset` of top-level fields and of fields one level down inside a plain
 * object — what conditional updates of counters and their notes send — applied as MongoDB
 * does, on shallow copies (stored documents are never mutated). Null for anything else (another
 * operator, a deeper path, a field named twice, a non-number to increment, a non-object to go
 * into): mingo's updater takes those. Skipping mingo here saves building its operator context
 * (a copy of every operator) for each such write.
 */
function shallowUpdate(doc: Doc, update: Record<string, unknown>): Doc | null {
  const next: Record<string, unknown> = { ...doc };
  const copied = new Set<string>();
  const touched = new Set<string>();
  for (const [op, fields] of Object.entries(update)) {
    if ((op !== '$set' && op !== '$inc' && op !== '$unset') || !plain(fields)) return null;
    for (const [k, v] of Object.entries(fields)) {
      const path = shortPath(k);
      if (!path || path[0] === '_id' || touched.has(path[0]) || touched.has(k)) return null;
      touched.add(k);
      let target = next;
      let field = path[0];
      if (path.length === 2) {
        touched.add(path[0]);
        const inner = next[path[0]];
        if (inner !== undefined && !plain(inner)) return null;
        if (inner === undefined && op === '$unset') continue;
        if (!copied.has(path[0])) {
          next[path[0]] = { ...(inner ?? {}) };
          copied.add(path[0]);
        }
        target = next[path[0]] as Record<string, unknown>;
        field = path[1];
      }
      if (op === '$set') target[field] = v;
      else if (op === '$unset') delete target[field];
      else {
        const was = target[field] ?? 0;
        if (typeof v !== 'number' || typeof was !== 'number') return null;
        target[field] = was + v;
      }
    }
  }
  return next as Doc;
}

/**
 * The fields of a projection that only includes top-level fields ({ title: true, period: 1 }), or
 * null for anything else. Such a projection (the common one: a page reading only what it shows)
 * is applied directly; building mingo's projection machinery per document cost more than the read.
 */
function topLevelInclusion(projection: Record<string, unknown>): string[] | null {
  const fields = Object.keys(projection);
  for (const f of fields) {
    const v = projection[f];
    if (f === '_id' || f.startsWith('$') || f.includes('.') || (v !== true && v !== 1)) return null;
  }
  return fields;
}

/** `_id` and the listed top-level fields the document has (mingo's reading of an inclusion projection). */
function pick(doc: Doc, fields: readonly string[]): Doc {
  const out: Doc = { _id: doc._id };
  for (const f of fields) if (Object.prototype.hasOwnProperty.call(doc, f)) out[f] = doc[f];
  return out;
}

// Helpers of the hot paths live at the top level: a closure made per call costs a name-keeping
// wrapper per call under the TypeScript loader the local cloud runs with (tsx keeps names).
const scalar = (c: unknown): c is number | string => typeof c === 'number' || typeof c === 'string';

/**
 * Whether `doc` matches a query of the shape conditional updates send — `_id` and other fields
 * (by a dotted path through plain objects, such as a hold's `holds.<key>.by`) compared with a
 * number or string by equality, $eq, $lt, $lte, $gt, $gte, or tested with $exists — as MongoDB
 * would (a comparison only between values of one type). Null for any other query: mingo decides
 * those (compiling one costs more than the rest of such an update).
 */
function simpleMatch(doc: Doc, query: Record<string, unknown>): boolean | null {
  for (const [k, cond] of Object.entries(query)) {
    const parts = k.split('.');
    if (parts.some((p) => p === '' || p.startsWith('$') || p === '__proto__' || /^\d+$/.test(p))) return null;
    let value: unknown = doc;
    for (const part of parts) {
      // Arrays on the way match element-wise in MongoDB: mingo's business.
      if (Array.isArray(value)) return null;
      // Through anything but a plain object the path finds nothing, as in MongoDB.
      value = plain(value) ? value[part] : undefined;
    }
    if (Array.isArray(value)) return null;
    if (scalar(cond)) {
      if (value !== cond) return false;
      continue;
    }
    if (!plain(cond)) return null;
    for (const [op, arg] of Object.entries(cond)) {
      if (op === '$exists' && typeof arg === 'boolean') {
        if ((value !== undefined) !== arg) return false;
        continue;
      }
      if (!scalar(arg)) return null;
      const same = typeof value === typeof arg;
      const v = value as number | string;
      const ok =
        op === '$eq'
          ? value === arg
          : op === '$lt'
            ? same && v < arg
            : op === '$lte'
              ? same && v <= arg
              : op === '$gt'
                ? same && v > arg
                : op === '$gte'
                  ? same && v >= arg
                  : null;
      if (ok === null) return null;
      if (!ok) return false;
    }
  }
  return true;
}

/** The top-level field a query pins to a value or a list of scalars (directly or inside $and), for an equality index. */
function pinned(q: Record<string, unknown>): [string, unknown[]] | null {
  for (const [field, cond] of Object.entries(q)) {
    if (field.startsWith('$') || field.includes('.') || field === '_id') continue;
    if (cond === null || ['string', 'number', 'boolean'].includes(typeof cond)) return [field, [cond]];
    if (cond && typeof cond === 'object' && !Array.isArray(cond) && !(cond instanceof RegExp) && !(cond instanceof Date)) {
      const ops = Object.keys(cond);
      const c = cond as Record<string, unknown>;
      if (ops.length === 1 && ops[0] === '$eq' && ['string', 'number', 'boolean'].includes(typeof c['$eq'])) return [field, [c['$eq']]];
      if (ops.length === 1 && ops[0] === '$in' && Array.isArray(c['$in']) && c['$in'].every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
        return [field, c['$in'] as unknown[]];
      }
    }
  }
  const and = q['$and'];
  if (Array.isArray(and)) {
    for (const part of and) {
      const hit = part && typeof part === 'object' ? pinned(part as Record<string, unknown>) : null;
      if (hit) return hit;
    }
  }
  return null;
}

/** The ids a query names (`_id` equal to a string, or `_.in` a list of strings), else null. */
function namedIds(query: Record<string, unknown>): string[] | null {
  const id = query['_id'];
  if (typeof id === 'string') return [id];
  if (!plain(id) || Object.keys(id).length !== 1 || !Array.isArray(id['$in'])) return null;
  const list = id['$in'] as unknown[];
  return list.every((v): v is string => typeof v === 'string') ? [...new Set(list)] : null;
}

/** The first top-level field a query puts `in` a list of strings, numbers or booleans, with the list as a set; else null. */
function topLevelIn(query: Record<string, unknown>): [string, Set<unknown>] | null {
  for (const [field, cond] of Object.entries(query)) {
    if (field.startsWith('$') || field.includes('.') || !plain(cond) || Object.keys(cond).length !== 1) continue;
    const list = cond['$in'];
    if (Array.isArray(list) && list.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return [field, new Set(list)];
  }
  return null;
}

function isOperatorUpdate(data: Record<string, unknown>): boolean {
  const keys = Object.keys(data);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/**
 * Executes the cloud database's request actions (what @cloudbase/database sends through
 * Db.reqClass) against the SQLite-backed store, with mingo as the query engine.
 */
export class DbEngine {
  private readonly txs = new Map<string, TxState>();
  /** Transactions refused at commit because a document they saw had changed (for the benchmarks). */
  conflicts = 0;
  /** The same, by the collection of the first changed document found (which documents are hot). */
  readonly conflictsByCollection = new Map<string, number>();
  private seq = 0;
  /** Refuses queries no declared index serves on large collections (in tests; see index-check.ts). */
  indexCheck: IndexCheck | null = indexCheckFromEnv();

  constructor(
    readonly store: Store,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  handle(action: string, params: Params): Answer {
    const requestId = `local-${(++this.seq).toString(36)}`;
    try {
      this.indexCheck?.inspect(action, params, (coll) => this.store.size(coll));
      const body = this.dispatch(action, params);
      return { requestId, ...body };
    } catch (e) {
      if (e instanceof DbError) return { code: e.code, message: e.message, requestId };
      throw e;
    }
  }

  private dispatch(action: string, p: Params): Answer {
    switch (action) {
      case 'database.addCollection':
        return this.addCollection(p);
      case 'database.insertDocument':
        return this.insert(p);
      case 'database.getDocument':
        return this.get(p);
      case 'database.calculateDocument':
        return this.count(p);
      case 'database.modifyDocument':
        return this.modify(p);
      case 'database.modifyAndReturnDoc':
        return this.modifyAndReturn(p);
      case 'database.removeDocument':
        return this.remove(p);
      case 'database.aggregateDocuments':
        return this.aggregate(p);
      case 'database.startTransaction':
        return this.startTransaction();
      case 'database.commitTransaction':
        return this.commit(str(p, 'transactionId'));
      case 'database.abortTransaction':
        return this.abort(str(p, 'transactionId'));
      default:
        throw dbErrors.invalidParam(`unsupported database action ${action}`);
    }
  }

  // ---- helpers -------------------------------------------------------------------------

  private requireCollection(name: string): void {
    if (!this.store.hasCollection(name)) throw dbErrors.collectionMissing(name);
  }

  private tx(p: Params): TxState | null {
    const id = p['transactionId'];
    if (id === undefined || id === null || id === '') return null;
    this.expireTransactions();
    const tx = this.txs.get(String(id));
    if (!tx) throw dbErrors.transactionNotFound(String(id));
    return tx;
  }

  private expireTransactions(): void {
    const now = this.clock();
    for (const [id, tx] of this.txs) if (now - tx.startedAt > TRANSACTION_TTL_MS) this.txs.delete(id);
  }

  /** The request's query; db.serverDate() in a condition is the server's clock now. */
  private queryOf(p: Params): Record<string, unknown> {
    const text = p['query'];
    const query = parseObject(text, 'query', this.clock());
    // Its text names the compiled query (compile), unless it held the server's clock, which moves.
    if (typeof text === 'string' && !text.includes(SERVER_DATE)) this.queryTexts.set(query, text);
    return query;
  }

  /** The request text each parsed query came from (queryOf): the key of its compiled form. */
  private readonly queryTexts = new WeakMap<object, string>();

  /** The single document a DOC query names, or a rule violation inside a transaction. */
  private docIdOf(p: Params, tx: TxState | null): string | null {
    const query = this.queryOf(p);
    const id = query['_id'];
    const single = p['queryType'] === 'DOC' && typeof id === 'string' && Object.keys(query).length === 1;
    if (tx && !single) throw dbErrors.transactionRule('where() queries are not allowed');
    return single ? (id as string) : null;
  }

  /** Read one document through a transaction's view, remembering the version seen. */
  private txRead(tx: TxState, coll: string, id: string): Doc | null {
    const k = key(coll, id);
    if (tx.overlay.has(k)) return tx.overlay.get(k) ?? null;
    const hit = this.store.get(coll, id);
    if (!tx.seen.has(k)) tx.seen.set(k, hit ? hit.ver : null);
    return hit ? hit.doc : null;
  }

  private txWrite(tx: TxState, coll: string, id: string, doc: Doc | null): void {
    const k = key(coll, id);
    if (!tx.seen.has(k) && !tx.overlay.has(k)) {
      const hit = this.store.get(coll, id);
      tx.seen.set(k, hit ? hit.ver : null);
    }
    tx.overlay.set(k, doc);
    tx.writes.push(doc ? { kind: 'put', coll, doc } : { kind: 'delete', coll, id });
  }

  /** Compiled mingo queries by their JSON text: building one is costly, and the same ones recur. */
  private readonly compiled = new Map<string, Query>();

  private compile(query: Record<string, unknown>): Query {
    // The request's own text when there is one (the same text is the same query); building a key costs as much as a cached lookup saves.
    const key =
      this.queryTexts.get(query) ??
      JSON.stringify(query, (_k, v: unknown) => (v instanceof RegExp ? `/${v.source}/${v.flags}` : v instanceof Date ? { $date: v.getTime() } : v));
    let q = this.compiled.get(key);
    if (!q) {
      if (this.compiled.size > 2000) this.compiled.clear();
      q = new Query(query);
      this.compiled.set(key, q);
    }
    return q;
  }

  /**
   * The documents a query may match: through an equality index when the query pins a
   * top-level field to a value or a list of values (directly or inside $and), else all. A
   * query naming one _id (a conditional update of one document) looks only at that document.
   */
  private candidates(coll: string, query: Record<string, unknown>): Doc[] {
    if (typeof query['_id'] === 'string') {
      const hit = this.store.get(coll, query['_id']);
      return hit ? [hit.doc] : [];
    }
    const hit = pinned(query);
    if (hit) return this.store.lookup(coll, hit[0], hit[1]);
    // Documents named by a list of ids (Db.getMany): a hash lookup per document in stored order,
    // not mingo's walk of a 500-id list for every document of the collection.
    const ids = namedIds(query);
    if (ids) {
      const wanted = new Set(ids);
      return this.store.all(coll).filter((d) => wanted.has(String(d._id)));
    }
    return this.store.all(coll);
  }

  /**
   * The documents `query` matches. `unordered`: the caller does not care in which order (an
   * update counts what it changed), so documents named by a list of ids are looked up directly
   * instead of scanning the collection in its stored order.
   */
  private matching(coll: string, query: Record<string, unknown>, unordered = false): Doc[] {
    if (Object.keys(query).length === 0) return this.store.all(coll);
    const ids = namedIds(query);
    if (ids && (ids.length === 1 || unordered)) {
      // A conditional update of one document (or of a few named by id) carries values of its
      // own (a bound, a token) and is rarely sent twice: matched directly when simple, else
      // compiled for the one use (so it does not push the recurring queries out of the cache).
      const docs = ids.flatMap((id) => this.store.get(coll, id)?.doc ?? []);
      const { _id: _named, ...rest } = query;
      const simple = docs.map((d) => simpleMatch(d, rest));
      if (simple.every((m) => m !== null)) return docs.filter((_d, i) => simple[i]);
      const once = new Query(query);
      return docs.filter((d) => once.test(d));
    }
    const q = this.compile(query);
    const list = topLevelIn(query);
    if (list) {
      // A field `in` a list of scalars (a page of 500 dealers' ids, Db.getMany's ids): a document
      // whose value there is a scalar is judged on that field by one hash lookup and by the rest
      // of the query; mingo's `$in` hashes its whole list again for every document it tests.
      const [field, values] = list;
      const { [field]: _inList, ...others } = query;
      const rest = Object.keys(others).length > 0 ? this.compile(others) : null;
      return this.candidates(coll, query).filter((d) => {
        const v = d[field];
        if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return q.test(d);
        return values.has(v) && (!rest || (simpleMatch(d, others) ?? rest.test(d)));
      });
    }
    return this.candidates(coll, query).filter((d) => q.test(d));
  }

  /** `data` as parsed from the request (parseObject with the server's clock): nothing else holds its objects. */
  private applyModifier(doc: Doc, resolved: Record<string, unknown>, merge: boolean): Doc {
    if (!merge || !isOperatorUpdate(resolved)) {
      // A replacement (set): the new body, keeping the identity.
      const { _id: _ignored, ...rest } = resolved;
      // `data` was parsed from this request, so nothing else holds its objects: no copy needed.
      return { ...rest, _id: doc._id };
    }
    if ('$set' in resolved && resolved['$set'] && typeof resolved['$set'] === 'object' && '_id' in (resolved['$set'] as object)) {
      throw dbErrors.invalidParam('不能更新_id的值');
    }
    const set = topLevelSet(resolved);
    // Most updates set a few top-level fields: a shallow copy with them replaced is what mingo
    // would make, without building its operator context for every write. Stored documents
    // are never mutated, so the copy may share the untouched values; the new values were
    // parsed from this request, so nothing else holds them.
    if (set) return { ...doc, ...set };
    const shallow = shallowUpdate(doc, resolved);
    if (shallow) return shallow;
    const next = clone(doc);
    applyUpdate(next, resolved as never, undefined, undefined, { cloneMode: 'deep' });
    return next;
  }

  // ---- actions ------------------------------------------------------------------------

  private addCollection(p: Params): Answer {
    const name = str(p, 'collectionName');
    if (!this.store.addCollection(name, this.clock())) throw dbErrors.collectionExists(name);
    return {};
  }

  private insert(p: Params): Answer {
    const coll = str(p, 'collectionName');
    this.requireCollection(coll);
    const raw = p['data'];
    if (!Array.isArray(raw) || raw.length === 0) throw dbErrors.invalidParam('data must be a non-empty array');
    const now = this.clock();
    const docs = raw.map((item) => {
      const body = parseObject(item, 'data', now);
      const id = body['_id'] === undefined ? newDocId() : body['_id'];
      if (typeof id !== 'string' && typeof id !== 'number') throw dbErrors.invalidParam('_id must be a string');
      return { ...body, _id: String(id) } as Doc;
    });
    const tx = this.tx(p);
    if (tx) {
      if (docs.length !== 1) throw dbErrors.transactionRule('batch add is not allowed');
      const doc = docs[0]!;
      if (this.txRead(tx, coll, doc._id)) throw dbErrors.duplicateKey(coll, doc._id);
      this.txWrite(tx, coll, doc._id, doc);
      return { data: { insertedIds: [doc._id] } };
    }
    this.store.write(() => {
      const seenIds = new Set<string>();
      for (const d of docs) {
        if (seenIds.has(d._id) || this.store.get(coll, d._id)) throw dbErrors.duplicateKey(coll, d._id);
        seenIds.add(d._id);
      }
      return { writes: docs.map((doc) => ({ kind: 'put' as const, coll, doc })), result: null };
    });
    return { data: { insertedIds: docs.map((d) => d._id) } };
  }

  private get(p: Params): Answer {
    const coll = str(p, 'collectionName');
    this.requireCollection(coll);
    const tx = this.tx(p);
    const id = this.docIdOf(p, tx);
    const projection = parseObject(p['projection'], 'projection');
    const hasProjection = Object.keys(projection).length > 0;
    let list: Doc[];
    if (tx && id !== null) {
      const doc = this.txRead(tx, coll, id);
      list = doc ? [doc] : [];
    } else if (id !== null) {
      const hit = this.store.get(coll, id);
      list = hit ? [hit.doc] : [];
    } else {
      const limit = p['limit'] === undefined ? GET_DEFAULT_LIMIT : Number(p['limit']);
      if (!Number.isInteger(limit) || limit < 0) throw dbErrors.invalidParam('limit must be a non-negative integer');
      if (limit > GET_MAX_LIMIT) throw dbErrors.limitExceeded(limit);
      const offset = p['offset'] === undefined ? 0 : Number(p['offset']);
      if (!Number.isInteger(offset) || offset < 0) throw dbErrors.invalidParam('offset must be a non-negative integer');
      const order = parseObject(p['order'], 'order') as Record<string, 1 | -1>;
      const matched = this.matching(coll, this.queryOf(p));
      const end = offset + (limit || GET_DEFAULT_LIMIT);
      // Unordered, a page is a slice of the matches in stored order (what mingo's cursor gives,
      // without building one per read); ordered, mingo sorts as MongoDB does.
      list =
        Object.keys(order).length > 0
          ? EVERYTHING.find<Doc>(matched)
              .sort(order)
              .skip(offset)
              .limit(end - offset)
              .all()
          : matched.slice(offset, end);
    }
    if (hasProjection) {
      const fields = topLevelInclusion(projection);
      list = fields ? list.map((d) => pick(d, fields)) : EVERYTHING.find<Doc>(list, projection as never).all();
    }
    return { data: { list: list.map((d) => this.store.textOf(d)) } };
  }

  private count(p: Params): Answer {
    const coll = str(p, 'collectionName');
    this.requireCollection(coll);
    if (this.tx(p)) throw dbErrors.transactionRule('count() is not allowed');
    return { data: { total: this.matching(coll, this.queryOf(p)).length } };
  }

  private modify(p: Params): Answer {
    const coll = str(p, 'collectionName');
    this.requireCollection(coll);
    const tx = this.tx(p);
    const id = this.docIdOf(p, tx);
    const now = this.clock();
    const data = parseObject(p['data'], 'data', now);
    const merge = p['merge'] !== false;
    const upsert = p['upsert'] === true;
    const multi = p['multi'] !== false;

    if (tx && id !== null) {
      const current = this.txRead(tx, coll, id);
      if (!current && !upsert) return { data: { updated: 0 } };
      const base: Doc = current ?? { _id: id };
      const next = this.applyModifier(base, data, merge && current !== null);
      this.txWrite(tx, coll, id, next);
      return { data: current ? { updated: 1 } : { updated: 0, upsert_id: id } };
    }

    return this.store.write<Answer>(() => {
      const targets: Doc[] =
        id !== null
          ? [this.store.get(coll, id)?.doc].filter((d): d is Doc => !!d)
          : this.matching(coll, this.queryOf(p), multi).slice(0, multi ? undefined : 1);
      if (targets.length === 0 && upsert && id !== null) {
        const doc = this.applyModifier({ _id: id }, data, false);
        return { writes: [{ kind: 'put', coll, doc }], result: { data: { updated: 0, upsert_id: id } } };
      }
      const writes: Write[] = targets.map((doc) => ({ kind: 'put', coll, doc: this.applyModifier(doc, data, merge) }));
      return { writes, result: { data: { updated: writes.length } } };
    });
  }

  private modifyAndReturn(p: Params): Answer {
    const coll = str(p, 'collectionName');
    this.requireCollection(coll);
    if (this.tx(p)) throw dbErrors.transactionRule('updateAndReturn() is not allowed');
    const now = this.clock();
    const data = parseObject(p['data'], 'data', now);
    return this.store.write<Answer>(() => {
      const target = this.matching(coll, this.queryOf(p))[0];
      if (!target) return { writes: [], result: { data: { updated: 0, doc: null } } };
      const doc = this.applyModifier(target, data, true);
      return { writes: [{ kind: 'put', coll, doc }], result: { data: { updated: 1, doc: this.store.textOf(doc) } } };
    });
  }

  private remove(p: Params): Answer {
    const coll = str(p, 'collectionName');
    this.requireCollection(coll);
    const tx = this.tx(p);
    const id = this.docIdOf(p, tx);
    if (tx && id !== null) {
      const current = this.txRead(tx, coll, id);
      if (!current) return { data: { deleted: 0 } };
      this.txWrite(tx, coll, id, null);
      return { data: { deleted: 1 } };
    }
    const multi = p['multi'] !== false;
    return this.store.write(() => {
      const targets =
        id !== null ? [this.store.get(coll, id)?.doc].filter((d): d is Doc => !!d) : this.matching(coll, this.queryOf(p)).slice(0, multi ? undefined : 1);
      return {
        writes: targets.map((d) => ({ kind: 'delete' as const, coll, id: d._id })),
        result: { data: { deleted: targets.length } },
      };
    });
  }

  private aggregate(p: Params): Answer {
    const coll = str(p, 'collectionName');
    this.requireCollection(coll);
    const stages = p['stages'];
    const now = this.clock();
    if (!Array.isArray(stages) || stages.length === 0) throw dbErrors.invalidParam('aggregate needs at least one stage');
    const pipeline = stages.map((s) => {
      const { stageKey, stageValue } = (s ?? {}) as { stageKey?: unknown; stageValue?: unknown };
      if (typeof stageKey !== 'string' || !stageKey.startsWith('$') || typeof stageValue !== 'string') {
        throw dbErrors.invalidParam('malformed aggregate stage');
      }
      const value = parseEJSON(stageValue);
      return { [stageKey]: stageValue.includes(SERVER_DATE) ? resolveServerDates(value, now) : value };
    });
    // A leading $match picks its documents as a query would (equality lookups, one compiled
    // query) before anything is copied: the cloud serves it from an index, and copying the whole
    // collection on every call made the local aggregate's cost grow with everything ever stored.
    const first = pipeline[0]?.['$match'];
    const lead = plain(first) && pipeline.length > 1;
    const agg = new Aggregator(lead ? pipeline.slice(1) : pipeline, {
      // Some stages ($unwind of an empty array kept by preserveNullAndEmptyArrays) change the
      // documents they are given: work on copies, never on the stored (shared) documents.
      processingMode: ProcessingMode.CLONE_INPUT,
      collectionResolver: (name: string) => {
        this.requireCollection(name);
        // Joined documents end up inside the results, where later stages may change them: copies too.
        return this.store.all(name).map((d) => clone(d));
      },
    });
    const list = agg.run<Doc>(lead ? this.matching(coll, first as Record<string, unknown>) : this.store.all(coll));
    return { data: { list: list.map((d) => this.store.textOf(d)) } };
  }

  private startTransaction(): Answer {
    this.expireTransactions();
    const id = `tx-${newDocId()}`;
    this.txs.set(id, { id, startedAt: this.clock(), seen: new Map(), overlay: new Map(), writes: [] });
    return { transactionId: id };
  }

  private commit(id: string): Answer {
    this.expireTransactions();
    const tx = this.txs.get(id);
    if (!tx) throw dbErrors.transactionNotFound(id);
    this.txs.delete(id);
    if (tx.writes.length === 0) return {};
    this.store.write(() => {
      // Optimistic check: every document the transaction saw must be as it saw it.
      for (const [k, ver] of tx.seen) {
        const [coll, docId] = k.split('\u0000') as [string, string];
        if (this.store.currentVersion(coll, docId) !== ver) {
          this.conflicts++;
          this.conflictsByCollection.set(coll, (this.conflictsByCollection.get(coll) ?? 0) + 1);
          throw dbErrors.transactionConflict();
        }
      }
      return { writes: collapse(tx.writes), result: null };
    });
    return {};
  }

  private abort(id: string): Answer {
    if (!this.txs.delete(id)) throw dbErrors.transactionNotFound(id);
    return {};
  }

  /** Transactions currently open (the durability and conformance tests look at it). */
  openTransactions(): number {
    this.expireTransactions();
    return this.txs.size;
  }
}

/** Keep only the last write of each document, in first-write order. */
function collapse(writes: Write[]): Write[] {
  const last = new Map<string, Write>();
  for (const w of writes) {
    const k = key(w.coll, w.kind === 'put' ? w.doc._id : w.id);
    last.delete(k);
    last.set(k, w);
  }
  return [...last.values()];
}
