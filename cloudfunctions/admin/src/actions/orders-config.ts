import { contracts } from '@shared/contracts';
import type { ApprovalRuleRecord } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { WarehouseDoc } from '@shared/models';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { categoryRefs, refuseUnknownCategories } from '../../../_kit/categories';
import type { ApprovalRuleDoc } from '../../../_kit/orders-config';
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
    const before = await tx.get<ApprovalRuleDoc>('approval_rules', rule.id);
    await tx.set('approval_rules', rule.id, { rule, code: rule.code, enabled: rule.enabled, updatedAt: now, updatedBy: caller.actorId } satisfies ApprovalRuleDoc);
    const version = await bumpVersion(tx, ORDERS_CONFIG_VERSION_DOC, now);
    await audit(tx, { action: 'admin.upsertApprovalRule', target: { coll: 'approval_rules', id: rule.id }, actorId: caller.actorId, at: now, before: before?.rule ?? null, after: rule });
    return { id: rule.id, created: before === null, version };
  });
});

export const disableApprovalRule = defineAction(contracts.admin.disableApprovalRule, ['admin', CONSOLE], async ({ id, reason }, { db, now, caller }) => {
  return db.transaction(async (tx) => {
    const before = await tx.get<ApprovalRuleDoc>('approval_rules', id);
    if (!before) return new Refusal('NOT_FOUND', `没有 id 为 ${id} 的审批规则`);
    if (!before.enabled) return new Refusal('CONFLICT', `审批规则 ${id} 已经停用`);
    const rule = { ...before.rule, enabled: false };
    await tx.set('approval_rules', id, { rule, code: before.code, enabled: false, updatedAt: now, updatedBy: caller.actorId } satisfies ApprovalRuleDoc);
    const version = await bumpVersion(tx, ORDERS_CONFIG_VERSION_DOC, now);
    await audit(tx, { action: 'admin.disableApprovalRule', target: { coll: 'approval_rules', id }, actorId: caller.actorId, at: now, before: before.rule, after: rule, reason });
    return { id, version };
  });
});

export const listApprovalRules = defineAction(contracts.admin.listApprovalRules, ['admin', CONSOLE], async (input, { db }) => {
  const limit = input.limit ?? 50;
  const docs = await db.find<ApprovalRuleDoc>('approval_rules', { _id: db.command['gt']!(input.cursor ?? '') }, { orderBy: [['_id', 'asc']], limit: limit + 1 });
  const page = docs.slice(0, limit);
  const items: ApprovalRuleRecord[] = page.map((d) => ({ rule: d.rule, updatedAt: d.updatedAt, updatedBy: d.updatedBy }));
  return { items, nextCursor: docs.length > limit ? (page[page.length - 1]?._id ?? null) : null };
});

export const upsertWarehouse = defineAction(contracts.admin.upsertWarehouse, ['admin', CONSOLE], async ({ warehouse }, { db, now, caller }) => {
  return db.transaction(async (tx) => {
    const before = await tx.get<WarehouseDoc>('warehouses', warehouse.id);
    const { id, ...fields } = warehouse;
    await tx.set('warehouses', id, fields satisfies WarehouseDoc);
    const version = await bumpVersion(tx, ORDERS_CONFIG_VERSION_DOC, now);
    const { _id: _ignored, ...was } = before ?? { _id: id };
    await audit(tx, { action: 'admin.upsertWarehouse', target: { coll: 'warehouses', id }, actorId: caller.actorId, at: now, before: before ? was : null, after: fields });
    return { id, created: before === null, version };
  });
});
