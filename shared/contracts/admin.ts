import { z } from 'zod';
import { action } from '../contract';
import { ruleSchema } from '../pricing/rules';
import type { Rule } from '../pricing/rules';

const id = z.string().min(1).max(64);

export interface RuleRecord {
  rule: Rule;
  /** Audit: who changed it last and when (epoch ms). */
  updatedAt: number;
  updatedBy: string;
}

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

export const admin = {
  /** Create every collection the functions use that does not exist yet (first deployment). */
  setup: action<{ created: string[] }>()(z.strictObject({})),
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
   * Import products from CSV (header: sku,name,categoryId,spec,baseUnit,listPrice,packUnits,moq,multiple,status;
   * listPrice in 元 with up to 2 decimals; packUnits like 箱:12|件:1). A dry run reports every bad row by
   * line number; nothing is written until the whole file is clean.
   */
  importCatalog: action<ImportCatalogOutput>()(
    z.strictObject({ csv: z.string().min(1).max(2_000_000), dryRun: z.boolean() }),
    { csv: 'sku,name,categoryId,spec,baseUnit,listPrice,packUnits,moq,multiple,status\nsku-9001,青禾绿茶 试饮装,cat-tea,250ml×24瓶,瓶,3.50,箱:24|瓶:1,24,24,on_sale', dryRun: true },
  ),
};
