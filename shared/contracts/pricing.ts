import { z } from 'zod';
import { action } from '../contract';
import { cartSchema, rebateDeductionSchema } from '../pricing/schemas';
import type { QuoteResult } from '../pricing';

export const quoteInput = z.strictObject({
  lines: cartSchema,
  /** Rebate balance to spend, fen (the wallet arrives with the rebate issue: 0 until then). */
  rebateToUse: rebateDeductionSchema.optional(),
});

export const pricing = {
  /** Price a cart for the calling dealer; every line explains its price. Client prices are never accepted. */
  quote: action<QuoteResult>()(quoteInput, { lines: [{ sku: 'sku-0001', qty: 2, unit: '箱' }] }),
};
