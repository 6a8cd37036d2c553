import type { CollectionName } from '@shared/collections';
import type { DocOf } from '@shared/documents';
import type { ErrorCode } from '@shared/errors';
import { Refusal } from '@shared/envelope';
import type { SdkCollection, SdkDatabase, SdkQuery } from './sdk';
import { isConflict, sdk } from './sdk';

export type Where = Record<string, unknown>;

export interface FindOptions {
  orderBy?: Array<[field: string, dir: 'asc' | 'desc']>;
  skip?: number;
  /** At most 1000, the server SDK's cap per get(). */
  limit?: number;
  fields?: Record<string, boolean>;
}

/** The identity is the document id, never a field one may set: documents read back carry it. */
function withoutId<T extends object>(doc: T): Omit<T, '_id'> {
  const { _id: _ignored, ...rest } = doc as T & { _id?: unknown };
  return rest;
}

/** A document as stored: every collection's documents carry a string _id. */
export type Stored<T> = T & { _id: string };

/** A business refusal raised inside a transaction: throwing rolls the transaction back. */
class RefusedInTx extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** Refuse from inside `db.transaction(work)`: the transaction rolls back and returns the Refusal. */
export function refuse(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new RefusedInTx(new Refusal(code, message, details));
}

/**
 * The value of a transaction whose work never calls refuse(): a Refusal there is a bug, so it
 * throws instead of travelling on as an answer.
 */
export function neverRefused<T>(result: T | Refusal): T {
  if (result instanceof Refusal) throw new Error(`unexpected refusal in a transaction that never refuses: ${result.code} ${result.message}`);
  return result;
}

/** Our refusal, whether thrown as is or wrapped by runTransaction (abortReason / cause). */
function refusalIn(e: unknown): Refusal | null {
  if (e instanceof RefusedInTx) return e.refusal;
  const inner = (e as { abortReason?: unknown; cause?: unknown } | null)?.abortReason ?? (e as { cause?: unknown } | null)?.cause;
  return inner instanceof RefusedInTx ? inner.refusal : null;
}

/**
 * Typed access to the cloud database. Every function reads and writes through this, so the
 * SDK's loose types stop here.
 */
export class Db {
  // A missing document is an ordinary answer here (null), not an exception: building the
  // SDK's error for every "not there yet" (idempotency checks, first reads) costs a stack trace.
  constructor(private readonly raw: SdkDatabase = sdk().database({ throwOnNotFound: false })) {}

  get command(): SdkDatabase['command'] {
    return this.raw.command;
  }

  serverDate(): unknown {
    return this.raw.serverDate();
  }

  /** A case-insensitive pattern for where() (the pattern is a regular expression: escape user text). */
  regExp(pattern: string, options = 'i'): unknown {
    return this.raw.RegExp({ regexp: pattern, options });
  }

  private coll(name: CollectionName): SdkCollection {
    return this.raw.collection(name);
  }

  /** The document, or null when there is none (the database is opened with throwOnNotFound: false). */
  async getById<C extends CollectionName>(coll: C, id: string): Promise<Stored<DocOf<C>> | null>;
  /** A projection or a narrower view of the stored type (the collection's type is the default). */
  async getById<T>(coll: CollectionName, id: string): Promise<Stored<T> | null>;
  async getById<T>(coll: CollectionName, id: string): Promise<Stored<T> | null> {
    const res = await this.coll(coll).doc(id).get();
    return (res.data as Stored<T> | null) ?? null;
  }

  async find<C extends CollectionName>(coll: C, where: Where, opts?: FindOptions): Promise<Array<Stored<DocOf<C>>>>;
  async find<T>(coll: CollectionName, where: Where, opts?: FindOptions): Promise<Array<Stored<T>>>;
  async find<T>(coll: CollectionName, where: Where, opts: FindOptions = {}): Promise<Array<Stored<T>>> {
    let q: SdkQuery = this.coll(coll).where(where);
    for (const [field, dir] of opts.orderBy ?? []) q = q.orderBy(field, dir);
    if (opts.skip) q = q.skip(opts.skip);
    q = q.limit(Math.min(opts.limit ?? 100, 1000));
    if (opts.fields) q = q.field(opts.fields);
    const res = await q.get();
    return res.data as Array<Stored<T>>;
  }

  /**
   * Every matching document, however many: page by page in _id order, since the server caps
   * one get() at 1000. `where` must not constrain `_id` itself (the paging does).
   */
  async findAll<C extends CollectionName>(coll: C, where: Where): Promise<Array<Stored<DocOf<C>>>>;
  async findAll<T>(coll: CollectionName, where: Where): Promise<Array<Stored<T>>>;
  async findAll<T>(coll: CollectionName, where: Where): Promise<Array<Stored<T>>> {
    const out: Array<Stored<T>> = [];
    let after = '';
    for (;;) {
      const page = await this.find<T>(coll, { ...where, _id: this.command['gt']!(after) }, { orderBy: [['_id', 'asc']], limit: 1000 });
      out.push(...page);
      if (page.length < 1000) return out;
      after = page[page.length - 1]!._id;
    }
  }

  /**
   * Documents by _id, in any order, missing ones left out: chunks the server accepts (an `in` of
   * at most 500 ids, 1,000 documents a read), read in parallel.
   */
  async getMany<C extends CollectionName>(coll: C, ids: readonly string[]): Promise<Array<Stored<DocOf<C>>>> {
    const unique = [...new Set(ids)];
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += 500) chunks.push(unique.slice(i, i + 500));
    const pages = await Promise.all(chunks.map((chunk) => this.find(coll, { _id: this.command['in']!(chunk) }, { limit: 1000 })));
    return pages.flat();
  }

  async findOne<C extends CollectionName>(coll: C, where: Where): Promise<Stored<DocOf<C>> | null>;
  async findOne<T>(coll: CollectionName, where: Where): Promise<Stored<T> | null>;
  async findOne<T>(coll: CollectionName, where: Where): Promise<Stored<T> | null> {
    const [first] = await this.find<T>(coll, where, { limit: 1 });
    return first ?? null;
  }

  /**
   * An aggregation pipeline, stages written as MongoDB stage objects ({ $match: … }, { $group: … }):
   * each becomes the SDK's stage call of that name. Put a $match the indexes serve first, and a
   * $limit last (the cloud answers at most 1,000 results a call, the SDK defaults to 20).
   * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/Collection.aggregate.html
   */
  async aggregate<T>(coll: CollectionName, stages: ReadonlyArray<Record<string, unknown>>): Promise<T[]> {
    let agg = this.coll(coll).aggregate();
    for (const stage of stages) {
      const [key, value] = Object.entries(stage)[0]!;
      agg = agg[key.slice(1)]!(value) as typeof agg;
    }
    return (await agg.end()).list as T[];
  }

  async count(coll: CollectionName, where: Where): Promise<number> {
    return (await this.coll(coll).where(where).count()).total;
  }

  async add<T extends object>(coll: CollectionName, doc: T): Promise<string> {
    return (await this.coll(coll).add({ data: doc }))._id;
  }

  /**
   * Several documents in one request: the server SDK's add() takes an array (wx-server-sdk answers
   * `_ids`; CloudBase's 批量插入文档 inserts one or more documents: https://docs.cloudbase.net/http-api/nosql/insert-documents).
   * A document may bring its own _id, which must be new; not inside a transaction.
   */
  async addMany<T extends object>(coll: CollectionName, docs: readonly T[]): Promise<string[]> {
    if (docs.length === 0) return [];
    return (await this.coll(coll).add({ data: [...docs] }))._ids;
  }

  async set<T extends object>(coll: CollectionName, id: string, doc: T): Promise<void> {
    await this.coll(coll)
      .doc(id)
      .set({ data: withoutId(doc) });
  }

  async update(coll: CollectionName, id: string, patch: object): Promise<number> {
    return (await this.coll(coll).doc(id).update({ data: patch })).stats.updated;
  }

  async updateWhere(coll: CollectionName, where: Where, patch: object): Promise<number> {
    return (await this.coll(coll).where(where).update({ data: patch })).stats.updated;
  }

  /** Every document matching `where`, in one request. */
  async removeWhere(coll: CollectionName, where: Where): Promise<number> {
    return (await this.coll(coll).where(where).remove()).stats.removed;
  }

  async remove(coll: CollectionName, id: string): Promise<number> {
    return (await this.coll(coll).doc(id).remove()).stats.removed;
  }

  /**
   * A unit of work in one cloud-database transaction (single-document operations only),
   * retried as a whole when it loses a write conflict. The work's value comes back, or the
   * Refusal it raised with `refuse()` (which rolled the transaction back): the one way to run
   * a transaction, so no caller wraps it again.
   *
   * The SDK's own runTransaction re-runs the callback on a conflict, by default 3 times and at
   * once ("事务执行最多次数，默认 3 次 … 只有事务冲突时会重试" — developers.weixin.qq.com/miniprogram/dev/
   * wxcloudservice/wxcloud/reference-sdk-api/database/Database.runTransaction.html); here it is
   * asked for one run and the retries are ours: up to `retries` more, each after a random wait
   * below a ceiling that doubles (5, 10, 20 … ms, at most 160 — "full jitter"), so writers that
   * collided do not collide again in step.
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>, retries = 6): Promise<T | Refusal> {
    for (let attempt = 0; ; attempt++) {
      try {
        let tx: Tx | null = null;
        const value = await this.raw.runTransaction(async (raw) => work((tx = new Tx(raw))), 1);
        (tx as Tx | null)?.committed();
        return value;
      } catch (e) {
        const refusal = refusalIn(e);
        if (refusal) return refusal;
        if (!isConflict(e) || attempt >= retries) throw e;
        await new Promise((r) => setTimeout(r, 1 + Math.random() * Math.min(160, 5 * 2 ** attempt)));
      }
    }
  }
}

/** The operations a transaction allows: one document at a time. */
export class Tx {
  private readonly onCommit: Array<() => void> = [];

  constructor(private readonly raw: Parameters<Parameters<SdkDatabase['runTransaction']>[0]>[0]) {}

  /**
   * Run `fn` once this transaction has committed (never when it is refused, fails or loses a
   * conflict: the retry is a new Tx). For work that must see the change as durable, e.g. kicking
   * the outbox's delivery; `fn` must not throw and must not make the caller wait (start, don't await).
   */
  afterCommit(fn: () => void): void {
    this.onCommit.push(fn);
  }

  /** Called by Db.transaction after the commit. */
  committed(): void {
    for (const fn of this.onCommit.splice(0)) {
      try {
        fn();
      } catch {
        // An after-commit hook's failure is its own to report; the committed change stands.
      }
    }
  }

  /** The document as this transaction sees it, or null (a transaction's get never throws for a missing one). */
  async get<C extends CollectionName>(coll: C, id: string): Promise<Stored<DocOf<C>> | null>;
  async get<T>(coll: CollectionName, id: string): Promise<Stored<T> | null>;
  async get<T>(coll: CollectionName, id: string): Promise<Stored<T> | null> {
    const res = await this.raw.collection(coll).doc(id).get();
    return (res.data as Stored<T> | null) ?? null;
  }

  async set<T extends object>(coll: CollectionName, id: string, doc: T): Promise<void> {
    await this.raw
      .collection(coll)
      .doc(id)
      .set({ data: withoutId(doc) });
  }

  async update(coll: CollectionName, id: string, patch: object): Promise<number> {
    return (
      await this.raw
        .collection(coll)
        .doc(id)
        .update({ data: withoutId(patch) })
    ).stats.updated;
  }

  async remove(coll: CollectionName, id: string): Promise<void> {
    await this.raw.collection(coll).doc(id).remove();
  }

  async add<T extends object>(coll: CollectionName, doc: T): Promise<string> {
    return (await this.raw.collection(coll).add({ data: doc }))._id;
  }
}
