import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { makeInvitation } from '../invitations';
import { managedDealer } from '../scope';
import { invitationView } from '../views';

/**
 * An invitation (code + QR) for one of a dealer's people: the owner invites a buyer or a clerk; a
 * manager or an admin may also invite a new owner (e.g. the first one lost the code).
 */
export const inviteStaff = defineAction(contracts.dealers.inviteStaff, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async (input, { caller, db, now }) => {
  const dealer = await managedDealer(caller, db, input.dealerId);
  if (dealer instanceof Refusal) return dealer;
  if (input.staffRole === 'owner' && caller.user?.role === 'dealer') return new Refusal('FORBIDDEN', '负责人邀请须由渠道经理发出');
  const made = await db.transaction(async (tx) => {
    if ((await tx.get('dealers', dealer._id))?.status !== 'active') refuse('CONFLICT', '经销商已暂停合作，不能邀请人员');
    return makeInvitation(tx, { dealerId: dealer._id, staffRole: input.staffRole, name: input.name, actorId: caller.actorId, now });
  });
  if (made instanceof Refusal) return made;
  return { invitation: invitationView(made.code, made.doc, dealer.name) };
});
