import { contracts } from '@shared/contracts';
import type { RuleRecord } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

export const listRules = defineAction(contracts.admin.listRules, ['admin', CONSOLE], async (input, { db }) => {
  const limit = input.limit ?? 50;
  const where: Record<string, unknown> = { _id: db.command['gt']!(input.cursor ?? '') };
  if (input.code) where['code'] = input.code;
  const docs = await db.find('price_rules', where, { orderBy: [['_id', 'asc']], limit: limit + 1 });
  const page = docs.slice(0, limit);
  const items: RuleRecord[] = page.map((d) => ({ rule: d.rule, updatedAt: d.updatedAt, updatedBy: d.updatedBy }));
  return { items, nextCursor: docs.length > limit ? (page[page.length - 1]?._id ?? null) : null };
});
