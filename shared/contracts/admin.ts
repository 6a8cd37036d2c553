import { z } from 'zod';
import { action } from '../contract';
import { approvalRuleSchema } from '../orders/approval';
import type { ApprovalRule } from '../orders/approval';
import { ruleSchema } from '../pricing/rules';
import type { Rule } from '../pricing/rules';
import { REGIONS } from '../dealer';
import { regionSchema } from '../targeting';
import { adminFinance } from './finance';

const id = z.string().min(1).max(64);

export interface RuleRecord {
  rule: Rule;
  /** Audit: who changed it last and when (epoch ms). */
  updatedAt: number;
  updatedBy: string;
}

export interface ApprovalRuleRecord {
  rule: ApprovalRule;
  /** Audit: who changed it last and when (epoch ms). */
  updatedAt: number;
  updatedBy: string;
}

/** A warehouse: the regions it serves first when stock is allocated (the dealer's region first, then the rest). */
export const warehouseSchema = z.strictObject({
  id: z.string().regex(/^wh-[a-z0-9-]{1,40}$/, '仓库 id 形如 wh-east（小写字母、数字和连字符）'),
  name: z.string().trim().min(1).max(40),
  city: z.string().trim().min(1).max(20),
  regions: z.array(regionSchema).max(Object.keys(REGIONS).length),
});
export type WarehouseInput = z.output<typeof warehouseSchema>;

export interface ImportIssue {
  /** 1-based line number in the CSV (the header is line 1). */
  line: number;
  column: string | null;
  message: string;
}

export interface ImportCatalogOutput {
  dryRun: boolean;
  /** Data rows read (the header excluded). */
  rows: number;
  errors: ImportIssue[];
  /** Products that would be (dryRun) or were created / updated; 0 and 0 whenever errors is not empty. */
  created: number;
  updated: number;
}

/**
 * What `setup` can say about who may read and write the collections. A cloud function cannot read a
 * collection's permission setting (wx-server-sdk has no API for it), so none is confirmed: each must
 * be checked in the console. Documents carrying `_openid` prove a client could write there.
 */
export interface SetupPermissions {
  /** Collections whose permission the function could not confirm as server-only (today: all of them). */
  unconfirmed: string[];
  /** Collections holding documents a client wrote (`_openid` set): open to clients now or before. */
  clientWritten: string[];
  /** What to set, for every collection and for storage. */
  required: string;
}

export interface SetupOutput {
  created: string[];
  permissions: SetupPermissions;
}

export const admin = {
  /**
   * Create every collection the functions use that does not exist yet (first deployment), and report
   * the collections whose permissions it cannot confirm as server-only.
   */
  setup: action<SetupOutput>()(z.strictObject({})),
  /** Create or replace a price rule or promotion (validated against its type's schema), audited. */
  upsertRule: action<{ id: string; created: boolean; version: number }>()(z.strictObject({ rule: ruleSchema }), {
    rule: {
      code: 'order_threshold_amount_off',
      id: 'promo-full-1000-50',
      name: '每满 ¥1000 减 ¥50',
      stackingGroup: 'order',
      args: { threshold: 100000, amountOff: 5000, repeatable: true, maxTimes: 10 },
    },
  }),
  /** Switch a rule off (kept for history), with a reason, audited. */
  disableRule: action<{ id: string; version: number }>()(z.strictObject({ id, reason: z.string().trim().min(2).max(200) }), {
    id: 'promo-full-1000-50',
    reason: '活动结束',
  }),
  /** Rules page by page (by id), optionally of one type. */
  listRules: action<{ items: RuleRecord[]; nextCursor: string | null }>()(
    z.strictObject({ code: z.string().min(1).max(60).optional(), cursor: id.optional(), limit: z.number().int().min(1).max(100).optional() }),
  ),
  /**
   * Create or replace an order approval rule (validated against its type's schema), audited.
   * Bumps the orders-config version, so every instance uses it on its next order.
   */
  upsertApprovalRule: action<{ id: string; created: boolean; version: number }>()(z.strictObject({ rule: approvalRuleSchema }), {
    rule: {
      code: 'order_amount_over',
      id: 'apr-amount-50k',
      name: '五万元以上订单审批',
      args: { thresholdFen: 5_000_000 },
      steps: [{ role: 'manager', label: '渠道经理审批' }],
    },
  }),
  /** Switch an approval rule off (kept for history), with a reason, audited. */
  disableApprovalRule: action<{ id: string; version: number }>()(z.strictObject({ id, reason: z.string().trim().min(2).max(200) }), {
    id: 'apr-amount-50k',
    reason: '规则调整',
  }),
  /** Approval rules page by page (by id), the switched-off ones included. */
  listApprovalRules: action<{ items: ApprovalRuleRecord[]; nextCursor: string | null }>()(
    z.strictObject({ cursor: id.optional(), limit: z.number().int().min(1).max(100).optional() }),
  ),
  /** Create or change a warehouse (name, city, the regions it serves first), audited; bumps the orders-config version. */
  upsertWarehouse: action<{ id: string; created: boolean; version: number }>()(z.strictObject({ warehouse: warehouseSchema }), {
    warehouse: { id: 'wh-north', name: '华北仓', city: '天津', regions: ['north'] },
  }),
  /**
   * Import products from CSV (header: sku,name,categoryId,spec,baseUnit,listPrice,packUnits,moq,multiple,status;
   * listPrice in 元 with up to 2 decimals; packUnits like 箱:12|件:1). A dry run reports every bad row by
   * line number; nothing is written until the whole file is clean.
   */
  importCatalog: action<ImportCatalogOutput>()(z.strictObject({ csv: z.string().min(1).max(2_000_000), dryRun: z.boolean() }), {
    csv: 'sku,name,categoryId,spec,baseUnit,listPrice,packUnits,moq,multiple,status\nsku-9001,青禾绿茶 试饮装,cat-tea,250ml×24瓶,瓶,3.50,箱:24|瓶:1,24,24,on_sale',
    dryRun: true,
  }),
  ...adminFinance,
};
