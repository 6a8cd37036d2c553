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
  /** Price lists, contract prices, tiers and promotions: one document per rule, _id = rule id. */
  'price_rules',
  /** Per dealer per limited promotion: how many orders used it (_id = dealerId:ruleId). */
  'promotion_usage',
  /** Approval rules of orders (shared/orders/approval): one document per rule, _id = rule id. */
  'approval_rules',
  /** Per dealer (_id = dealer id): receivable, credit reserved by open orders, rebate balance; fen. */
  'accounts',
  /** Payments received from dealers (回款), fen. */
  'payments',
] as const;

export type CollectionName = (typeof COLLECTIONS)[number];
