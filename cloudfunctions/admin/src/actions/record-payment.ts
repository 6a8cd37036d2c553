import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { recordPayment as record } from '../../../_capabilities/payments';

/** A payment the brand's finance received (no ERP): the same capability the ERP connector uses, source 'admin'. */
export const recordPayment = defineAction(contracts.admin.recordPayment, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  return db.transaction(async (tx) => {
    const p = { ...input, at: input.at ?? now, note: input.note ?? '', source: 'admin' as const, sourceRef: input.ref };
    const { payment, duplicate, receivable } = await record(tx, p, now);
    if (!duplicate) {
      const { _id: id, ...after } = payment;
      await audit(tx, { action: 'admin.recordPayment', target: { coll: 'payments', id }, actorId: caller.actorId, at: now, before: null, after });
    }
    return { paymentId: payment._id, duplicate, receivable };
  });
});
