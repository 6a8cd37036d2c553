import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { neverRefused } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';

/** Put a credit code on the blacklist: the next application of it is rejected by screening, with this reason. */
export const blacklist = defineAction(contracts.dealers.blacklist, ['admin', CONSOLE], async ({ creditCode, company, reason }, { caller, db, now }) => {
  const entry = { company, reason, at: now, by: caller.actorId };
  const done = await db.transaction(async (tx) => {
    const before = await tx.get('dealer_blacklist', creditCode);
    await tx.set('dealer_blacklist', creditCode, entry);
    await audit(tx, {
      action: 'dealers.blacklist',
      target: { coll: 'dealer_blacklist', id: creditCode },
      actorId: caller.actorId,
      at: now,
      before,
      after: entry,
      reason,
    });
  });
  neverRefused(done);
  return { creditCode };
});
