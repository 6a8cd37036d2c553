import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LocalCloudOptions } from '../../mocks/cloud';
import { LocalCloud } from '../../mocks/cloud';
import { COLLECTIONS } from '../../shared/collections';

/* eslint-disable @typescript-eslint/no-explicit-any -- the SDK's typings are loose; tests use it untyped */
export type Sdk = any;
export type Database = any;
export type Command = any;

export interface TestCloud {
  cloud: LocalCloud;
  /** wx-server-sdk, initialised for the current environment. */
  sdk: Sdk;
  db: Database;
  _: Command;
  /** Temp folder holding storage (and the database file unless ':memory:' was asked for). */
  dir: string;
  cleanup: () => void;
}

export interface TestCloudOptions extends Partial<Omit<LocalCloudOptions, 'storageDir'>> {
  /** Collections to create besides COLLECTIONS. */
  extraCollections?: readonly string[];
  /** Create COLLECTIONS (default true). */
  standardCollections?: boolean;
  /** Keep the database in a file inside the temp dir instead of ':memory:'. */
  onDisk?: boolean;
}

/**
 * A LocalCloud on a fresh temp dir, installed as the SDK's network layer, with all
 * collections created. Call cleanup() in afterAll/afterEach: it closes the database and
 * the upload listener and removes the temp dir.
 */
export function createTestCloud(opts: TestCloudOptions = {}): TestCloud {
  const { extraCollections = [], standardCollections = true, onDisk = false, ...rest } = opts;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-cloud-'));
  const dbFile = rest.dbFile ?? (onDisk ? path.join(dir, 'db.sqlite') : ':memory:');
  const cloud = new LocalCloud({ ...rest, dbFile, storageDir: path.join(dir, 'storage') }).install();
  const names = [...(standardCollections ? COLLECTIONS : []), ...extraCollections];
  for (const name of names) {
    if (!cloud.store.hasCollection(name)) cloud.db.handle('database.addCollection', { collectionName: name });
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV });
  const db = sdk.database();
  let closed = false;
  return {
    cloud,
    sdk,
    db,
    _: db.command,
    dir,
    cleanup: () => {
      if (closed) return;
      closed = true;
      cloud.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
