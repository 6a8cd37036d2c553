import { z } from 'zod';
import { action } from '../contract';
import type { ErpAppliedDoc, ErpMappingDoc, ErpOrderDoc, ErpReportDoc } from '../erp/types';
import { FEEDS, MAPPING_KINDS } from '../erp/types';

/** A mapping with our side's name (product, dealer, warehouse; null when it no longer exists), so screens need no internal id. */
export type ErpMappingView = ErpMappingDoc & { id: string; name: string | null };
export type ErpOrderView = ErpOrderDoc & { id: string };
export type ErpAppliedView = ErpAppliedDoc & { id: string };
export type ErpReportView = ErpReportDoc & { id: string };

/** What one sync did, per feed. */
export interface ErpSyncView {
  /** Set when the connection is not configured or the login failed: nothing ran. */
  error: string | null;
  /** cancelled: sales orders of orders cancelled here, deleted or closed in Kingdee by this sync. */
  orders: { pushed: number; failed: number; cancelled: number };
  deliveries: { applied: number; failed: number };
  receipts: { applied: number; failed: number };
  inventory: { applied: number; ignored: number; unmapped: number };
}

/** Kingdee numbers: letters, digits and . _ - (e.g. 1.01.0001, CUST0001, CK001). */
const erpNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9._-]{1,40}$/, { message: '金蝶编码只能包含字母、数字和 . _ -，最长 40 个字符' });

const mappingItem = z.strictObject({
  kind: z.enum(MAPPING_KINDS),
  ourId: z.string().trim().min(1).max(64),
  erpNumber,
  /** Warehouses only: the stock organisation number. */
  stockOrg: erpNumber.optional(),
});
export type ErpMappingInput = z.infer<typeof mappingItem>;

export const erp = {
  /**
   * Run the sync now (admin, console): push approved orders as Kingdee sales orders (Save → Submit
   * → Audit), then pull deliveries, receipts and inventory. The timer runs the same every 5 minutes.
   */
  syncNow: action<ErpSyncView>()(z.strictObject({ feeds: z.array(z.enum(FEEDS)).min(1).max(4).optional() }), {}),
  /** Create or change mappings (admin, console), each audited: SKU ↔ material, dealer ↔ customer, warehouse ↔ stock + stock org. */
  setMappings: action<{ saved: number }>()(z.strictObject({ items: z.array(mappingItem).min(1).max(500) }), {
    items: [{ kind: 'sku', ourId: 'sku-0001', erpNumber: '1.01.0001' }],
  }),
  /** Delete mappings (admin, console), each audited with the reason; one not there is skipped. Orders and bills of the item wait as unmapped again. */
  deleteMappings: action<{ deleted: number }>()(
    z.strictObject({
      items: z
        .array(z.strictObject({ kind: z.enum(MAPPING_KINDS), ourId: z.string().trim().min(1).max(64) }))
        .min(1)
        .max(500),
      reason: z.string().trim().min(2).max(200),
    }),
    { items: [{ kind: 'sku', ourId: 'sku-0001' }], reason: '该商品在金蝶中已停用' },
  ),
  /** The mappings of one kind (or all), by our id. */
  mappings: action<{ items: ErpMappingView[] }>()(z.strictObject({ kind: z.enum(MAPPING_KINDS).optional() }), {}),
  /** Order pushes that failed (with why: an unmapped item, Kingdee's refusal) and deliveries / receipts that could not be applied. */
  issues: action<{ orders: ErpOrderView[]; bills: ErpAppliedView[] }>()(z.strictObject({}), {}),
  /** Reconcile with Kingdee now (admin, console) and store the report; the timer does it every night. */
  reconcile: action<ErpReportView>()(z.strictObject({}), {}),
  /** The latest reconciliation report, or null before the first. */
  latestReport: action<{ report: ErpReportView | null }>()(z.strictObject({}), {}),
};
