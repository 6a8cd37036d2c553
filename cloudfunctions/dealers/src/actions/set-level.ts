import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { changeDealer } from '../master';

/** Change a dealer's level directly (brand admin only, with the reason); its next quote uses the new level's prices. */
export const setLevel = defineAction(contracts.dealers.setLevel, ['admin', CONSOLE], async (input, { caller, db, now }) => {
  const p = { dealerId: input.dealerId, caller, now, reason: input.reason, action: 'dealers.setLevel' };
  const dealer = await db.transaction((tx) =>
    changeDealer(tx, p, (d) => {
      if (d.level === input.level) refuse('CONFLICT', `该经销商已是 ${input.level} 级`);
      return { level: input.level };
    }),
  );
  if (dealer instanceof Refusal) return dealer;
  return { level: dealer.level };
});
