import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { categoryRefs, refuseUnknownCategories } from '../../../_capabilities/categories';
import { defineAction } from '../../../_kit/router';

export const upsertPolicy = defineAction(contracts.rebates.upsertPolicy, ['admin', CONSOLE], async ({ policy }, { db, now, caller }) => {
  // A scope on a category the catalog does not have would count nothing, silently: refuse it.
  const unknown = await refuseUnknownCategories(db, [
    ...categoryRefs('policy.scope.includeCategories', policy.scope.includeCategories),
    ...categoryRefs('policy.scope.excludeCategories', policy.scope.excludeCategories),
  ]);
  if (unknown) return unknown;
  return db.transaction(async (tx) => {
    const before = await tx.get('rebate_policies', policy.id);
    await tx.set('rebate_policies', policy.id, { policy, code: policy.code, enabled: policy.enabled, updatedAt: now, updatedBy: caller.actorId });
    await audit(tx, {
      action: 'rebates.upsertPolicy',
      target: { coll: 'rebate_policies', id: policy.id },
      actorId: caller.actorId,
      at: now,
      before: before?.policy ?? null,
      after: policy,
    });
    return { id: policy.id, created: before === null };
  });
});
