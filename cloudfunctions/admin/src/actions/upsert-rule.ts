import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { categoryRefs, refuseUnknownCategories } from '../../../_capabilities/categories';
import type { RuleDoc } from '@shared/documents';
import { defineAction } from '../../../_kit/router';
import { PRICING_VERSION_DOC, bumpVersion } from '../../../_kit/versions';

export const upsertRule = defineAction(contracts.admin.upsertRule, ['admin', CONSOLE], async ({ rule }, { db, now, caller }) => {
  // A rule on a category the catalog does not have would match nothing, silently: refuse it.
  const unknown = await refuseUnknownCategories(db, categoryRefs('rule.products.categoryIds', rule.products.categoryIds));
  if (unknown) return unknown;
  return db.transaction(async (tx) => {
    const before = await tx.get('price_rules', rule.id);
    const doc: RuleDoc = { rule, code: rule.code, enabled: rule.enabled, updatedAt: now, updatedBy: caller.actorId };
    await tx.set('price_rules', rule.id, doc);
    const version = await bumpVersion(tx, PRICING_VERSION_DOC, now);
    await audit(tx, {
      action: 'admin.upsertRule',
      target: { coll: 'price_rules', id: rule.id },
      actorId: caller.actorId,
      at: now,
      before: before?.rule ?? null,
      after: rule,
    });
    return { id: rule.id, created: before === null, version };
  });
});
