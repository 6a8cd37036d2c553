import type { Db, Tx } from './db';

/**
 * Configuration that every call needs but that changes rarely (price rules, approval rules,
 * warehouses) is cached by each function instance under a version number kept in `system`.
 * Every admin change bumps its version in the same transaction, and every call reads the
 * versions (one query for all of them), so an instance never uses configuration another
 * instance has changed: the caches are memos of database state, not state of their own.
 * Edit these collections through the admin actions; after an edit by hand in the console,
 * bump the version document by hand too (docs/admin.md).
 */
export const PRICING_VERSION_DOC = 'pricing-version';
export const ORDERS_CONFIG_VERSION_DOC = 'orders-config-version';

export interface Versions {
  /** Price rules and promotions. */
  pricing: number;
  /** Approval rules and warehouses. */
  ordersConfig: number;
}

/** Every configuration version, in one round trip. A version never written is 0. */
export async function readVersions(db: Db): Promise<Versions> {
  const docs = await db.find<{ version: number }>('system', { _id: db.command['in']!([PRICING_VERSION_DOC, ORDERS_CONFIG_VERSION_DOC]) }, { limit: 2 });
  const of = (id: string) => docs.find((d) => d._id === id)?.version ?? 0;
  return { pricing: of(PRICING_VERSION_DOC), ordersConfig: of(ORDERS_CONFIG_VERSION_DOC) };
}

/** Bump one version in the transaction that changes what it covers; returns the new version. */
export async function bumpVersion(tx: Tx, docId: typeof PRICING_VERSION_DOC | typeof ORDERS_CONFIG_VERSION_DOC, now: number): Promise<number> {
  const current = await tx.get<{ version: number }>('system', docId);
  const version = (current?.version ?? 0) + 1;
  await tx.set('system', docId, { version, updatedAt: now });
  return version;
}
