import { z } from 'zod';
import { action } from '../contract';
import { cartSchema, rebateDeductionSchema } from '../pricing/schemas';
import type { LineError, QuoteResult } from '../pricing';

export const quoteInput = z.strictObject({
  lines: cartSchema,
  /** Rebate balance to spend, fen (the wallet arrives with the rebate issue: 0 until then). */
  rebateToUse: rebateDeductionSchema.optional(),
  /** 代客下单: a channel manager prices the cart as this dealer of their region would see it (dealers may not name one). */
  forDealerId: z.string().min(1).max(64).optional(),
});

/**
 * A priced cart and the stock available to promise for each SKU sent (base units, summed over
 * warehouses; 0 when none is stocked). Stock is advisory here: submit reserves it and refuses a shortage.
 */
export type PricedCart = QuoteResult & { available: Record<string, number> };

export const pricing = {
  /** Price a cart for the calling dealer; every line explains its price. Client prices are never accepted. */
  quote: action<PricedCart>()(quoteInput, { lines: [{ sku: 'sku-0001', qty: 2, unit: '箱' }] }),
};

/**
 * The `details` of a line the quote refused (LineError.details), for the codes that suggest a
 * fix: the quantities that would be accepted, in `unit` (the buyer's unit). On the wire details
 * stay a plain object; `lineFixDetails` reads it without trusting it.
 */
export interface LineFixDetails {
  /** One quantity (MOQ_NOT_MET) or the two nearest (NOT_MULTIPLE). */
  suggestedQty?: number | number[];
  unit?: string;
  moq?: number;
  multiple?: number;
}

/** A refused line's details as LineFixDetails: fields of the wrong type are dropped. */
export function lineFixDetails(details: Record<string, unknown> | undefined): LineFixDetails {
  const out: LineFixDetails = {};
  const q = details?.['suggestedQty'];
  if (typeof q === 'number') out.suggestedQty = q;
  else if (Array.isArray(q)) out.suggestedQty = q.filter((n): n is number => typeof n === 'number');
  if (typeof details?.['unit'] === 'string') out.unit = details['unit'];
  if (typeof details?.['moq'] === 'number') out.moq = details['moq'];
  if (typeof details?.['multiple'] === 'number') out.multiple = details['multiple'];
  return out;
}

/** The refused lines a refusal carries (orders.submit's MOQ_NOT_MET / INVALID_INPUT: `details.lineErrors`). */
export function lineErrorsOf(details: Record<string, unknown> | undefined): Pick<LineError, 'sku' | 'message'>[] {
  const raw = details?.['lineErrors'];
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    .map((e) => ({ sku: typeof e['sku'] === 'string' ? e['sku'] : '', message: typeof e['message'] === 'string' ? e['message'] : '' }));
}
