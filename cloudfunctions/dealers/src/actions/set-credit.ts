import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { changeDealer } from '../master';
import { creditView } from '../views';

/**
 * Credit limit and payment terms, with who and why in the audit log. orders.submit reads the
 * limit from the dealer in its own transaction, so the next order is judged by the new one; a
 * lower limit than what is owed leaves a negative headroom that blocks new credit orders.
 */
export const setCredit = defineAction(contracts.dealers.setCredit, ['manager', 'admin', CONSOLE], async (input, { caller, db, now }) => {
  const p = { dealerId: input.dealerId, caller, now, reason: input.reason, action: 'dealers.setCredit' };
  const dealer = await db.transaction((tx) => changeDealer(tx, p, () => ({ creditLimit: input.creditLimitFen, paymentTermDays: input.paymentTermDays })));
  if (dealer instanceof Refusal) return dealer;
  return { credit: creditView(dealer, await db.getById('accounts', dealer._id)) };
});
