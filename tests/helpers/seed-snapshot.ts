import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { realNow } from '../../mocks/clock';
import { LocalCloud } from '../../mocks/cloud';
import { seed } from '../../mocks/seed';
import { TEST_REFERENCE_DATE } from './clock';
import type { TestCloud, TestCloudOptions } from './local-cloud';
import { createTestCloud } from './local-cloud';

/**
 * The demo data set, seeded once per machine and reused: generating and inserting it costs about
 * 4.7 s of CPU, and some 40 test files (functions, mini-program, browser) each want their own
 * seeded cloud. The first to ask seeds a throw-away local cloud and keeps its database (SQLite's
 * serialized image) and its storage folder (the product pictures and enablement files) under
 * node_modules/.cache; everyone else opens an in-memory copy of that image and copies the folder,
 * so each test file still gets its own independent cloud, as if it had seeded it itself.
 *
 * The cache is keyed by a hash of everything the seeded result depends on: the seeder, the local
 * cloud that stores it, the shared rules and types, the installed packages (package-lock.json) and
 * the reference date. A change to any of them seeds afresh. tests/functions/seed.test.ts and
 * demo-any-day.test.ts still run the real seeder: they are what proves it.
 */

const REPO = path.resolve(__dirname, '..', '..');
const CACHE_ROOT = path.join(REPO, 'node_modules', '.cache', 'seeded-snapshot');
/** What the seeded result depends on (folders are read recursively). */
const INPUTS = ['mocks/seed', 'mocks/cloud', 'shared', 'tests/helpers/seed-snapshot.ts', 'tests/helpers/clock.ts', 'package-lock.json'];

export interface SeedSnapshot {
  /** The seeded database, serialized (open with `new LocalCloud({ dbFile: ':memory:', dbImage })`). */
  dbImage: Buffer;
  /** The seeded storage folder: copy it, never write into it. */
  storageDir: string;
}

function filesUnder(rel: string): string[] {
  const abs = path.join(REPO, rel);
  if (!fs.existsSync(abs)) return [];
  if (!fs.statSync(abs).isDirectory()) return [rel];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .filter((d) => !d.name.startsWith('.'))
    .flatMap((d) => (d.isDirectory() ? filesUnder(path.join(rel, d.name)) : [path.join(rel, d.name)]));
}

let memoKey: string | null = null;

/** The hash of the seeder's inputs: the cache folder's name. */
export function snapshotKey(): string {
  if (memoKey) return memoKey;
  const hash = createHash('sha256').update(`${TEST_REFERENCE_DATE}\0${process.versions.modules}\0`);
  for (const file of INPUTS.flatMap(filesUnder).sort())
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(REPO, file)))
      .update('\0');
  memoKey = hash.digest('hex').slice(0, 20);
  return memoKey;
}

/** Seed a throw-away cloud and keep its database and storage as the snapshot in `dir`. */
function build(dir: string): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-snapshot-'));
  try {
    const storageDir = path.join(work, 'storage');
    const cloud = new LocalCloud({ dbFile: ':memory:', storageDir });
    try {
      seed(cloud, { referenceDate: TEST_REFERENCE_DATE });
      fs.mkdirSync(storageDir, { recursive: true });
      fs.writeFileSync(path.join(work, 'db.sqlite'), cloud.store.db.serialize());
    } finally {
      cloud.close();
    }
    fs.mkdirSync(path.dirname(dir), { recursive: true });
    // Two test workers may build at once: the first rename wins, the other's copy is dropped.
    try {
      fs.renameSync(work, dir);
    } catch (e) {
      if (!fs.existsSync(path.join(dir, 'db.sqlite'))) throw e;
    }
    pruneStale(path.basename(dir));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Snapshots of other inputs unused for ten minutes (each use touches its folder; a file reads its
 * copy as it starts): while shared/ is being edited every change makes a new 20 MB snapshot. The
 * real clock, not a test's pinned one.
 */
function pruneStale(keep: string): void {
  for (const name of fs.readdirSync(CACHE_ROOT)) {
    const dir = path.join(CACHE_ROOT, name);
    if (name !== keep && realNow() - fs.statSync(dir).mtimeMs > 600_000) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The snapshot folder, seeded first if this machine has none for the current inputs. */
export function ensureSeedSnapshot(): string {
  const dir = path.join(CACHE_ROOT, snapshotKey());
  if (!fs.existsSync(path.join(dir, 'db.sqlite'))) build(dir);
  else {
    const now = new Date(realNow());
    fs.utimesSync(dir, now, now);
  }
  return dir;
}

/** The seeded database image and storage folder. */
export function seedSnapshot(): SeedSnapshot {
  const dir = ensureSeedSnapshot();
  return { dbImage: fs.readFileSync(path.join(dir, 'db.sqlite')), storageDir: path.join(dir, 'storage') };
}

/** Copy the snapshot's storage folder into `storageDir` (a fresh cloud's own). */
export function copySnapshotStorage(from: string, storageDir: string): void {
  fs.cpSync(from, storageDir, { recursive: true });
}

/**
 * A test cloud holding its own copy of the seeded demo data: what createTestCloud() and then
 * seed(cloud, { referenceDate: TEST_REFERENCE_DATE }) give, without seeding again. The clock is
 * left alone (seededCloud() in ./seeded pins it as well).
 */
export function createSeededTestCloud(opts: Omit<TestCloudOptions, 'dbImage' | 'dbFile' | 'onDisk' | 'standardCollections'> = {}): TestCloud {
  const snapshot = seedSnapshot();
  const t = createTestCloud({ ...opts, standardCollections: false, dbImage: snapshot.dbImage });
  copySnapshotStorage(snapshot.storageDir, path.join(t.dir, 'storage'));
  // Read every document now, as seeding left them in the store's cache: otherwise the first test
  // to touch a large collection pays for parsing it inside its own timeout.
  for (const name of t.cloud.store.listCollections()) t.cloud.store.size(name);
  return t;
}
