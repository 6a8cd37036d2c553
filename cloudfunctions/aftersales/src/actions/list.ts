import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { mayView, scopeOf, toView } from '../scope';

/**
 * Return requests the caller may see, newest first: one order's, or the caller's scope (a
 * dealer's own, a manager's regions, everything for admins), optionally of one status.
 */
export const list = defineAction(
  contracts.aftersales.list,
  ['dealer', 'clerk', 'manager', 'admin', CONSOLE],
  async ({ status, orderId, limit }, { db, caller }) => {
    const scope = scopeOf(caller, db);
    if (!scope) return { items: [] };
    const take = limit ?? 50;
    if (orderId !== undefined) {
      const docs = await db.find('return_requests', { orderId }, { orderBy: [['createdAt', 'desc']], limit: take });
      return { items: docs.filter((d) => mayView(caller, d) && (status === undefined || d.status === status)).map((d) => toView(d._id, d, caller)) };
    }
    // A manager's list filters the status after the region index (few requests per region).
    const byStatus = status !== undefined && !('dealerRegion' in scope);
    const where = byStatus ? { ...scope, status } : scope;
    const docs = await db.find('return_requests', where, {
      orderBy: [
        ['createdAt', 'desc'],
        ['_id', 'desc'],
      ],
      limit: byStatus ? take : 100,
    });
    return {
      items: docs
        .filter((d) => status === undefined || d.status === status)
        .slice(0, take)
        .map((d) => toView(d._id, d, caller)),
    };
  },
);
