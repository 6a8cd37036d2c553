import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { QuoteResult } from '@shared/pricing';
import { quote as priceCart } from '@shared/pricing';
import { callerDealer } from '../../../_kit/caller';
import { catalogFor, dealerRef, loadRuleIndex, toCatalogProduct, usageOf } from '../../../_kit/pricing';
import { defineAction } from '../../../_kit/router';

/**
 * Price a cart for the calling dealer. The cart carries SKUs and quantities only (its schema
 * refuses any price field); every figure comes from the catalog and rules in the database.
 */
export const quote = defineAction(contracts.pricing.quote, ['dealer'], async (input, ctx): Promise<QuoteResult | Refusal> => {
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  if ((input.rebateToUse ?? 0) > 0) {
    return new Refusal('INVALID_INPUT', '返利钱包尚未开通，本次请不使用返利抵扣', { rebateAvailable: 0 });
  }
  const index = await loadRuleIndex(ctx.db);
  const catalog = (await catalogFor(ctx.db, index, input.lines.map((l) => l.sku))).map(toCatalogProduct);
  const usage = await usageOf(ctx.db, dealer._id);
  return priceCart({ dealer: dealerRef(dealer), lines: input.lines, catalog, now: ctx.now, usage, rebateDeduction: 0 }, index);
});
