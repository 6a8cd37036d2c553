import { Refusal } from '@shared/envelope';
import type { DealerDoc } from '@shared/models';
import type { Stored } from './db';
import type { AuthedCaller, HandlerContext } from './router';

/** The refusal of a caller bound to no dealer. */
export const noDealer = (): Refusal => new Refusal('FORBIDDEN', '当前账号未绑定经销商，请联系品牌方');

/** The dealer the caller belongs to (dealer owner or clerk), or a refusal saying why there is none. */
export async function callerDealer(ctx: HandlerContext<AuthedCaller>): Promise<Stored<DealerDoc> | Refusal> {
  const id = ctx.caller.dealerId;
  if (!id) return noDealer();
  return checkedDealer(await ctx.db.getById('dealers', id));
}

/** The caller's dealer as read (callerDealer, or read early beside the caller's look-up), or why it cannot order. */
export function checkedDealer(dealer: Stored<DealerDoc> | null): Stored<DealerDoc> | Refusal {
  if (!dealer) return new Refusal('NOT_FOUND', '所属经销商不存在，请联系品牌方');
  // A stable code of its own: the phone tells a suspended dealer why, not just "forbidden" (dealers.setOrdering).
  if (dealer.status !== 'active') return new Refusal('DEALER_SUSPENDED', '所属经销商已暂停下单，请联系渠道经理');
  return dealer;
}
