import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { dealerFor } from '../../../_capabilities/proxy-dealer';
import { defineAction } from '../../../_kit/router';
import { runSubmit } from '../submit/run';

/**
 * 代客下单: a channel manager (or brand admin) submits the order a dealer of their region phoned in.
 * It is the dealer's submit (submit/run) — same load, prices, hints, stock and credit holds,
 * approval rules — with the manager as placedBy; it waits for the dealer's 确认 unless the dealer
 * authorised proxy orders. Stock and credit are held now, not at confirmation: what the manager
 * promised on the phone is kept while the dealer looks, and a refusal gives it back once.
 * The console is not admitted: a proxy order names the person who placed it. The id
 * keeps proxy orders apart from the dealer's own (a manager cannot reach one of those by its client id).
 */
export const submitForDealer = defineAction(contracts.orders.submitForDealer, ['manager', 'admin'], async ({ dealerId, ...input }, ctx) => {
  const dealer = await dealerFor(ctx, dealerId);
  if (dealer instanceof Refusal) return dealer;
  const forDealer = { ...ctx, caller: { ...ctx.caller, dealerId: dealer._id } };
  return runSubmit(forDealer, input, `o-${dealer._id}-proxy-${input.clientOrderId}`, true);
});
