import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';
import { listTierOrders } from '../list';
import { asFirstTier } from '../scope';

/** The first-tier's 待处理: its children's orders, newest first, by group (to_accept, to_ship, …). */
export const incoming = defineAction(contracts.tier.incoming, ['dealer'], async ({ status, cursor }, ctx) => {
  const me = await asFirstTier(ctx, 'staff', true);
  if (me instanceof Refusal) return me;
  return listTierOrders(ctx.db, { supplierDealerId: me.dealer._id }, status, cursor);
});
