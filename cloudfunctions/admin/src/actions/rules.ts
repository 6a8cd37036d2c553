import { contracts } from '@shared/contracts';
import type { RuleRecord } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { categoryRefs, refuseUnknownCategories } from '../../../_kit/categories';
import type { RuleDoc } from '../../../_kit/pricing';
import { defineAction } from '../../../_kit/router';
import { PRICING_VERSION_DOC, bumpVersion } from '../../../_kit/versions';

export const upsertRule = defineAction(contracts.admin.upsertRule, ['admin', CONSOLE], async ({ rule }, { db, now, caller }) => {
  // A rule on a category the catalog does not have would match nothing, silently: refuse it.
  const unknown = await refuseUnknownCategories(db, categoryRefs('rule.products.categoryIds', rule.products.categoryIds));
  if (unknown) return unknown;
  return db.transaction(async (tx) => {
    const before = await tx.get<RuleDoc>('price_rules', rule.id);
    const doc: RuleDoc = { rule, code: rule.code, enabled: rule.enabled, updatedAt: now, updatedBy: caller.actorId };
    await tx.set('price_rules', rule.id, doc);
    const version = await bumpVersion(tx, PRICING_VERSION_DOC, now);
    await audit(tx, { action: 'admin.upsertRule', target: { coll: 'price_rules', id: rule.id }, actorId: caller.actorId, at: now, before: before?.rule ?? null, after: rule });
    return { id: rule.id, created: before === null, version };
  });
});

export const disableRule = defineAction(contracts.admin.disableRule, ['admin', CONSOLE], async ({ id, reason }, { db, now, caller }) => {
  return db.transaction(async (tx) => {
    const before = await tx.get<RuleDoc>('price_rules', id);
    if (!before) return new Refusal('NOT_FOUND', `没有 id 为 ${id} 的价格规则`);
    if (!before.enabled) return new Refusal('CONFLICT', `规则 ${id} 已经停用`);
    const rule = { ...before.rule, enabled: false };
    await tx.set('price_rules', id, { rule, code: before.code, enabled: false, updatedAt: now, updatedBy: caller.actorId });
    const version = await bumpVersion(tx, PRICING_VERSION_DOC, now);
    await audit(tx, { action: 'admin.disableRule', target: { coll: 'price_rules', id }, actorId: caller.actorId, at: now, before: before.rule, after: rule, reason });
    return { id, version };
  });
});

export const listRules = defineAction(contracts.admin.listRules, ['admin', CONSOLE], async (input, { db }) => {
  const limit = input.limit ?? 50;
  const where: Record<string, unknown> = { _id: db.command['gt']!(input.cursor ?? '') };
  if (input.code) where['code'] = input.code;
  const docs = await db.find<RuleDoc>('price_rules', where, { orderBy: [['_id', 'asc']], limit: limit + 1 });
  const page = docs.slice(0, limit);
  const items: RuleRecord[] = page.map((d) => ({ rule: d.rule, updatedAt: d.updatedAt, updatedBy: d.updatedBy }));
  return { items, nextCursor: docs.length > limit ? (page[page.length - 1]?._id ?? null) : null };
});
