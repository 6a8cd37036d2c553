import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { PRICING_VERSION_DOC, bumpVersion } from '../../../_kit/versions';

export const disableRule = defineAction(contracts.admin.disableRule, ['admin', CONSOLE], async ({ id, reason }, { db, now, caller }) => {
  return db.transaction(async (tx) => {
    const before = await tx.get('price_rules', id);
    if (!before) return new Refusal('NOT_FOUND', `没有 id 为 ${id} 的价格规则`);
    if (!before.enabled) return new Refusal('CONFLICT', `规则 ${id} 已经停用`);
    const rule = { ...before.rule, enabled: false };
    await tx.set('price_rules', id, { rule, code: before.code, enabled: false, updatedAt: now, updatedBy: caller.actorId });
    const version = await bumpVersion(tx, PRICING_VERSION_DOC, now);
    await audit(tx, {
      action: 'admin.disableRule',
      target: { coll: 'price_rules', id },
      actorId: caller.actorId,
      at: now,
      before: before.rule,
      after: rule,
      reason,
    });
    return { id, version };
  });
});
