/**
 * What the ERP connector (cloudfunctions/erp) stores. Credentials are never among it: they live
 * in the function's environment only.
 */

/** What a mapping maps: our SKU ↔ material number, dealer ↔ customer number, warehouse ↔ stock number (+ stock org). */
export const MAPPING_KINDS = ['sku', 'dealer', 'warehouse'] as const;
export type MappingKind = (typeof MAPPING_KINDS)[number];

export const MAPPING_LABELS: Record<MappingKind, string> = { sku: '商品', dealer: '经销商', warehouse: '仓库' };

/** One mapping (`erp_mappings`, _id = `<kind>:<ourId>`), edited by erp.setMappings (audited). */
export interface ErpMappingDoc {
  kind: MappingKind;
  /** Our id: the SKU, the dealer id, the warehouse id. */
  ourId: string;
  /** Kingdee's number: FMaterialId.FNumber, FCustId.FNumber, FStockId.FNumber. */
  erpNumber: string;
  /** Warehouses: the stock organisation (FStockOrgId / FSaleOrgId number) the warehouse belongs to. */
  stockOrg?: string;
  updatedAt: number;
  by: string;
}

/**
 * An order's push to Kingdee (`erp_orders`, _id = order id). `audited`: the sales order exists in
 * Kingdee, submitted and audited, under `billNo` (our order number); `failed`: the last attempt's
 * error, shown to admins and retried by the next sync.
 */
export interface ErpOrderDoc {
  orderNo: string;
  dealerId: string;
  /** cancelled: the order was cancelled here after it reached Kingdee, and its sales order there was deleted or closed (`cancelledAs`). */
  status: 'audited' | 'failed' | 'cancelled';
  cancelledAs?: 'deleted' | 'closed';
  billNo: string | null;
  /** Kingdee's internal id (FID) of the sales order. */
  erpId: string | null;
  error: string | null;
  /** What the order needs mapped before it can be pushed (e.g. 'sku:sku-0001'). */
  unmapped: string[];
  attempts: number;
  firstAttemptAt: number;
  updatedAt: number;
}

/** Kingdee bills that come back to us: outbound deliveries and receipts. */
export type PulledForm = 'SAL_OUTSTOCK' | 'AR_RECEIVEBILL';

/**
 * One Kingdee bill applied to our side (`erp_applied`, _id = `<form>:<bill number>`), written in the
 * same transaction as the shipment it made, so a delivery is applied once however often it is read.
 * `failed` keeps why it could not be applied (retried by the next sync).
 */
export interface ErpAppliedDoc {
  form: PulledForm;
  billNo: string;
  status: 'applied' | 'failed';
  orderId: string | null;
  dealerId: string | null;
  message: string | null;
  attempts: number;
  updatedAt: number;
}

export const FEEDS = ['orders', 'deliveries', 'receipts', 'inventory'] as const;
export type Feed = (typeof FEEDS)[number];

/** Where a pull feed has read to (`erp_cursors`, _id = feed): Kingdee's modify time of the newest bill seen, epoch ms. */
export interface ErpCursorDoc {
  since: number;
  updatedAt: number;
  lastRunAt: number;
  lastError: string | null;
}

export const DIFFERENCE_KINDS = ['order_missing_in_erp', 'order_not_audited', 'order_only_in_erp', 'order_amount', 'stock', 'receivable'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export const DIFFERENCE_LABELS: Record<DifferenceKind, string> = {
  order_missing_in_erp: '金蝶没有此订单',
  order_not_audited: '金蝶订单未审核',
  order_only_in_erp: '只在金蝶有的订单',
  order_amount: '订单金额不一致',
  stock: '库存不一致',
  receivable: '应收不一致',
};

/** One difference found by a reconciliation. Amounts in fen, stock in base units. */
export interface ReconDifference {
  kind: DifferenceKind;
  /** What it is about: an order number, `sku@warehouse`, a dealer id. */
  key: string;
  /** The same for people: names and numbers on both sides. */
  label: string;
  ours: number | null;
  erp: number | null;
}

/** A reconciliation's report (`erp_reports`, _id = the Shanghai day it ran for, YYYYMMDD). */
export interface ErpReportDoc {
  day: string;
  at: number;
  status: 'ok' | 'failed';
  error: string | null;
  /** How much was compared. */
  counts: { orders: number; stock: number; dealers: number };
  differences: ReconDifference[];
}
