import { assemble } from './assemble-stage';
import { catalogBySku, checkLines } from './check-stage';
import { collectRules } from './collect-stage';
import type { RuleIndex } from './index-rules';
import { priceItems } from './price-stage';
import { applyPromotions } from './promotion-stage';
import { deductRebate } from './rebate-stage';
import type { PromoContext } from './rule-kit';
import type { QuoteInput, QuoteResult } from './types';
import { usablePromotions } from './usage-stage';

/**
 * Prices a cart for one dealer at one instant. Pure: the same input and index give the same
 * result; nothing is read but the arguments, nothing they hold is changed. See index.ts for the
 * order of the steps and the rounding and allocation rules; each numbered stage is one module
 * (*-stage.ts), and this function only passes each stage's outcome to the next.
 */
export function quote(input: QuoteInput, index: RuleIndex): QuoteResult {
  const { dealer, now } = input;
  const requested = input.rebateDeduction ?? 0;
  if (!Number.isSafeInteger(requested) || requested < 0) throw new RangeError(`quote: rebateDeduction must be a non-negative integer of fen, got ${requested}`);
  const catalog = catalogBySku(input.catalog);
  const ctx: PromoContext = { product: (sku) => catalog.get(sku) };

  const { items, errors, byLine } = checkLines(input.lines, catalog, dealer); // 1. check lines
  const eligible = collectRules(index, dealer, now, items); // 2. collect the rules
  const usable = usablePromotions(eligible.keys(), input.usage ?? {}); // 3. usage limits
  const priceHints = priceItems(items); // 4. list -> price list -> contract -> tier
  const promo = applyPromotions(items, usable, eligible, ctx); // 5. line promotions, 6. order thresholds
  const rebateApplied = deductRebate(items, requested); // 7. rebate deduction
  return assemble({
    input,
    catalog,
    items,
    errors,
    byLine,
    almost: [...priceHints, ...promo.almost],
    applied: promo.applied,
    gifts: promo.gifts,
    notApplied: usable.notApplied,
    requested,
    rebateApplied,
  }); // 8. assemble
}
