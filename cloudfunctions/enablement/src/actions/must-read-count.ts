import { contracts } from '@shared/contracts';
import { maySee, readId } from '@shared/enablement';
import { defineAction } from '../../../_kit/router';
import { readerOf } from '../reader';

/**
 * The badge on 我的's 赋能中心: the must-reads the caller may see and has not read in their current
 * version. Cheaper than `resources`: the published resources (one indexed query), then only
 * the must-reads' readings of this user, fetched by id — never the user's whole reading history.
 */
export const mustReadCount = defineAction(contracts.enablement.mustReadCount, ['dealer', 'clerk', 'manager'], async (_input, { db, caller }) => {
  const reader = await readerOf(db, caller);
  const all = await db.find('enablement_resources', { status: 'published' }, { orderBy: [['updatedAt', 'desc']], limit: 500 });
  const must = all.filter((r) => r.mustReadBy !== null && maySee(r, reader));
  if (must.length === 0) return { count: 0 };
  const read = await db.getMany(
    'enablement_reads',
    must.map((r) => readId(r._id, r.version, caller.user._id)),
  );
  return { count: must.length - read.length };
});
