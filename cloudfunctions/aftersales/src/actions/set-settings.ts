import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { policyOf, SETTINGS_DOC } from '../scope';

/** Change the return window (admin, console), audited; requests already made keep theirs. */
export const setSettings = defineAction(contracts.aftersales.setSettings, ['admin', CONSOLE], async ({ returnWindowDays }, { db, caller, now }) => {
  const before = await policyOf(db);
  await db.transaction(async (tx) => {
    await tx.set('system', SETTINGS_DOC, { returnWindowDays, updatedAt: now });
    await audit(tx, {
      action: 'aftersales.setSettings',
      target: { coll: 'system', id: SETTINGS_DOC },
      actorId: caller.actorId,
      at: now,
      before,
      after: { returnWindowDays },
    });
  });
  return { returnWindowDays };
});
