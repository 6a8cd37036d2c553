import { Refusal } from '@shared/envelope';
import type { DealerDoc } from '@shared/models';
import { callerDealer } from '../_kit/caller';
import type { Stored } from '../_kit/db';
import type { AuthedCaller, HandlerContext } from '../_kit/router';
import { regionsOf } from './region-scope';

/**
 * The dealer a call works for: the caller's own, or — 代客下单 — the dealer a channel manager (or
 * brand admin) names, when it lies in a region they look after. The catalog, the quote and the
 * proxy submit all read the dealer here, so a manager sees and places exactly what that dealer
 * would (same level, region, contract prices, hints). A dealer who names one is refused: a dealer
 * works only for itself; a dealer outside the manager's regions is NOT_FOUND (not revealed).
 */
export async function dealerFor(ctx: HandlerContext<AuthedCaller>, forDealerId: string | undefined): Promise<Stored<DealerDoc> | Refusal> {
  if (forDealerId === undefined) return callerDealer(ctx);
  const regions = regionsOf(ctx.caller);
  if (!regions) return new Refusal('FORBIDDEN', '只有渠道经理可以代经销商下单');
  const dealer = await ctx.db.getById('dealers', forDealerId);
  if (!dealer || (regions !== 'all' && !regions.includes(dealer.region))) return new Refusal('NOT_FOUND', '经销商不存在或不在您负责的区域');
  if (dealer.status !== 'active') return new Refusal('DEALER_SUSPENDED', '该经销商已暂停下单，不能代客下单');
  return dealer;
}
