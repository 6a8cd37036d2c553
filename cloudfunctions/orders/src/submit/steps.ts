import { Refusal } from '@shared/envelope';
import type { OrderDoc } from '@shared/models';
import type { Order, StockReservation, SubmitOrder, Takes } from '@shared/orders';
import { allocateStock, newOrder, promotionUsageId, stockRowId } from '@shared/orders';
import { quote } from '@shared/pricing';
import type { QuoteResult } from '@shared/pricing';
import { checkRebateSpend } from '@shared/rebates/spend';
import { dealerRef, toCatalogProduct } from '../../../_capabilities/catalog';
import type { StockRow, SubmitContext } from './context';

/** Pricing line problems as the closed list of error codes the mini-program understands. */
function quoteRefusal(q: QuoteResult): Refusal {
  const first = q.errors[0] ?? q.lines.find((l) => l.error)?.error;
  const code = first && (first.code === 'MOQ_NOT_MET' || first.code === 'NOT_MULTIPLE') ? 'MOQ_NOT_MET' : 'INVALID_INPUT';
  return new Refusal(code, first ? first.message : '订单中有无法下单的商品', { lineErrors: q.errors });
}

/**
 * Step 2, price: the server's quote of the cart (a client's price is never trusted), then again
 * with the rebate the dealer spends when the spend rule allows it.
 */
export function price(input: SubmitOrder, c: SubmitContext, now: number): QuoteResult | Refusal {
  const args = { dealer: dealerRef(c.dealer), lines: input.lines, catalog: c.products.map(toCatalogProduct), now, usage: c.usage };
  const plain = quote({ ...args, rebateDeduction: 0 }, c.index);
  if (!plain.ok) return quoteRefusal(plain);
  const spend = checkRebateSpend(input.rebateToUse, plain.totals.payable, c.account?.rebateBalance ?? 0);
  if (spend instanceof Refusal) return spend;
  return spend > 0 ? quote({ ...args, rebateDeduction: spend }, c.index) : plain;
}

/** Step 3, allocate: the quoted lines across warehouses, the dealer's region first. */
export function allocate(q: QuoteResult, stock: readonly StockRow[], c: SubmitContext): StockReservation[] | Refusal {
  const skus = new Set(q.lines.map((l) => l.sku));
  const allocation = allocateStock({
    lines: q.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
    stock: stock.filter((s) => skus.has(s.sku)),
    warehouses: c.config.warehouses.map((w) => ({ id: w._id, regions: w.regions })),
    dealerRegion: c.dealer.region,
  });
  return allocation.ok ? allocation.reservations : new Refusal('OUT_OF_STOCK', allocation.message, { shortages: allocation.shortages });
}

/** The order as it would be placed under a number; its approval and credit are decided by decideSubmission. */
export function draftOf(orderId: string, q: QuoteResult, reservations: readonly StockReservation[], c: SubmitContext, now: number): (orderNo: string) => Order {
  const byId = new Map(c.products.map((p) => [p.sku, p]));
  const lines = q.lines.map((l) => ({
    sku: l.sku,
    name: l.name,
    categoryId: byId.get(l.sku)?.categoryId ?? '',
    kind: l.kind,
    qty: l.qty,
    listPrice: l.listPrice,
    unitPrice: l.unitPrice,
    payable: l.payable,
  }));
  return (orderNo) => newOrder({ id: orderId, orderNo, dealerId: c.dealer._id, lines, rebateUsed: q.rebate.applied, reservations, createdAt: now });
}

/** What the order takes from limited things (stock rows, limited promotions, rebate), as data for the writer. */
export function takesOf(q: QuoteResult, reservations: readonly StockReservation[], c: SubmitContext): Takes {
  const promotions = q.promotions.flatMap((p) => {
    const limit = c.index.byId.get(p.ruleId)?.usageLimit;
    return limit != null
      ? [{ usageId: promotionUsageId(c.dealer._id, p.ruleId), ruleId: p.ruleId, name: c.index.byId.get(p.ruleId)?.rule.name ?? p.ruleId, limit }]
      : [];
  });
  return { stock: reservations.map((r) => ({ rowId: stockRowId(r.warehouseId, r.sku), sku: r.sku, qty: r.qty })), promotions, rebate: q.rebate.applied };
}

/** The fields kept beside the Order in its document. */
export type OrderExtras = Omit<OrderDoc, keyof Order>;

export function extrasOf(input: SubmitOrder, digest: string, reservations: readonly StockReservation[], c: SubmitContext, now: number): OrderExtras {
  return {
    clientOrderId: input.clientOrderId,
    requestDigest: digest,
    dealerName: c.dealer.name,
    dealerLevel: c.dealer.level,
    dealerRegion: c.dealer.region,
    address: input.address,
    remark: input.remark,
    source: 'app' as const,
    warehouseIds: [...new Set(reservations.map((r) => r.warehouseId))],
    updatedAt: now,
  };
}
