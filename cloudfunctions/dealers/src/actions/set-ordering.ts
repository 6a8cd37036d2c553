import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { changeDealer } from '../master';

/** Suspend or resume a dealer's ordering; a suspended dealer's submit is refused with DEALER_SUSPENDED (_kit/caller). */
export const setOrdering = defineAction(contracts.dealers.setOrdering, ['manager', 'admin', CONSOLE], async (input, { caller, db, now }) => {
  const status = input.suspended ? 'suspended' : 'active';
  const p = { dealerId: input.dealerId, caller, now, reason: input.reason, action: input.suspended ? 'dealers.suspend' : 'dealers.resume' };
  const dealer = await db.transaction((tx) =>
    changeDealer(tx, p, (d) => {
      if (d.status === status) refuse('CONFLICT', input.suspended ? '该经销商已暂停下单' : '该经销商未暂停下单');
      return { status };
    }),
  );
  if (dealer instanceof Refusal) return dealer;
  return { status: dealer.status };
});
