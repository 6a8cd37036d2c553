import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { PricedCart } from '@shared/contracts';
import { quote as priceCart } from '@shared/pricing';
import { dealerFor } from '../../../_capabilities/proxy-dealer';
import { catalogFor, dealerRef, stockFor, toCatalogProduct } from '../../../_capabilities/catalog';
import { loadRuleIndex, usageOf } from '../../../_capabilities/price-rules';
import { walletBalance } from '../../../_capabilities/rebate-ledger';
import { checkRebateSpend } from '@shared/rebates/spend';
import { defineAction } from '../../../_kit/router';
import { supplierReader } from '../../../_capabilities/tier-supply';
import { quoteFromSupplier } from '../tier';

/**
 * Price a cart for the calling dealer (or, 代客下单, the dealer a channel manager names). The cart carries SKUs and quantities only (its schema
 * refuses any price field); every figure comes from the catalog and rules in the database.
 * Stock available to promise comes along (read beside the prices, no extra round trip for the
 * page) so the cart and checkout can flag a line before submit refuses it; submit re-checks.
 */
export const quote = defineAction(contracts.pricing.quote, ['dealer', 'manager', 'admin'], async (input, ctx): Promise<PricedCart | Refusal> => {
  // The caller's dealer, or the dealer a manager orders for (代客下单): the same quote either way.
  const parentOf = input.forDealerId === undefined ? supplierReader(ctx.db, ctx.caller.dealerId ?? undefined) : null;
  const dealer = await dealerFor(ctx, input.forDealerId);
  if (dealer instanceof Refusal) return dealer;
  // 二级分销: a child of a first-tier that sells on is quoted what orders.submit will charge it (代客下单 still goes to the brand).
  const supplier = parentOf ? await parentOf(dealer) : null;
  if (supplier) return quoteFromSupplier(ctx.db, dealer, supplier, input);
  const skus = input.lines.map((l) => l.sku);
  const stockRead = stockFor(ctx.db, skus);
  stockRead.catch(() => undefined);
  const index = await loadRuleIndex(ctx.db);
  const catalog = (await catalogFor(ctx.db, index, skus)).map(toCatalogProduct);
  const usage = await usageOf(ctx.db, dealer._id, index);
  const base = { dealer: dealerRef(dealer), lines: input.lines, catalog, now: ctx.now, usage };
  const available: Record<string, number> = Object.fromEntries(skus.map((s) => [s, 0]));
  for (const s of await stockRead) available[s.sku] = (available[s.sku] ?? 0) + s.available;
  const plain = priceCart({ ...base, rebateDeduction: 0 }, index);
  const requested = input.rebateToUse ?? 0;
  if (requested === 0 || !plain.ok) return { ...plain, available };
  const balance = await walletBalance(ctx.db, dealer._id);
  const spend = checkRebateSpend(requested, plain.totals.payable, balance);
  if (spend instanceof Refusal) return spend;
  return { ...priceCart({ ...base, rebateDeduction: spend }, index), available };
});
