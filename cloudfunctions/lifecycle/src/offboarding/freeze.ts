import { audit } from '../../../_kit/audit';
import { emitDealerEvent } from '../../../_capabilities/dealer-events';
import { neverRefused } from '../../../_kit/db';
import type { StepRunner } from './context';

/**
 * Ordering frozen: the dealer's status becomes `suspended`, the one switch every ordering path
 * reads (orders.submit and the dealer's own screens refuse a dealer that is not active). Audited
 * in the same transaction; a dealer already suspended is left as it is.
 */
export const freeze: StepRunner = async ({ db, doc, actorId, now }) => {
  const changed = neverRefused(
    await db.transaction(async (tx) => {
      const dealer = await tx.get('dealers', doc.dealerId);
      if (!dealer || dealer.status === 'suspended') return false;
      await tx.update('dealers', doc.dealerId, { status: 'suspended' });
      const frozen = { ...dealer, status: 'suspended' as const };
      await emitDealerEvent(tx, { dealerId: doc.dealerId, dealer: frozen, changed: ['status'], action: 'lifecycle.offboarding.freeze' }, now);
      const target = { coll: 'dealers', id: doc.dealerId };
      await audit(tx, {
        action: 'lifecycle.offboarding.freeze',
        target,
        actorId,
        at: now,
        before: { status: dealer.status },
        after: { status: 'suspended' },
        reason: doc.reason,
      });
      return true;
    }),
  );
  return { done: true, result: { frozen: true, changed } };
};
