import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { categoryRefs, refuseUnknownCategories } from '../../../_capabilities/categories';
import type { ApprovalRuleDoc } from '@shared/documents';
import { defineAction } from '../../../_kit/router';
import { ORDERS_CONFIG_VERSION_DOC, bumpVersion } from '../../../_kit/versions';

/**
 * Approval rules and warehouses: each change is written with its audit entry and a bump of the
 * orders-config version in one transaction, so every orders instance picks it up on its next call.
 */
export const upsertApprovalRule = defineAction(contracts.admin.upsertApprovalRule, ['admin', CONSOLE], async ({ rule }, { db, now, caller }) => {
  if (rule.code === 'category_in') {
    // A rule on a category the catalog does not have would never fire, silently: refuse it.
    const unknown = await refuseUnknownCategories(db, categoryRefs('rule.args.categoryIds', rule.args.categoryIds));
    if (unknown) return unknown;
  }
  return db.transaction(async (tx) => {
    const before = await tx.get('approval_rules', rule.id);
    await tx.set('approval_rules', rule.id, {
      rule,
      code: rule.code,
      enabled: rule.enabled,
      updatedAt: now,
      updatedBy: caller.actorId,
    } satisfies ApprovalRuleDoc);
    const version = await bumpVersion(tx, ORDERS_CONFIG_VERSION_DOC, now);
    await audit(tx, {
      action: 'admin.upsertApprovalRule',
      target: { coll: 'approval_rules', id: rule.id },
      actorId: caller.actorId,
      at: now,
      before: before?.rule ?? null,
      after: rule,
    });
    return { id: rule.id, created: before === null, version };
  });
});
