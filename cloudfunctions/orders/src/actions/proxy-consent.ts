import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { changeDealerInTx } from '../../../_capabilities/dealer-master';
import { callerDealer } from '../../../_kit/caller';
import { defineAction } from '../../../_kit/router';

/**
 * The dealer's 代客下单无需确认 setting. Anyone of the dealer may read it; only its owner (or a
 * dealer account from before staff roles) may change it, since it lets a manager's orders take
 * the dealer's credit without a second look. A change goes through the dealers' audited change.
 */
export const proxyConsent = defineAction(contracts.orders.proxyConsent, ['dealer'], async ({ authorised }, ctx) => {
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  if (authorised === undefined || authorised === (dealer.proxyOrdersAuthorised === true)) return { authorised: dealer.proxyOrdersAuthorised === true };
  const staff = ctx.caller.user.staffRole;
  if (staff !== undefined && staff !== 'owner') return new Refusal('FORBIDDEN', '只有经销商负责人可以修改代客下单设置');
  const p = { dealerId: dealer._id, actorId: ctx.caller.user.openid, now: ctx.now, reason: '经销商设置代客下单', action: 'orders.proxyConsent' };
  const changed = await ctx.db.transaction((tx) => changeDealerInTx(tx, p, () => ({ proxyOrdersAuthorised: authorised })));
  if (changed instanceof Refusal) return changed;
  return { authorised: changed.proxyOrdersAuthorised === true };
});
