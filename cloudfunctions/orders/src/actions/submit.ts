import { contracts } from '@shared/contracts';
import type { SubmitOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { decideSubmission } from '@shared/orders';
import type { Order, PlacingContext, Takes } from '@shared/orders';
import type { AccountDoc } from '@shared/models';
import type { Db } from '../../../_kit/db';
import type { OrderExtras } from '../submit/steps';
import type { AuthedCaller } from '../../../_kit/router';
import { defineAction } from '../../../_kit/router';
import { actorOf } from '../actors';
import { EMPTY_ACCOUNT } from '../../../_capabilities/order-effects';
import { audienceKey, notify, recipientsOf } from '../notify';
import type { SubmitContext } from '../submit/context';
import { loadContext } from '../submit/context';
import { placeHeld } from '../submit/place-held';
import { replayOf, requestDigestOf } from '../submit/replay';
import { allocate, draftOf, extrasOf, price, takesOf } from '../submit/steps';
import { namesOnNewOrder, toView } from '../views';

/**
 * Place an order: decide, then act. Load (submit/context), price, allocate, then check credit,
 * decide approval and decide (shared/orders/placement decideSubmission) on what was read, to
 * refuse early; then the stock is held by atomic conditional updates (submit/holds, sent beside
 * the transaction: place-held) and the one writer (submit/place) applies what else the order
 * takes — credit, rebate, promotion uses — in one transaction that re-checks each limit there
 * and inserts the order under an id derived from the client's id, so a retry or a double tap
 * finds the order already there instead of making a second one. Any refusal changes nothing.
 *
 * Round trips, not CPU, decide what the dealer waits for in CloudBase (npm run bench -- orders:
 * modelled_*): the recipients of the early decision's notifications are looked up beside the
 * transaction, so after the commit only the messages themselves remain.
 */
/** What the submission decision needs besides the order and the account (shared/orders/placement). */
function placingOf(c: SubmitContext, caller: AuthedCaller, now: number): PlacingContext {
  const { _id: id, level, joinedAt, creditLimit } = c.dealer;
  const { approvalRules, categories } = c.config;
  return { dealer: { id, level, joinedAt, creditLimit }, actor: actorOf(caller), now, approvalRules, categories, priorOrders: c.priorOrders };
}

/** The one writer, with the stock and the account held beside its transaction (submit/place-held). */
function placeSubmission(
  db: Db,
  c: SubmitContext,
  p: { orderId: string; draft: (orderNo: string) => Order; placing: PlacingContext; takes: Takes; extras: OrderExtras; now: number },
): ReturnType<typeof placeHeld> {
  const { placing, ...rest } = p;
  const decide = (order: Order, account: AccountDoc) => decideSubmission(order, account, placing);
  const placement = { ...rest, dealerId: c.dealer._id, decide, priorOrders: c.priorOrders };
  const policy = { creditLimit: c.dealer.creditLimit, approvalRules: c.config.approvalRules };
  return placeHeld(db, placement, new Map(c.stock.map((s) => [s._id, s])), c.account, policy);
}

export const submit = defineAction(contracts.orders.submit, ['dealer'], async (input, ctx): Promise<SubmitOutput | Refusal> => {
  const { db, now, caller } = ctx;
  const orderId = `o-${caller.dealerId}-${input.clientOrderId}`;
  const digest = requestDigestOf(input);
  const c = await loadContext(ctx, input, orderId);
  if (c instanceof Refusal) return c;
  if ('existing' in c) return replayOf(db, orderId, c.existing, digest);
  const q = price(input, c, now);
  if (q instanceof Refusal) return q;
  const reservations = allocate(q, c.stock, c);
  if (reservations instanceof Refusal) return reservations;
  const placing = placingOf(c, caller, now);
  const draft = draftOf(orderId, q, reservations, c, now);
  const early = decideSubmission(draft('SO-CHECK'), c.account ?? EMPTY_ACCOUNT(c.dealer._id, now), placing);
  if (early instanceof Refusal) return early;
  const extras = extrasOf(input, digest, reservations, c, now);
  const [{ saved, settled }, recipients] = await Promise.all([
    placeSubmission(db, c, { orderId, draft, placing, takes: takesOf(q, reservations, c), extras, now }),
    recipientsOf(db, extras, early.effects),
  ]);
  if (saved instanceof Refusal) return saved;
  if (saved.kind === 'replayed') return replayOf(db, orderId, saved.order, digest);
  const sameAudience = audienceKey(saved.effects) === audienceKey(early.effects);
  const [names] = await Promise.all([
    namesOnNewOrder(db, caller, saved.order),
    notify(db, orderId, saved.order, saved.effects, now, sameAudience ? recipients : undefined),
    settled,
  ]);
  return { order: toView(orderId, saved.order, names), replayed: false };
});
