import { z } from 'zod';
import { fenSchema } from '../money';

/**
 * One cart line as the mini-program sends it: SKU, quantity in `unit` (a pack unit name such as
 * 箱, or the base unit; absent = base unit). Strict: a price or any other field is refused — the
 * server prices every line itself and never trusts a client's price.
 */
export const cartLineSchema = z.strictObject({
  sku: z.string().min(1).max(64),
  qty: z.number().int().min(1).max(1_000_000),
  unit: z.string().min(1).max(10).optional(),
});

/** A whole cart: 1 to 200 lines. */
export const cartSchema = z.array(cartLineSchema).min(1).max(200);

/** Rebate the buyer asks to spend, fen. */
export const rebateDeductionSchema = fenSchema;
