import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

export const setTargets = defineAction(contracts.rebates.setTargets, ['admin', CONSOLE], async ({ policyId, period, targets }, { db, now, caller }) => {
  if (!(await db.getById('rebate_policies', policyId))) return new Refusal('NOT_FOUND', `没有 id 为 ${policyId} 的返利政策`);
  for (const t of targets)
    await db.set('rebate_targets', `${policyId}:${t.dealerId}:${period}`, {
      policyId,
      dealerId: t.dealerId,
      period,
      amount: t.amount,
      updatedAt: now,
      updatedBy: caller.actorId,
    });
  return { saved: targets.length };
});
