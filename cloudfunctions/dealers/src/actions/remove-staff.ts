import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { requestCustomerHandover } from '../../../_capabilities/customer-handover';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { managedDealer } from '../scope';

/**
 * Remove one of a dealer's people: their account is disabled (history keeps their name). For a
 * clerk the WeCom customer hand-over starts (the wecom function's transfer, queued through
 * _capabilities/customer-handover) when a takeover member is given.
 */
export const removeStaff = defineAction(contracts.dealers.removeStaff, ['dealer', 'manager', 'admin', CONSOLE], async (input, { caller, db, now }) => {
  const target = await db.getById('users', input.userId);
  const dealer = await managedDealer(caller, db, target?.dealerId ?? undefined);
  if (dealer instanceof Refusal) return dealer;
  if (!target || target.dealerId !== dealer._id) return new Refusal('NOT_FOUND', '该人员不属于此经销商');
  if (target._id === caller.user?._id) return new Refusal('INVALID_INPUT', '不能移除自己');
  const done = await db.transaction(async (tx) => {
    const user = await tx.get('users', input.userId);
    if (!user || user.status !== 'active') refuse('CONFLICT', '该人员已被移除');
    await tx.update('users', user._id, { status: 'disabled' });
    const after = { status: 'disabled' };
    await audit(tx, {
      action: 'dealers.removeStaff',
      target: { coll: 'users', id: user._id },
      actorId: caller.actorId,
      at: now,
      before: { status: user.status },
      after,
      reason: input.reason,
    });
    return user;
  });
  if (done instanceof Refusal) return done;
  const handover =
    done.role === 'clerk'
      ? await requestCustomerHandover(db, { clerkId: done._id, takeoverWecomUserId: input.takeoverWecomUserId ?? null, by: caller.actorId, now })
      : { started: false, note: '非导购，无需交接企业微信客户' };
  return { userId: done._id, handover };
});
