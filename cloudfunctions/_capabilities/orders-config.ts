import type { ApprovalRule } from '@shared/orders';
import { approvalRuleSchema } from '@shared/orders';
import type { WarehouseDoc } from '@shared/models';
import { NO_CATEGORIES } from '@shared/targeting';
import type { CategoryTree } from '@shared/targeting';
import { loadCategoryTree } from './categories';
import type { Db, Stored } from '../_kit/db';
import { log } from '../_kit/log';

/**
 * What order submission needs besides the order itself: the warehouses, the enabled approval
 * rules and the category tree they decide with (a category_in rule on a parent category covers
 * the categories below it).
 */
export interface OrdersConfig {
  warehouses: Array<Stored<WarehouseDoc>>;
  approvalRules: ApprovalRule[];
  /** Read on every call that has a category_in rule (once per call, see categories.ts); else empty. */
  categories: CategoryTree;
}

/** The instance's copy, under the orders-config version it was read at (see versions.ts). */
let cached: { version: number; config: Omit<OrdersConfig, 'categories'> } | null = null;

/**
 * The orders configuration of `version`: warehouses and approval rules from the instance's cache,
 * or read again when the version moved; the category tree as it is now, when a rule needs it.
 */
export async function loadOrdersConfig(db: Db, version: number): Promise<OrdersConfig> {
  const config = await rulesAndWarehouses(db, version);
  const byCategory = config.approvalRules.some((r) => r.code === 'category_in');
  return { ...config, categories: byCategory ? await loadCategoryTree(db) : NO_CATEGORIES };
}

async function rulesAndWarehouses(db: Db, version: number): Promise<Omit<OrdersConfig, 'categories'>> {
  if (cached && cached.version === version) return cached.config;
  const [warehouses, docs] = await Promise.all([db.findAll('warehouses', {}), db.findAll('approval_rules', { enabled: true })]);
  const approvalRules: ApprovalRule[] = [];
  for (const d of docs) {
    // Stored rules were validated on the way in; parse again so a hand-edited bad document is skipped (and said), not fatal.
    const parsed = approvalRuleSchema.safeParse(d.rule);
    if (parsed.success) approvalRules.push(parsed.data);
    else log.warn('approval rule skipped: it does not match its schema', { id: d._id });
  }
  const config = { warehouses, approvalRules };
  cached = { version, config };
  return config;
}
