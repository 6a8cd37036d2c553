import { z } from 'zod';
import { action } from '../contract';
import type { DealerLevel, RegionCode } from '../dealer';
import { DEALER_LEVELS, REGIONS } from '../dealer';

/**
 * The brand's own record of what flows back, for brands without an ERP (issue 15): payments
 * (回款) and stock received or corrected. Admin actions of the `admin` function, each audited;
 * the ERP connector and the open API reach the same capabilities (cloudfunctions/_capabilities/
 * payments.ts, stock-levels.ts) with their own source.
 */

const ref = z.string().trim().min(1).max(64);
const sku = z.string().min(1).max(64);
const warehouseId = z.string().min(1).max(64);

export const PAYMENT_METHODS = ['银行转账', '承兑汇票', '现金', '微信支付', '其他'] as const;

export interface RecordPaymentOutput {
  paymentId: string;
  /** True: this receipt number was recorded before; nothing changed. */
  duplicate: boolean;
  /** The dealer's receivable after the payment, fen (negative: prepaid). */
  receivable: number;
}

export interface StockChangeOutput {
  movementId: string;
  /** True: this ref was applied before; nothing changed. */
  duplicate: boolean;
  onHand: number;
  reserved: number;
}

export interface SetStockLevelOutput extends StockChangeOutput {
  /** False: a level of this or a newer version was applied before; nothing changed. */
  applied: boolean;
  /** Units the new level falls short of what open orders reserved (the reservations stay: settle them by hand). */
  shortBy: number;
}

export interface SetProductTermsOutput {
  /** False: terms of this or a newer version were applied before; nothing changed. */
  applied: boolean;
  sku: string;
  listPrice: number;
  status: 'on_sale' | 'off_sale';
  visibility: { levels: string[]; regions: string[]; dealerIds: string[] };
  /** The version in force after the call. */
  version: number;
}

export const adminFinance = {
  /**
   * Set a product's commercial terms — list price (fen per base unit), on/off sale, visibility by level, region and
   * dealer — the audited, versioned change the open API's setProductTerms makes (_capabilities/product-terms.ts). `version`
   * defaults to now, epoch ms: the scale partners' systems use (their change time), so a late older message from one
   * never overwrites what the admin set. Fields left out stay as they are.
   */
  setProductTerms: action<SetProductTermsOutput>()(
    z
      .strictObject({
        sku,
        listPrice: z.number().int().min(0).max(100_000_000).optional(),
        status: z.enum(['on_sale', 'off_sale']).optional(),
        visibility: z
          .strictObject({
            levels: z.array(z.enum(Object.keys(DEALER_LEVELS) as [DealerLevel, ...DealerLevel[]])).max(10),
            regions: z.array(z.enum(Object.keys(REGIONS) as [RegionCode, ...RegionCode[]])).max(20),
            dealerIds: z.array(z.string().min(1).max(64)).max(500),
          })
          .optional(),
        version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        reason: z.string().trim().min(2).max(200),
      })
      .refine((b) => b.listPrice !== undefined || b.status !== undefined || b.visibility !== undefined, '至少要改目录价、上下架或可见范围之一'),
    { sku: 'sku-0001', listPrice: 12_800, reason: '2027 年价目表' },
  ),
  /**
   * Record a payment (回款) received from a dealer: lowers the receivable (below zero = prepaid), frees credit,
   * shows on the statement. `ref` is the brand's receipt number: the same ref twice records once. Amount in fen.
   */
  recordPayment: action<RecordPaymentOutput>()(
    z.strictObject({
      dealerId: z.string().min(1).max(64),
      amount: z.number().int().positive().max(10_000_000_000),
      /** When the money arrived, epoch ms (default: now). */
      at: z.number().int().positive().optional(),
      method: z.enum(PAYMENT_METHODS),
      ref,
      note: z.string().trim().max(200).optional(),
    }),
    { dealerId: 'dealer-001', amount: 5_000_000, method: '银行转账', ref: 'HK202612030001', note: '十一月货款' },
  ),
  /** Goods received into a warehouse (入库), base units: onHand rises. `ref` is the receipt's number: the same ref twice receives once. */
  receiveStock: action<StockChangeOutput>()(
    z.strictObject({ sku, warehouseId, qty: z.number().int().positive().max(10_000_000), ref, reason: z.string().trim().max(200).optional() }),
    { sku: 'sku-0001', warehouseId: 'wh-east', qty: 240, ref: 'RK202612030001', reason: '采购入库' },
  ),
  /**
   * Correct a warehouse's stock with a reason (盘点, damage), signed, base units. Never below what open orders
   * reserved (OUT_OF_STOCK says how much may go). The same ref twice adjusts once.
   */
  adjustStock: action<StockChangeOutput>()(
    z.strictObject({
      sku,
      warehouseId,
      delta: z
        .number()
        .int()
        .refine((n) => n !== 0, '调整数量不能为 0')
        .refine((n) => Math.abs(n) <= 10_000_000, '调整数量过大'),
      reason: z.string().trim().min(2).max(200),
      ref,
    }),
    { sku: 'sku-0001', warehouseId: 'wh-east', delta: -6, reason: '盘点：破损 6 件', ref: 'PD202612030001' },
  ),
  /**
   * Set a warehouse's stock to a counted level (a stocktake, a WMS export), base units. `version` is when it was counted,
   * epoch ms — the same scale as the ERP's levels (Kingdee's update time) — and a level is applied only when newer than
   * the last one set, so an older count sent late never overwrites a newer one. Reservations of open orders stay.
   */
  setStockLevel: action<SetStockLevelOutput>()(
    z.strictObject({ sku, warehouseId, onHand: z.number().int().min(0).max(10_000_000), version: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) }),
    { sku: 'sku-0001', warehouseId: 'wh-east', onHand: 4_800, version: 1_796_263_200_000 },
  ),
};
