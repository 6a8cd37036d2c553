import { contracts } from '@shared/contracts';
import { itemOf, maySee } from '@shared/enablement';
import { defineAction } from '../../../_kit/router';
import { readerOf } from '../reader';

/**
 * The resources the caller may see, must-reads first (soonest deadline first), then newest. The
 * counts feed the badge on 赋能中心 in 我的: new ones, and must-reads not read yet.
 */
export const resources = defineAction(contracts.enablement.resources, ['dealer', 'clerk', 'manager'], async (_input, { db, caller, now }) => {
  const reader = await readerOf(db, caller);
  const all = await db.find('enablement_resources', { status: 'published' }, { orderBy: [['updatedAt', 'desc']], limit: 500 });
  const visible = all.filter((r) => maySee(r, reader));
  const read = new Set((await db.findAll('enablement_reads', { userId: caller.user._id })).map((x) => `${x.resourceId}:${x.version}`));
  const items = visible.map((r) => itemOf(r._id, r, read.has(`${r._id}:${r.version}`), now));
  const rank = (i: (typeof items)[number]) => (i.mustReadBy !== null && !i.read ? i.mustReadBy : Number.MAX_SAFE_INTEGER);
  items.sort((a, b) => rank(a) - rank(b) || b.updatedAt - a.updatedAt);
  return { items, newCount: items.filter((i) => i.isNew).length, mustReadCount: items.filter((i) => i.mustReadBy !== null && !i.read).length };
});
