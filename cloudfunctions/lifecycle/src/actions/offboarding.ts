import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { viewOf } from '../offboarding/run';
import { mayOffboard } from '../offboarding/scope';

/** One dealer's offboarding as stored: each step's state and reason, and the final statement once done. */
export const offboarding = defineAction(contracts.lifecycle.offboarding, ['admin', 'manager', CONSOLE], async ({ dealerId }, { db, caller }) => {
  const doc = await db.getById('offboardings', dealerId);
  if (!doc || !mayOffboard(caller, doc)) return new Refusal('NOT_FOUND', '没有该经销商的清退记录');
  return viewOf(doc);
});
