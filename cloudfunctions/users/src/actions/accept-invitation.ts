import { contracts } from '@shared/contracts';
import type { AcceptInvitationOutput } from '@shared/contracts';
import type { StaffRole } from '@shared/admission/stored';
import { Refusal } from '@shared/envelope';
import type { UserDoc } from '@shared/models';
import { PUBLIC } from '@shared/roles';
import type { Role } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';

const ROLE_OF: Record<StaffRole, Role> = { owner: 'dealer', buyer: 'dealer', clerk: 'clerk' };

/**
 * Open an invitation (dealers.approve / inviteStaff): the caller's WeChat account becomes the
 * dealer's owner, buyer or clerk. The user id is derived from the invitation, which binds once:
 * the same caller retrying gets the same answer, anyone else a refusal.
 */
export const acceptInvitation = defineAction(
  contracts.users.acceptInvitation,
  [PUBLIC],
  async ({ code }, { caller, db, now }): Promise<AcceptInvitationOutput | Refusal> => {
    const openid = caller.openid;
    if (!openid) return new Refusal('FORBIDDEN', '请在微信小程序中打开邀请');
    if (caller.user && caller.user._id !== `u-${code}`) return new Refusal('CONFLICT', '当前微信已绑定其他账号，不能再接受邀请');
    const out = await db.transaction(async (tx) => {
      const inv = await tx.get('dealer_invitations', code);
      if (!inv || inv.revoked) refuse('NOT_FOUND', '邀请码无效，请向邀请人确认');
      const dealer = await tx.get('dealers', inv.dealerId);
      if (!dealer) refuse('NOT_FOUND', '邀请对应的经销商不存在');
      const userId = `u-${code}`;
      const base = { userId, dealerId: dealer._id, dealerName: dealer.name, role: ROLE_OF[inv.staffRole], staffRole: inv.staffRole };
      if (inv.usedBy) {
        if ((await tx.get('users', inv.usedBy))?.openid === openid) return { ...base, replayed: true };
        refuse('CONFLICT', '该邀请已被使用');
      }
      if (inv.expiresAt <= now) refuse('CONFLICT', '邀请已过期，请联系邀请人重新生成');
      const user: UserDoc = {
        openid,
        name: inv.name,
        role: ROLE_OF[inv.staffRole],
        dealerId: dealer._id,
        mobile: inv.mobile,
        status: 'active',
        staffRole: inv.staffRole,
        createdAt: now,
      };
      await tx.set('users', userId, user);
      await tx.update('dealer_invitations', code, { usedBy: userId, usedAt: now });
      await audit(tx, {
        action: 'users.acceptInvitation',
        target: { coll: 'users', id: userId },
        actorId: userId,
        at: now,
        before: null,
        after: { ...user, invitation: code },
      });
      return { ...base, replayed: false };
    });
    return out;
  },
);
