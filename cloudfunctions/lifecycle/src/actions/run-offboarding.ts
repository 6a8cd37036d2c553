import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { runSteps } from '../offboarding/run';
import { mayOffboard } from '../offboarding/scope';

/** Resume an offboarding: the steps not done yet run again in order (a finished one changes nothing). */
export const runOffboarding = defineAction(
  contracts.lifecycle.runOffboarding,
  ['admin', 'manager', CONSOLE],
  async ({ dealerId, takeoverWecomUserId }, { db, caller, now }) => {
    const doc = await db.getById('offboardings', dealerId);
    if (!doc || !mayOffboard(caller, doc)) return new Refusal('NOT_FOUND', '没有该经销商的清退记录，请先用 startOffboarding 发起');
    return runSteps(db, doc, caller.actorId, now, takeoverWecomUserId ?? null);
  },
);
