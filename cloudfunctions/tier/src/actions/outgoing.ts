import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';
import { listTierOrders } from '../list';

/** The caller's dealer's own orders to its first-tier, newest first. */
export const outgoing = defineAction(contracts.tier.outgoing, ['dealer'], async ({ status, cursor }, ctx) => {
  if (!ctx.caller.dealerId) return new Refusal('FORBIDDEN', '当前账号未绑定经销商，请联系品牌方');
  return listTierOrders(ctx.db, { dealerId: ctx.caller.dealerId }, status, cursor);
});
