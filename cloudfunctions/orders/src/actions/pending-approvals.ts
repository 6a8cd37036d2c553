import { contracts } from '@shared/contracts';
import type { OrderSummary } from '@shared/contracts';
import { callersOf } from '../actors';
import { dealerContexts } from '../dealer-context';
import { toSummary } from '../views';
import { defineAction } from '../../../_kit/router';
import { scopeOf } from '../scope';

/**
 * Orders whose current approval step is the caller's role (managers: in their regions), for
 * whoever may approve (callersOf), with each dealer's credit, latest orders and health (dealerContexts).
 * The console is a brand admin: it sees the steps waiting for an admin.
 */
export const pendingApprovals = defineAction(contracts.orders.pendingApprovals, callersOf('approve_step'), async (_input, { db, caller, now }) => {
  const scope = scopeOf(caller, db) ?? {};
  const docs = await db.find('orders', { ...scope, status: 'pending_approval' }, { orderBy: [['createdAt', 'asc']], limit: 200 });
  const role = caller.console ? 'admin' : caller.user?.role;
  const items: OrderSummary[] = docs.filter((d) => d.approval?.steps[d.approval.currentStep]?.role === role).map(toSummary);
  return {
    items,
    dealers: await dealerContexts(
      db,
      items.map((o) => o.dealerId),
      now,
    ),
  };
});
