import type { OrderDoc } from '../models';

/**
 * Stored shapes of 二级分销 (docs/two-tier.md). Money is integer fen per base unit (件),
 * quantities base units, times epoch ms.
 */

/** A first-tier's sub-dealer price of one SKU (`tier_prices`, _id = <first-tier>:<sku>). */
export interface TierPriceDoc {
  dealerId: string;
  sku: string;
  /** 上级经销商供货价, fen per base unit, within the brand's bounds when set. */
  unitPrice: number;
  updatedAt: number;
  updatedBy: string;
}

/** A first-tier's own stock of one SKU (`dealer_stock`, _id = <first-tier>:<sku>). */
export interface DealerStockDoc {
  dealerId: string;
  sku: string;
  onHand: number;
  /** Held by its children's open orders (accepted or not, not shipped). */
  reserved: number;
  updatedAt: number;
}

/**
 * One change of a first-tier's stock (`dealer_stock_entries`), _id derived from its cause so it
 * is written once: recv:<brand orderId>:<sku> (its own order received), ship:<tier orderId>:<sku>,
 * adj:<dealerId>:<requestId> (tier.adjustStock).
 */
export interface DealerStockEntryDoc {
  dealerId: string;
  sku: string;
  /** onHand change (+ received / adjusted up, − shipped / adjusted down). */
  delta: number;
  kind: 'received' | 'shipped' | 'adjusted';
  ref: string;
  at: number;
  by: string;
  reason?: string;
}

/** A two-tier order (`tier_orders`, _id = t-<child>-<clientOrderId>): an order document plus its seller and payment. */
export type TierOrderDoc = OrderDoc & { supplierDealerId: string; supplierName: string; paid: number; paidAt: number | null };

export const dealerStockId = (dealerId: string, sku: string): string => `${dealerId}:${sku}`;
export const tierPriceId = dealerStockId;
export const receivedEntryId = (orderId: string, sku: string): string => `recv:${orderId}:${sku}`;
export const shippedEntryId = (orderId: string, sku: string): string => `ship:${orderId}:${sku}`;
export const adjustEntryId = (dealerId: string, requestId: string): string => `adj:${dealerId}:${requestId}`;
