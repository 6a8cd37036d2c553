import type { SubmitOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { decideSubmission } from '@shared/orders';
import type { Order, PlacingContext, SubmitOrder, Takes } from '@shared/orders';
import type { AccountDoc } from '@shared/models';
import type { Db } from '../../../_kit/db';
import type { OrderExtras } from './steps';
import type { AuthedCaller } from '../../../_kit/router';
import type { HandlerContext } from '../../../_kit/router';
import { actorOf } from '../actors';
import { EMPTY_ACCOUNT } from '../../../_capabilities/order-effects';
import { audienceKey, notify, recipientsOf } from '../notify';
import type { SubmitContext } from './context';
import { loadContext } from './context';
import { placeHeld } from './place-held';
import { replayOf, requestDigestOf } from './replay';
import { allocate, draftOf, extrasOf, price, takesOf } from './steps';
import { namesOnNewOrder, toView } from '../views';
import { tierSupplier } from '../tier/parties';
import { submitToSupplier } from '../tier/submit';

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
function placingOf(c: SubmitContext, caller: AuthedCaller, now: number, proxy: boolean): PlacingContext {
  const { _id: id, level, joinedAt, creditLimit } = c.dealer;
  const { approvalRules, categories } = c.config;
  const placing: PlacingContext = {
    dealer: { id, level, joinedAt, creditLimit },
    actor: actorOf(caller),
    now,
    approvalRules,
    categories,
    priorOrders: c.priorOrders,
  };
  // 代客下单: the dealer's own setting (代客下单无需确认) decides whether it waits for the dealer.
  if (proxy) placing.proxy = { awaitConfirmation: c.dealer.proxyOrdersAuthorised !== true };
  return placing;
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

/**
 * A submit for `ctx.caller.dealerId` under `orderId`: the dealer's own (orders.submit) or, with
 * `proxy`, a channel manager's for that dealer (orders.submitForDealer, 代客下单), which runs the
 * very same load, price, allocate, hold and place — so it is priced and held exactly as the
 * dealer's own cart would be — and differs only in the decision's command (placedBy, and the wait
 * for the dealer's confirmation unless the dealer authorised proxy orders).
 */
export async function runSubmit(ctx: HandlerContext<AuthedCaller>, input: SubmitOrder, orderId: string, proxy = false): Promise<SubmitOutput | Refusal> {
  const { db, now, caller } = ctx;
  const digest = requestDigestOf(input);
  const c = await loadContext(ctx, input, orderId);
  if (c instanceof Refusal) return c;
  if ('existing' in c) return replayOf(db, orderId, c.existing, digest);
  // 二级分销 (docs/two-tier.md): a child of a first-tier that sells on orders from it, not from the brand.
  const supplier = proxy ? null : tierSupplier(c.parent);
  if (supplier) return submitToSupplier(ctx, input, digest, { child: c.dealer, supplier, products: c.products });
  const q = price(input, c, now);
  if (q instanceof Refusal) return q;
  const reservations = allocate(q, c.stock, c);
  if (reservations instanceof Refusal) return reservations;
  const placing = placingOf(c, caller, now, proxy);
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
}
