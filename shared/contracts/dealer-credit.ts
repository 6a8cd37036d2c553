import { z } from 'zod';
import { action } from '../contract';

/** A dealer's credit position and terms: what its people see in 我的 and managers on its page. */
export interface CreditView {
  creditLimit: number;
  receivable: number;
  reserved: number;
  /** creditLimit − receivable − reserved, as orders.submit computes it (negative after a lowered limit). */
  headroom: number;
  paymentTermDays: number;
}

/**
 * dealers.myCredit on its own: 我的 (main package) imports only this, not the whole dealers
 * contract with its application schemas.
 */
export const myCreditContract = action<{ credit: CreditView }>()(z.strictObject({}));
