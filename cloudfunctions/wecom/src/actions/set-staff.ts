import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction, isServerWritten } from '../../../_kit/router';
import type { StaffDoc } from '../work/context';

/** Map a WeCom member to a clerk of this system (admin, audited). */
export const setStaff = defineAction(contracts.wecom.setStaff, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  const user = await db.getById('users', input.clerkId);
  // A record a client wrote (it carries _openid) is nobody's staff account.
  if (!user || !isServerWritten(user)) return new Refusal('NOT_FOUND', `没有 id 为 ${input.clerkId} 的用户`);
  return db.transaction(async (tx) => {
    const before = await tx.get('wecom_staff', input.userId);
    const doc: StaffDoc = { clerkId: input.clerkId, dealerId: user.dealerId, name: input.name, status: input.status ?? 'active', updatedAt: now };
    await tx.set('wecom_staff', input.userId, doc);
    await audit(tx, { action: 'wecom.setStaff', target: { coll: 'wecom_staff', id: input.userId }, actorId: caller.actorId, at: now, before, after: doc });
    return { userId: input.userId, created: before === null };
  });
});
