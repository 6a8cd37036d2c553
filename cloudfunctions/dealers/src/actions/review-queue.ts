import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { regionsOf } from '../scope';
import { applicationView } from '../views';

/** Applications of one status (待审核 by default), oldest first: a manager's regions, or all for an admin. */
export const reviewQueue = defineAction(contracts.dealers.reviewQueue, ['manager', 'admin', CONSOLE], async ({ status }, { caller, db }) => {
  const scope = regionsOf(caller);
  if (scope !== 'all' && (scope ?? []).length === 0) return { items: [] };
  const where = { status: status ?? 'submitted', ...(scope === 'all' ? {} : { region: db.command['in']!(scope ?? []) }) };
  const docs = await db.find('dealer_applications', where, { orderBy: [['submittedAt', 'asc']], limit: 100 });
  return { items: docs.map(applicationView) };
});
