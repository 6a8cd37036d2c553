import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/** Level-change proposals, newest first: a manager sees those of their regions. */
export const levelProposals = defineAction(contracts.lifecycle.levelProposals, ['manager', 'admin', CONSOLE], async (input, { db, caller }) => {
  const docs = await db.find('level_proposals', { status: input.status ?? 'pending' }, { orderBy: [['createdAt', 'desc']], limit: 200 });
  const regions = caller.user?.role === 'manager' ? new Set(caller.user.regions ?? []) : null;
  return { items: docs.filter((d) => !regions || regions.has(d.region)).map(({ _id, ...d }) => ({ ...d, id: _id })) };
});
