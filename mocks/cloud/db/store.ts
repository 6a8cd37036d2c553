import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
// Explicitly Node's: the store also runs inside jsdom test environments, which have no global setImmediate.
import { setImmediate } from 'node:timers';
import type { Doc } from './ejson';
import { parseEJSON, stringifyEJSON } from './ejson';

interface Entry {
  ver: number;
  doc: Doc;
}

/** One write applied inside one SQLite transaction. */
export type Write = { kind: 'put'; coll: string; doc: Doc; expectVer?: number | null } | { kind: 'delete'; coll: string; id: string };

/**
 * Documents persisted in one SQLite file (WAL), with a per-process cache of parsed
 * documents. The cache is dropped whenever another connection (another process: the CLI,
 * a second server) commits, which SQLite reports through PRAGMA data_version.
 */
export class Store {
  readonly db: Database.Database;
  private readonly cache = new Map<string, Map<string, Entry>>();
  private readonly collections = new Set<string>();
  private dataVersion = -1;
  private readonly stmt: {
    dataVersion: Database.Statement;
    all: Database.Statement;
    put: Database.Statement;
    del: Database.Statement;
    colls: Database.Statement;
    addColl: Database.Statement;
    dropColl: Database.Statement;
    dropDocs: Database.Statement;
    lastVer: Database.Statement;
    setLastVer: Database.Statement;
  };
  /** Incremented on every SQLite round trip; the benchmarks report it. */
  requests = 0;

  /**
   * `image`: a serialized database (`db.serialize()`) to start from, opened as an in-memory copy
   * (file must be ':memory:'): the tests seed the demo data once and give each file its own copy.
   */
  constructor(
    readonly file: string,
    image?: Buffer,
  ) {
    if (image && file !== ':memory:') throw new Error('Store: a database image opens in memory only');
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = image ? new Database(image) : new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode survives a killed process; only a power cut may lose the last commits.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    if (file !== ':memory:') this.checkpointer = startCheckpointer(file, this.db);
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS docs (
        coll TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL, ver INTEGER NOT NULL,
        PRIMARY KEY (coll, id)) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS colls (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v INTEGER NOT NULL);
      INSERT OR IGNORE INTO meta (k, v) SELECT 'ver', COALESCE(MAX(ver), 0) FROM docs;
    `);
    this.stmt = {
      dataVersion: this.db.prepare('PRAGMA data_version').pluck(),
      all: this.db.prepare('SELECT id, body, ver FROM docs WHERE coll = ?'),
      put: this.db.prepare(
        'INSERT INTO docs (coll, id, body, ver) VALUES (?, ?, ?, ?) ON CONFLICT(coll, id) DO UPDATE SET body = excluded.body, ver = excluded.ver',
      ),
      del: this.db.prepare('DELETE FROM docs WHERE coll = ? AND id = ?'),
      colls: this.db.prepare('SELECT name FROM colls').pluck(),
      addColl: this.db.prepare('INSERT OR IGNORE INTO colls (name, created_at) VALUES (?, ?)'),
      dropColl: this.db.prepare('DELETE FROM colls WHERE name = ?'),
      dropDocs: this.db.prepare('DELETE FROM docs WHERE coll = ?'),
      lastVer: this.db.prepare("SELECT v FROM meta WHERE k = 'ver'").pluck(),
      setLastVer: this.db.prepare("UPDATE meta SET v = ? WHERE k = 'ver'"),
    };
    this.refresh();
  }

  /**
   * Drop cached state if any other connection committed since we last looked. One look per
   * turn of the event loop is enough: until this process next waits for I/O, a commit by
   * another process is indistinguishable from one made just after. A write transaction
   * forces a look after taking the lock, so writes and transaction checks always see it.
   */
  private freshThisTurn = false;
  private refresh(force = false): void {
    if (this.freshThisTurn && !force) return;
    if (!this.freshThisTurn) {
      this.freshThisTurn = true;
      setImmediate(() => {
        this.freshThisTurn = false;
      });
    }
    const v = this.stmt.dataVersion.get() as number;
    this.requests++;
    if (v !== this.dataVersion) {
      this.dataVersion = v;
      this.cache.clear();
      this.indexes.clear();
      this.collections.clear();
      for (const name of this.stmt.colls.all() as string[]) this.collections.add(name);
    }
  }

  /**
   * Equality indexes, built on first use per collection and top-level field, kept in step with
   * the cache: value -> ids. Only scalar values are indexed; a document whose field holds an
   * array or object is listed under UNINDEXED and always considered.
   */
  private readonly indexes = new Map<string, Map<string, Map<unknown, Set<string>>>>();
  private static readonly UNINDEXED = Symbol('unindexed');

  private static indexKey(v: unknown): unknown {
    if (v === undefined) return null;
    if (v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
    return Store.UNINDEXED;
  }

  private index(coll: string, field: string): Map<unknown, Set<string>> {
    let byField = this.indexes.get(coll);
    if (!byField) this.indexes.set(coll, (byField = new Map()));
    let idx = byField.get(field);
    if (!idx) {
      idx = new Map();
      for (const [id, e] of this.entries(coll)) {
        const k = Store.indexKey(e.doc[field]);
        let set = idx.get(k);
        if (!set) idx.set(k, (set = new Set()));
        set.add(id);
      }
      byField.set(field, idx);
    }
    return idx;
  }

  private reindex(coll: string, id: string, before: Doc | undefined, after: Doc | undefined): void {
    const byField = this.indexes.get(coll);
    if (!byField) return;
    for (const [field, idx] of byField) {
      if (before) idx.get(Store.indexKey(before[field]))?.delete(id);
      if (after) {
        const k = Store.indexKey(after[field]);
        let set = idx.get(k);
        if (!set) idx.set(k, (set = new Set()));
        set.add(id);
      }
    }
  }

  /**
   * Documents whose top-level `field` equals one of `values` (plus those whose field is not a
   * scalar, which the caller's full filter decides). Shared objects: never mutate them.
   */
  lookup(coll: string, field: string, values: readonly unknown[]): Doc[] {
    this.refresh();
    const map = this.entries(coll);
    const idx = this.index(coll, field);
    const ids = new Set<string>();
    for (const v of values) for (const id of idx.get(Store.indexKey(v)) ?? []) ids.add(id);
    for (const id of idx.get(Store.UNINDEXED) ?? []) ids.add(id);
    const out: Doc[] = [];
    for (const id of ids) {
      const e = map.get(id);
      if (e) out.push(e.doc);
    }
    return out;
  }

  hasCollection(name: string): boolean {
    this.refresh();
    return this.collections.has(name);
  }

  listCollections(): string[] {
    this.refresh();
    return [...this.collections].sort();
  }

  /** Returns false when it already existed. */
  addCollection(name: string, now: number): boolean {
    this.refresh();
    if (this.collections.has(name)) return false;
    this.stmt.addColl.run(name, now);
    this.requests++;
    this.collections.add(name);
    return true;
  }

  dropCollection(name: string): void {
    this.db
      .transaction(() => {
        this.stmt.dropDocs.run(name);
        this.stmt.dropColl.run(name);
      })
      .immediate();
    this.requests++;
    this.cache.delete(name);
    this.indexes.delete(name);
    this.collections.delete(name);
  }

  /**
   * The extended-JSON text of stored documents, kept from the row they were read from or
   * written to: documents are never mutated, so a read answers with the text as it is.
   */
  private readonly texts = new WeakMap<object, string>();

  /** A document's extended-JSON text (relaxed), from the cache when it is a stored one. */
  textOf(doc: Doc): string {
    let text = this.texts.get(doc);
    if (text === undefined) {
      text = stringifyEJSON(doc);
      this.texts.set(doc, text);
    }
    return text;
  }

  private entries(coll: string): Map<string, Entry> {
    let map = this.cache.get(coll);
    if (!map) {
      map = new Map();
      this.requests++;
      for (const row of this.stmt.all.iterate(coll) as Iterable<{ id: string; body: string; ver: number }>) {
        const doc = parseEJSON(row.body) as Doc;
        this.texts.set(doc, row.body);
        map.set(row.id, { ver: row.ver, doc });
      }
      this.cache.set(coll, map);
    }
    return map;
  }

  /** All documents of a collection. The returned objects are shared: never mutate them. */
  all(coll: string): Doc[] {
    this.refresh();
    return [...this.entries(coll).values()].map((e) => e.doc);
  }

  /** How many documents a collection holds. */
  size(coll: string): number {
    this.refresh();
    return this.entries(coll).size;
  }

  get(coll: string, id: string): { doc: Doc; ver: number } | null {
    this.refresh();
    const e = this.entries(coll).get(id);
    return e ? { doc: e.doc, ver: e.ver } : null;
  }

  /**
   * Run `fn` holding SQLite's write lock with a fresh view, then apply the writes it returns,
   * all in one SQLite transaction: either every write lands or none does.
   */
  write<T>(fn: () => { writes: Write[]; result: T }): T {
    this.pending.clear();
    const run = this.db.transaction(() => {
      this.refresh(true);
      const { writes, result } = fn();
      let ver = this.stmt.lastVer.get() as number;
      for (const w of writes) if (this.applyToDisk(w, ver + 1)) ver++;
      this.stmt.setLastVer.run(ver);
      return { writes, result };
    });
    const { writes, result } = run.immediate();
    this.requests++;
    // Only now that SQLite committed does the cache see the writes.
    for (const w of writes) this.applyToCache(w);
    return result;
  }

  currentVersion(coll: string, id: string): number | null {
    return this.entries(coll).get(id)?.ver ?? null;
  }

  private pending = new Map<string, number>();

  /**
   * Versions come from one counter for the whole file, so a document removed and created again
   * never gets back a version a transaction may have seen. Returns whether `ver` was used.
   */
  private applyToDisk(w: Write, ver: number): boolean {
    if (w.kind === 'put') {
      this.pending.set(`${w.coll}\u0000${w.doc._id}`, ver);
      this.stmt.put.run(w.coll, w.doc._id, this.textOf(w.doc), ver);
      return true;
    }
    this.stmt.del.run(w.coll, w.id);
    return false;
  }

  private applyToCache(w: Write): void {
    const map = this.cache.get(w.coll);
    if (w.kind === 'put') {
      const key = `${w.coll}\u0000${w.doc._id}`;
      const ver = this.pending.get(key) ?? 1;
      this.pending.delete(key);
      if (map) {
        this.reindex(w.coll, w.doc._id, map.get(w.doc._id)?.doc, w.doc);
        map.set(w.doc._id, { ver, doc: w.doc });
      }
    } else if (map) {
      this.reindex(w.coll, w.id, map.get(w.id)?.doc, undefined);
      map.delete(w.id);
    }
  }

  private checkpointer: Worker | null = null;

  close(): void {
    void this.checkpointer?.terminate();
    this.checkpointer = null;
    this.db.close();
  }
}

/**
 * WAL checkpoints copy committed pages into the database file and fsync it, which on a busy
 * disk can take tens of milliseconds, and SQLite runs them inside whichever commit crosses the
 * threshold: a stall for every caller waiting behind that commit. Here a worker thread with its
 * own connection checkpoints every second in PASSIVE mode, which never blocks writers or
 * readers; the main connection keeps a far higher threshold of its own, in case the worker
 * falls behind. Durability is unchanged (synchronous = NORMAL, WAL).
 */
function startCheckpointer(file: string, db: Database.Database): Worker | null {
  const code = `
    const { workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 1000');
    setInterval(() => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} }, 1000);
  `;
  try {
    const worker = new Worker(code, { eval: true, workerData: { file: path.resolve(file), driver: require.resolve('better-sqlite3') } });
    worker.unref();
    worker.on('error', () => db.pragma('wal_autocheckpoint = 1000'));
    db.pragma('wal_autocheckpoint = 20000');
    return worker;
  } catch {
    return null;
  }
}
