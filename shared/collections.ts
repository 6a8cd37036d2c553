/**
 * Every collection of the cloud database. Deploying to a new environment creates exactly
 * these (`npm run cloud -- admin '{"action":"setup"}'` locally, or the console by hand).
 */
export const COLLECTIONS = [
  'users',
  'dealers',
  'categories',
  'products',
  'warehouses',
  'stock',
  'orders',
  'audit_log',
  /** Bookkeeping of the environment itself, e.g. the demo-data marker `seed` written by mocks/seed. */
  'system',
] as const;

export type CollectionName = (typeof COLLECTIONS)[number];
