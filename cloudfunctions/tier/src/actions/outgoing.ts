import { contracts } from '@shared/contracts';
import { noDealer } from '../../../_kit/caller';
import { defineAction } from '../../../_kit/router';
import { listTierOrders } from '../list';

/** The caller's dealer's own orders to its first-tier, newest first. */
export const outgoing = defineAction(contracts.tier.outgoing, ['dealer'], async ({ status, cursor }, ctx) => {
  if (!ctx.caller.dealerId) return noDealer();
  return listTierOrders(ctx.db, { dealerId: ctx.caller.dealerId }, status, cursor);
});
