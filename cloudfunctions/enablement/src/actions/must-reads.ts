import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/**
 * The must-reads a manager follows, soonest deadline first: published, with a deadline, and aimed
 * at one of their regions or at every region (an admin follows all). Each one's readers are what
 * unreadReaders answers; counting them here would read every reader of every resource.
 */
export const mustReads = defineAction(contracts.enablement.mustReads, ['manager', 'admin', CONSOLE], async (_input, { db, caller, now }) => {
  const regions = caller.user?.role === 'manager' ? (caller.user.regions ?? []) : null;
  const all = await db.find('enablement_resources', { status: 'published' }, { orderBy: [['updatedAt', 'desc']], limit: 500 });
  const items = all
    .filter((r) => r.mustReadBy !== null && (!regions || r.target.regions.length === 0 || r.target.regions.some((g) => regions.includes(g))))
    .map((r) => ({ id: r._id, title: r.title, kind: r.kind, version: r.version, roles: r.roles, mustReadBy: r.mustReadBy!, overdue: now > r.mustReadBy! }));
  return { items: items.sort((a, b) => a.mustReadBy - b.mustReadBy) };
});
