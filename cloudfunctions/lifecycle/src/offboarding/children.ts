import { neverRefused } from '../../../_kit/db';
import { audit } from '../../../_kit/audit';
import { emitDealerEvent } from '../../../_capabilities/dealer-events';
import type { StepRunner } from './context';
import { counted } from './context';

/**
 * Second-tier dealers re-parented: to the successor dealer, or (the brand succeeding) to no
 * parent, i.e. served by the brand directly. Each move is audited in its own transaction.
 */
export const children: StepRunner = async (ctx) => {
  const { db, doc, actorId, now } = ctx;
  const parent = doc.successor.kind === 'dealer' ? doc.successor.dealerId : null;
  const kids = await db.findAll('dealers', { parentDealerId: doc.dealerId });
  let moved = counted(ctx, 'children', 'moved');
  for (const kid of kids) {
    const changed = neverRefused(
      await db.transaction(async (tx) => {
        const fresh = await tx.get('dealers', kid._id);
        if (!fresh || fresh.parentDealerId !== doc.dealerId) return false;
        await tx.update('dealers', kid._id, { parentDealerId: parent });
        const reparented = {
          dealerId: kid._id,
          dealer: { ...fresh, parentDealerId: parent },
          changed: ['parentDealerId'],
          action: 'lifecycle.offboarding.reparent',
        };
        await emitDealerEvent(tx, reparented, now);
        const target = { coll: 'dealers', id: kid._id };
        await audit(tx, {
          action: 'lifecycle.offboarding.reparent',
          target,
          actorId,
          at: now,
          before: { parentDealerId: doc.dealerId },
          after: { parentDealerId: parent },
        });
        return true;
      }),
    );
    if (changed) moved++;
  }
  return { done: true, result: { moved } };
};
