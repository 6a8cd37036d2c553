import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import type { ApprovalRuleDoc } from '@shared/documents';
import { defineAction } from '../../../_kit/router';
import { ORDERS_CONFIG_VERSION_DOC, bumpVersion } from '../../../_kit/versions';

export const disableApprovalRule = defineAction(contracts.admin.disableApprovalRule, ['admin', CONSOLE], async ({ id, reason }, { db, now, caller }) => {
  return db.transaction(async (tx) => {
    const before = await tx.get('approval_rules', id);
    if (!before) return new Refusal('NOT_FOUND', `没有 id 为 ${id} 的审批规则`);
    if (!before.enabled) return new Refusal('CONFLICT', `审批规则 ${id} 已经停用`);
    const rule = { ...before.rule, enabled: false };
    await tx.set('approval_rules', id, { rule, code: before.code, enabled: false, updatedAt: now, updatedBy: caller.actorId } satisfies ApprovalRuleDoc);
    const version = await bumpVersion(tx, ORDERS_CONFIG_VERSION_DOC, now);
    await audit(tx, {
      action: 'admin.disableApprovalRule',
      target: { coll: 'approval_rules', id },
      actorId: caller.actorId,
      at: now,
      before: before.rule,
      after: rule,
      reason,
    });
    return { id, version };
  });
});
