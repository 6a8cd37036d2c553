import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { unreadBy } from '../audience';

/** Who may see a resource and has not read its current version (a manager: the dealers of their regions). */
export const unreadReaders = defineAction(contracts.enablement.unreadReaders, ['manager', 'admin', CONSOLE], async ({ resourceId }, { db, caller }) => {
  const r = await db.getById('enablement_resources', resourceId);
  if (!r) return new Refusal('NOT_FOUND', '资料不存在');
  const regions = caller.user?.role === 'manager' ? (caller.user.regions ?? []) : null;
  const { unread, read, dealerNames } = await unreadBy(db, resourceId, r, regions);
  const readers = unread.map((u) => ({
    userId: u._id,
    name: u.name,
    role: u.role,
    dealerId: u.dealerId,
    dealerName: u.dealerId ? (dealerNames.get(u.dealerId) ?? null) : null,
  }));
  return { resourceId, version: r.version, readers, read };
});
