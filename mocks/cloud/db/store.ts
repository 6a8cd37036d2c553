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
    begin: Database.Statement;
    commit: Database.Statement;
    rollback: Database.Statement;
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
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      commit: this.db.prepare('COMMIT'),
      rollback: this.db.prepare('ROLLBACK'),
    };
    this.writeTx = this.db.transaction((fn: () => { writes: Write[]; result: unknown }) => this.writeBody(fn));
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
    if (!this.grouping) this.commitGroup();
    this.refresh();
    if (this.collections.has(name)) return false;
    this.stmt.addColl.run(name, now);
    this.requests++;
    this.collections.add(name);
    return true;
  }

  dropCollection(name: string): void {
    if (!this.grouping) this.commitGroup();
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
    // A write outside a group (a seed, a test, the CLI) is durable when it returns: the group goes first.
    if (!this.grouping && this.group) this.commitGroup();
    if (this.grouping && !this.group) this.openGroup();
    this.pending.clear();
    const { writes, result } = this.writeTx.immediate(fn) as { writes: Write[]; result: T };
    this.requests++;
    // Only now that SQLite committed (or, in a group, released the write's savepoint) does the cache see the writes.
    for (const w of writes) this.applyToCache(w);
    return result;
  }

  /** One transaction function for every write (better-sqlite3 builds one per call otherwise); nested in a group it is a savepoint. */
  private readonly writeTx: Database.Transaction<(fn: () => { writes: Write[]; result: unknown }) => { writes: Write[]; result: unknown }>;

  private writeBody(fn: () => { writes: Write[]; result: unknown }): { writes: Write[]; result: unknown } {
    // In a group this connection holds the write lock since the group began: no one else committed.
    if (!this.group) this.refresh(true);
    const { writes, result } = fn();
    let ver = this.group ? this.group.ver : (this.stmt.lastVer.get() as number);
    for (const w of writes) if (this.applyToDisk(w, ver + 1)) ver++;
    if (this.group) this.group.ver = ver;
    else this.stmt.setLastVer.run(ver);
    return { writes, result };
  }

  // ---- group commit -------------------------------------------------------------------------

  /**
   * The writes of one turn of the event loop, in one SQLite transaction (group commit): each
   * write is still atomic on its own (a savepoint), and its answer is held until the group is
   * committed (durable), so a caller never learns of a write that could still be lost. Why:
   * the local cloud served each conditional update of a submit (its holds) as its own SQLite
   * commit, the largest share of the database thread's CPU at 250 submissions/s.
   */
  private group: { ver: number; done: Promise<void>; resolve: () => void; reject: (e: unknown) => void } | null = null;
  private grouping = false;

  /**
   * Run `fn` (one database request) with its writes joined to this turn's group. Answers
   * `durable`: null when nothing it saw is uncommitted, else the group's commit, to await before
   * answering — reads too, since they may see the group's writes.
   */
  inGroup<T>(fn: () => T): { result: T; durable: Promise<void> | null } {
    this.grouping = true;
    try {
      const result = fn();
      return { result, durable: this.group?.done ?? null };
    } finally {
      this.grouping = false;
    }
  }

  private openGroup(): void {
    this.stmt.begin.run();
    this.refresh(true);
    let resolve!: () => void;
    let reject!: (e: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // A caller that gives up on its answer must not leave an unhandled rejection behind.
    done.catch(() => undefined);
    this.group = { ver: this.stmt.lastVer.get() as number, done, resolve, reject };
    setImmediate(() => this.commitGroup());
  }

  private commitGroup(): void {
    const g = this.group;
    if (!g) return;
    this.group = null;
    try {
      this.stmt.setLastVer.run(g.ver);
      this.stmt.commit.run();
      this.requests++;
      g.resolve();
    } catch (e) {
      if (this.db.inTransaction) this.stmt.rollback.run();
      // The cache saw writes that are now gone: read everything again from the file.
      this.cache.clear();
      this.indexes.clear();
      this.dataVersion = -1;
      g.reject(e);
    }
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
    this.commitGroup();
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
