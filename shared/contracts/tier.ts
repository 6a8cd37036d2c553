import { z } from 'zod';
import { action } from '../contract';
import { fenSchema, fenWithin } from '../money';
import type { PackUnit } from '../models';
import type { OrderStatus } from '../orders';
import type { OrderView } from './orders';

/**
 * 二级分销 (two-tier dealers): a second-tier dealer (dealers.parentDealerId) of a first-tier dealer
 * the brand enabled orders from that first-tier, not from the brand — priced from the first-tier's
 * sub-dealer price list (within the brand's bounds), served from the first-tier's own stock
 * (dealer_stock, filled when its own brand orders are received). See docs/two-tier.md.
 *
 * Actions live in three functions:
 * - `tier` (new): status, prices, setPrice, stock, adjustStock, incoming, outgoing, recordPayment, sellThrough;
 * - `orders`: the child submits with the usual orders.submit (routed to its first-tier when enabled);
 *   the first-tier's owner or buyer calls orders.accept (new), orders.reject and orders.ship on it; the
 *   child calls orders.cancel (until shipped), orders.confirmReceipt and orders.get as for any order.
 *   A two-tier order's id starts with TIER_ORDER_PREFIX and its OrderView carries supplierDealerId.
 * - `dealers`: setTwoTier (brand admin, audited).
 *
 * Money is integer fen per base unit (件); bounds are basis points of the brand's list price.
 */

/** Ids of two-tier orders start with this (orders of the brand start otherwise). */
export const TIER_ORDER_PREFIX = 't-';
export const isTierOrderId = (orderId: string): boolean => orderId.startsWith(TIER_ORDER_PREFIX);

/** 1 basis point = 0.01 %; 10000 = the brand's list price. */
export const BP_MAX = 100_000;

const id = z.string().min(1).max(64);
const sku = z.string().min(1).max(64);
const bp = z.number().int().min(1).max(BP_MAX);
const daySchema = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: '日期格式为 YYYY-MM-DD' });
/** A client-generated key that makes a retried call a replay (16–64 URL-safe characters). */
const requestId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, { message: '请求编号须为 16–64 位字母、数字、- 或 _' });

/** The first-tier's two-tier setting, as stored on its dealer document (dealers.twoTier). */
export interface TwoTierSetting {
  enabled: boolean;
  /** Sub-dealer price bounds, basis points of the brand's list price (e.g. 10000–13000). */
  floorBp: number;
  ceilBp: number;
}

export const setTwoTierInputSchema = z
  .strictObject({ dealerId: id, enabled: z.boolean(), floorBp: bp, ceilBp: bp })
  .refine((v) => v.floorBp <= v.ceilBp, { message: '下限不能高于上限', path: ['ceilBp'] });

export interface SetTwoTierOutput extends TwoTierSetting {
  dealerId: string;
  dealerName: string;
  /** How many second-tier dealers (parentDealerId = dealerId) now order through it. */
  children: number;
}

/** Who the caller is in two-tier terms. */
export interface TierStatus {
  /** first_tier: an enabled first-tier (sells on); sub_dealer: a child of an enabled first-tier (orders through it); none: neither. */
  role: 'first_tier' | 'sub_dealer' | 'none';
  /** sub_dealer: the first-tier it orders from; else null. */
  supplier: { dealerId: string; name: string } | null;
  /** first_tier: its setting; sub_dealer: its supplier's; none: null. */
  setting: TwoTierSetting | null;
  /** first_tier: its second-tier dealers' count; else 0. */
  children: number;
}

/** One SKU of a first-tier's sub-dealer price list, with the brand's bounds (fen per base unit). */
export interface TierPriceItem {
  sku: string;
  name: string;
  spec: string;
  baseUnit: string;
  packUnits: PackUnit[];
  moq: number;
  multiple: number;
  /** The brand's list price. */
  listPrice: number;
  /** Bounds: ceil(listPrice × floorBp / 10000) and floor(listPrice × ceilBp / 10000). */
  floor: number;
  ceil: number;
  /** The first-tier's 上级经销商供货价; null: not set (not orderable by its children). */
  unitPrice: number | null;
  /** The first-tier's stock still free to order (onHand − reserved), base units. */
  available: number;
  updatedAt: number | null;
}

export interface TierPricesOutput {
  supplier: { dealerId: string; name: string };
  setting: TwoTierSetting;
  /**
   * first_tier: every on-sale SKU, priced or not (unitPrice null), with its bounds, by SKU, one page at a time
   * (setPrice accepts any of them); sub_dealer: the on-sale SKUs its first-tier priced, all at once.
   */
  items: TierPriceItem[];
  /** first_tier: pass back as `cursor` for the next page; null at the end (always null for a sub_dealer). */
  nextCursor: string | null;
}

/** A first-tier's price list page: after `cursor` (from the last answer), `limit` SKUs (default 50). */
export const tierPricesInput = z.strictObject({ cursor: z.string().min(1).max(200).optional(), limit: z.number().int().min(1).max(100).optional() });

/** The first-tier's own stock of one SKU (dealer_stock), base units. */
export interface TierStockItem {
  sku: string;
  name: string;
  onHand: number;
  /** Held by its children's open orders. */
  reserved: number;
  available: number;
  updatedAt: number;
}

/** A two-tier order in a list (the first-tier's 待处理, or the child's own). No contact data. */
export interface TierOrderSummary {
  id: string;
  orderNo: string;
  /** The buyer (second-tier) and the seller (first-tier). */
  dealerId: string;
  dealerName: string;
  supplierDealerId: string;
  status: OrderStatus;
  statusLabel: string;
  payable: number;
  /** Payment the first-tier recorded, fen (0 until recordPayment). */
  paid: number;
  lineCount: number;
  itemQty: number;
  preview: string[];
  createdAt: number;
}

/** List groups: to_accept = submitted; to_ship = approved (accepted); to_receive = shipped; unpaid = delivered and not paid; done = delivered and paid; closed = cancelled, rejected. */
export const TIER_ORDER_GROUPS = ['to_accept', 'to_ship', 'to_receive', 'unpaid', 'done', 'closed'] as const;
export type TierOrderGroup = (typeof TIER_ORDER_GROUPS)[number];

const listInput = z.strictObject({ status: z.enum(TIER_ORDER_GROUPS).optional(), cursor: z.string().min(1).max(120).optional() });
export interface TierOrderList {
  items: TierOrderSummary[];
  nextCursor: string | null;
}

/** One line of the brand's sell-through view: what a first-tier sold on to one child, per SKU, from delivered two-tier orders. */
export interface SellThroughRow {
  firstTierId: string;
  firstTierName: string;
  childDealerId: string;
  childDealerName: string;
  sku: string;
  name: string;
  /** Base units delivered. */
  qty: number;
  /** Fen. */
  amount: number;
  /** round_half_up(amount / qty), fen per base unit. */
  avgUnitPrice: number;
}

export interface SellThroughOutput {
  from: string;
  to: string;
  rows: SellThroughRow[];
  totals: { qty: number; amount: number; orders: number };
}

/** What recordPayment answers: the order's payment as now recorded (fen). */
export interface TierPaymentOutput {
  orderId: string;
  orderNo: string;
  payable: number;
  paid: number;
  paidAt: number;
}

export const tier = {
  /** Whether the caller's dealer sells on (first_tier), orders through its parent (sub_dealer), or neither. Any dealer user. */
  status: action<TierStatus>()(z.strictObject({}), {}),
  /** The sub-dealer price list: the first-tier's own (owner/buyer; every on-sale SKU, paged), or the one a child orders from. */
  prices: action<TierPricesOutput>()(tierPricesInput, {}),
  /** The first-tier (owner/buyer) sets its 上级经销商供货价 of a SKU, fen per base unit; PRICE_OUT_OF_BOUNDS outside the brand's bounds. */
  setPrice: action<TierPriceItem>()(z.strictObject({ sku, unitPrice: fenWithin(1) }), { sku: 'sku-0001', unitPrice: 2600 }),
  /** The first-tier's own stock (owner/buyer). */
  stock: action<{ items: TierStockItem[] }>()(z.strictObject({}), {}),
  /** Opening balance or count correction of the first-tier's stock (owner), audited; a retried requestId changes nothing more. */
  adjustStock: action<TierStockItem>()(
    z.strictObject({
      sku,
      delta: z
        .number()
        .int()
        .min(-1_000_000)
        .max(1_000_000)
        .refine((n) => n !== 0, { message: '调整数量不能为 0' }),
      reason: z.string().trim().min(2).max(200),
      requestId,
    }),
    { sku: 'sku-0001', delta: 120, reason: '期初库存', requestId: 'adj-2026-12-opening-01' },
  ),
  /** The first-tier's 待处理: its children's orders, newest first (owner/buyer). */
  incoming: action<TierOrderList>()(listInput, { status: 'to_accept' }),
  /** The child's own orders to its first-tier, newest first. */
  outgoing: action<TierOrderList>()(listInput, { status: 'to_receive' }),
  /** The first-tier (owner/buyer) records the child's payment of a delivered or shipped order: once per order, never more than payable. */
  recordPayment: action<TierPaymentOutput>()(z.strictObject({ orderNo: z.string().min(1).max(40), amount: fenSchema.min(1) }), {
    orderNo: 'TO202612030001',
    amount: 31200,
  }),
  /** Brand admin (all first-tiers) or channel manager (first-tiers of their regions): sell-through from delivered two-tier orders, by day of delivery (Shanghai, inclusive). */
  sellThrough: action<SellThroughOutput>()(
    z
      .strictObject({ from: daySchema, to: daySchema, firstTierId: id.optional() })
      .refine((v) => v.from <= v.to, { message: '开始日期不能晚于结束日期', path: ['to'] }),
    { from: '2026-12-01', to: '2026-12-31' },
  ),
};

/** Added to the orders function: the first-tier accepts a child's order (submitted → approved, 待发货). */
export const tierOrderActions = {
  accept: action<OrderView>()(z.strictObject({ orderId: id }), { orderId: 't-dealer-007-3f1c9a1e8d4b4c1a' }),
};

/** Added to the dealers function: the brand admin enables (or disables) 二级分销 on a first-tier dealer. */
export const twoTierDealerActions = {
  setTwoTier: action<SetTwoTierOutput>()(setTwoTierInputSchema, { dealerId: 'dealer-001', enabled: true, floorBp: 10000, ceilBp: 13000 }),
};
