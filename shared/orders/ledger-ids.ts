/**
 * Ids of the ledger documents an order writes. Every one is keyed by the order's id, which no
 * other order can have (never by its orderNo, which is only for people to read), so writing one
 * twice is writing it once.
 */

/** The wallet entry of the rebate an order spent at submission. */
export const spendEntryId = (orderId: string): string => `spend:${orderId}`;

/** The wallet entry of that rebate given back when the order is rejected or cancelled. */
export const releaseEntryId = (orderId: string): string => `release:${orderId}`;

/** The stock row of one SKU in one warehouse. */
export const stockRowId = (warehouseId: string, sku: string): string => `stock-${warehouseId}-${sku}`;

/** A dealer's use count of a promotion limited per dealer. */
export const promotionUsageId = (dealerId: string, ruleId: string): string => `${dealerId}:${ruleId}`;
