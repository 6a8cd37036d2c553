import { contracts } from '@shared/contracts';
import type { ApprovalRuleRecord } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import type { ApprovalRuleDoc } from '@shared/documents';
import { defineAction } from '../../../_kit/router';

export const listApprovalRules = defineAction(contracts.admin.listApprovalRules, ['admin', CONSOLE], async (input, { db }) => {
  const limit = input.limit ?? 50;
  const docs = await db.find<ApprovalRuleDoc>(
    'approval_rules',
    { _id: db.command['gt']!(input.cursor ?? '') },
    { orderBy: [['_id', 'asc']], limit: limit + 1 },
  );
  const page = docs.slice(0, limit);
  const items: ApprovalRuleRecord[] = page.map((d) => ({ rule: d.rule, updatedAt: d.updatedAt, updatedBy: d.updatedBy }));
  return { items, nextCursor: docs.length > limit ? (page[page.length - 1]?._id ?? null) : null };
});
