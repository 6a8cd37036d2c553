import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { admit } from '../admit';
import { notifyApplicant } from '../notify';
import { applicationView, invitationView } from '../views';

/**
 * Approve an application with the level, the parent (for a second-tier dealer), the credit limit
 * and the payment terms: the dealer, its account and the owner's invitation are made in one
 * transaction, ids derived from the application so a retry makes nothing twice.
 */
export const approve = defineAction(contracts.dealers.approve, ['manager', 'admin', CONSOLE], async (input, { caller, db, now }) => {
  const out = await db.transaction((tx) => admit(tx, input, caller, now));
  if (out instanceof Refusal) return out;
  await notifyApplicant(db, out.application, now);
  return { application: applicationView(out.application), invitation: invitationView(out.invitation.code, out.invitation.doc, out.dealerName) };
});
