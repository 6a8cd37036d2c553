import path from 'node:path';
import { COLLECTIONS } from '../../shared/collections';
import { LocalCloud, REPO_ROOT } from './index';
import { checkDbPath } from '../args';

export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data');

export interface OpenOptions {
  /** SQLite file; default $LOCAL_CLOUD_DB or .data/local-cloud.sqlite. */
  dbFile?: string;
  storageDir?: string;
  publicUrl?: string;
  mode?: 'source' | 'bundle';
  /** Run functions in this many worker threads (LocalCloudOptions.workers; the benchmarks). */
  workers?: number;
}

/** Create every collection the functions use that does not exist yet (what setup does in a real env). */
export function ensureCollections(cloud: LocalCloud): string[] {
  const created: string[] = [];
  for (const name of COLLECTIONS) {
    if (!cloud.store.hasCollection(name)) {
      cloud.db.handle('database.addCollection', { collectionName: name });
      created.push(name);
    }
  }
  return created;
}

/** Open the persistent local cloud of this checkout and route the SDK to it. */
export function openLocalCloud(opts: OpenOptions = {}): LocalCloud {
  const dbFile = checkDbPath(
    opts.dbFile ?? process.env['LOCAL_CLOUD_DB'] ?? path.join(DEFAULT_DATA_DIR, 'local-cloud.sqlite'),
    opts.dbFile ? '--db' : 'LOCAL_CLOUD_DB',
  );
  const storageDir = opts.storageDir ?? path.join(path.dirname(path.resolve(dbFile === ':memory:' ? DEFAULT_DATA_DIR + '/x' : dbFile)), 'storage');
  const cloud = new LocalCloud({ dbFile, storageDir, publicUrl: opts.publicUrl, mode: opts.mode, workers: opts.workers }).install();
  ensureCollections(cloud);
  return cloud;
}
