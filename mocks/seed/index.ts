import { COLLECTIONS } from '../../shared/collections';
import type { LocalCloud } from '../cloud';
import { stringifyEJSON } from '../cloud/db/ejson';
import type { GenerateOptions, SeedDataSet } from './data';
import { SEEDED_COLLECTIONS, SEED_MARKER_ID, generate } from './data';
import { attachEnablementFiles } from './enablement';
import { PERSONAS } from './people';
import { productLooks } from './catalog';
import { attachProductImages } from './images';

export { describeDataSet, generate, summarize, DEFAULT_REFERENCE_DATE, DEFAULT_SEED, SEEDED_COLLECTIONS } from './data';
export type { GenerateOptions, SeedDataSet, SeedSummary } from './data';

export interface SeedOptions extends GenerateOptions {
  /** Drop every collection of the app (all of COLLECTIONS, not only the seeded ones) and seed again. */
  reset?: boolean;
}

export interface SeedResult {
  /** False when the demo data was already there and nothing was written. */
  seeded: boolean;
  /** Documents per seeded collection after the call. */
  counts: Record<string, number>;
  /** Collections that had to be created. */
  created: string[];
  /** Collections dropped by reset. */
  dropped: string[];
}

/** Documents per insertDocument request: big enough to be quick, small enough to stay a sane request. */
const BATCH = 400;

function check(answer: Record<string, unknown>, what: string): void {
  if (answer['code']) throw new Error(`seed: ${what} failed: ${String(answer['code'])} ${String(answer['message'] ?? '')}`);
}

function countsOf(cloud: LocalCloud): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of SEEDED_COLLECTIONS) counts[name] = cloud.store.hasCollection(name) ? cloud.store.all(name).length : 0;
  return counts;
}

function ensureCollections(cloud: LocalCloud): string[] {
  const created: string[] = [];
  for (const name of COLLECTIONS) {
    if (cloud.store.hasCollection(name)) continue;
    check(cloud.db.handle('database.addCollection', { collectionName: name }), `creating collection ${name}`);
    created.push(name);
  }
  return created;
}

/** Whether the demo data is already in the database: the marker, or (written by hand or an older seeder) the admin persona. */
export function isSeeded(cloud: LocalCloud): boolean {
  if (cloud.store.hasCollection('system') && cloud.store.get('system', SEED_MARKER_ID)) return true;
  return cloud.store.hasCollection('users') && cloud.store.all('users').some((u) => u['openid'] === PERSONAS.admin);
}

/**
 * Write the demo data set into a local cloud once. Creates every collection the app uses
 * that is missing; inserts nothing when the data is already there (the `system/seed` marker);
 * `reset` drops the app's collections first and starts over.
 */
export function seed(cloud: LocalCloud, opts: SeedOptions = {}): SeedResult {
  const dropped: string[] = [];
  if (opts.reset) {
    for (const name of COLLECTIONS) {
      if (!cloud.store.hasCollection(name)) continue;
      cloud.store.dropCollection(name);
      dropped.push(name);
    }
  }
  const created = ensureCollections(cloud);
  if (isSeeded(cloud)) return { seeded: false, counts: countsOf(cloud), created, dropped };

  const partial = SEEDED_COLLECTIONS.filter((name) => name !== 'system' && cloud.store.all(name).length > 0);
  if (partial.length > 0) {
    throw new Error(`seed: ${partial.join(', ')} already hold documents but the demo-data marker is missing; run \`npm run seed -- --reset\` to start over`);
  }
  const data = generate(opts);
  // Pictures live in storage, not in the generated data: generate() stays the same on any machine.
  attachProductImages(cloud.storage, data.products, productLooks());
  attachEnablementFiles(cloud.storage, data.enablement_resources);
  insertAll(cloud, data);
  return { seeded: true, counts: countsOf(cloud), created, dropped };
}

function insertAll(cloud: LocalCloud, data: SeedDataSet): void {
  for (const name of SEEDED_COLLECTIONS) {
    const docs: object[] = data[name];
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH).map((d) => stringifyEJSON(d));
      check(cloud.db.handle('database.insertDocument', { collectionName: name, data: batch }), `inserting into ${name}`);
    }
  }
}
