import type { AccountDoc, DealerDoc, OrderDoc, ProductDoc, StockDoc } from '@shared/models';
import { Refusal } from '@shared/envelope';
import type { SubmitOrder } from '@shared/orders';
import { giftSkusFor } from '@shared/pricing';
import type { RuleIndex } from '@shared/pricing';
import { stockFor } from '../../../_capabilities/catalog';
import { loadCategoryTree } from '../../../_capabilities/categories';
import type { OrdersConfig } from '../../../_capabilities/orders-config';
import { loadOrdersConfig } from '../../../_capabilities/orders-config';
import { loadRuleIndex } from '../../../_capabilities/price-rules';
import { checkedDealer, noDealer } from '../../../_kit/caller';
import type { Db, Stored } from '../../../_kit/db';
import type { AuthedCaller, HandlerContext } from '../../../_kit/router';
import { readVersions } from '../../../_kit/versions';

export type StockRow = Stored<StockDoc> & { available: number };

/** Everything a submit decides with, read before its transaction. */
export interface SubmitContext {
  dealer: Stored<DealerDoc>;
  account: Stored<AccountDoc> | null;
  index: RuleIndex;
  config: OrdersConfig;
  /** The cart's products, then the gifts the rules may add. */
  products: Array<Stored<ProductDoc>>;
  /** Stock rows of every SKU read (cart, gifts and likely gifts). */
  stock: StockRow[];
  /** Uses of each limited promotion by this dealer (only when some rule has a usage limit). */
  usage: Record<string, number>;
  /** Orders counted in the database, for an account from before orderCount was kept. */
  priorOrders: number;
  /** The dealer's parent as read with it (a first-tier it may order through, tier/parties), null without one. */
  parent: Stored<DealerDoc> | null;
}

/**
 * Gift SKUs the rules may add to a cart, as of the last rule index this instance used: read with
 * the cart's own SKUs, so a gift costs no round trip of its own unless the rules changed since.
 */
let likelyGifts: readonly string[] = [];
const GIFT_PREFETCH_CAP = 50;

/**
 * Whether the last rule index this instance used limited any promotion's uses per dealer: only
 * then are the dealer's uses read with the first round (a cold instance reads them; rules that
 * newly limit uses cost one more round once).
 */
let likelyUsageLimits = true;

/**
 * Each dealer's parent as this instance last read it: the parent (whether the dealer orders
 * through a first-tier, orders tier/parties) is read beside the dealer instead of after it, and
 * after it only for a dealer new to the instance or whose parent changed (one round more, once).
 */
const knownParents = new Map<string, string | null>();

function allGiftSkus(index: RuleIndex): string[] {
  return [...new Set([...index.giftTriggers.values()].flat())].slice(0, GIFT_PREFETCH_CAP);
}

/** The dealer's uses of promotions limited per dealer. */
function usesOf(db: Db, dealerId: string): Promise<Array<{ ruleId: string; count: number }>> {
  return db.find('promotion_usage', { dealerId }, { limit: 1000 });
}

/** The id of a dealer's own order (orders.submit): derived from the client's id, so a retry finds it. */
export function ownOrderId(dealerId: string | null, clientOrderId: string): string {
  return `o-${dealerId}-${clientOrderId}`;
}

/**
 * The dealer each OPENID belonged to when this instance last served it: the first round of a
 * submit is read beside the router's look-up of the caller (withEarlyReads) for that dealer, and
 * used only when the caller turns out to be that dealer's; otherwise it is read again (one round
 * more, once). Bounded: the oldest entry goes when it is full.
 */
const knownDealers = new Map<string, string>();
const KNOWN_DEALERS_CAP = 10_000;

function rememberDealer(openid: string | null, dealerId: string | null): void {
  if (!openid || !dealerId || knownDealers.get(openid) === dealerId) return;
  knownDealers.delete(openid);
  if (knownDealers.size >= KNOWN_DEALERS_CAP) knownDealers.delete(knownDealers.keys().next().value!);
  knownDealers.set(openid, dealerId);
}

/**
 * The reads of a submit that do not depend on each other, for `dealerId` (one round: the dealer,
 * the order key, the versions, the account, the cart's products and stock, the promotion uses when
 * the rules limit them, the category tree, the dealer's parent as last seen).
 */
async function firstRound(db: Db, input: SubmitOrder, dealerId: string | null, orderId: string) {
  const _ = db.command;
  const asked = [...new Set([...input.lines.map((l) => l.sku), ...likelyGifts])];
  const likelyParent = dealerId ? knownParents.get(dealerId) : undefined;
  const [dealer, existing, versions, account, fetched, fetchedStock, usageDocs, , likelyParentDoc] = await Promise.all([
    dealerId ? db.getById('dealers', dealerId) : null,
    dealerId ? db.getById('orders', orderId) : null,
    readVersions(db),
    dealerId ? db.getById('accounts', dealerId) : null,
    db.find('products', { sku: _['in']!(asked) }, { limit: 1000 }),
    stockFor(db, asked),
    dealerId && likelyUsageLimits ? usesOf(db, dealerId) : null,
    // Read once per call and shared by pricing and approval when a rule names a category.
    loadCategoryTree(db),
    likelyParent ? db.getById('dealers', likelyParent) : null,
  ]);
  return { dealerId, orderId, asked, likelyParent, dealer, existing, versions, account, fetched, fetchedStock, usageDocs, likelyParentDoc };
}

type FirstRound = Awaited<ReturnType<typeof firstRound>>;

/** orders.submit's early reads (router withEarlyReads): the first round for the dealer this OPENID had last time, if any. */
export function submitEarlyReads(input: SubmitOrder, env: { db: Db; openid: string }): Promise<FirstRound | null> {
  const dealerId = knownDealers.get(env.openid);
  return dealerId ? firstRound(env.db, input, dealerId, ownOrderId(dealerId, input.clientOrderId)) : Promise.resolve(null);
}

/**
 * Step 1, load: the order already made with this client id (a replay), or everything the
 * decision needs. Reads that do not depend on each other go out together: one round (firstRound),
 * read beside the caller's look-up when this instance knows the caller's dealer (ctx.early), at
 * most one more for a gift, an old account's order count, uses newly limited or a parent not seen
 * before; the rule index and the orders configuration come from the instance's cache of their
 * version.
 */
export async function loadContext(
  ctx: HandlerContext<AuthedCaller>,
  input: SubmitOrder,
  orderId: string,
): Promise<SubmitContext | { existing: Stored<OrderDoc> } | Refusal> {
  const { db, caller } = ctx;
  const _ = db.command;
  const dealerId = caller.dealerId;
  if (!dealerId) return noDealer();
  const early = (await ctx.early) as FirstRound | null | undefined;
  // Trusted only for the caller the router checked: the same dealer and the same order key.
  const first = early && early.dealerId === dealerId && early.orderId === orderId ? early : await firstRound(db, input, dealerId, orderId);
  const { asked, likelyParent, existing, versions, account, fetched, fetchedStock, usageDocs, likelyParentDoc } = first;
  const dealer = checkedDealer(first.dealer);
  if (dealer instanceof Refusal) return dealer;
  rememberDealer(caller.openid, dealerId);
  if (existing) return { existing };
  const parentId = dealer.parentDealerId ?? null;
  knownParents.set(dealer._id, parentId);

  const cartSkus = [...new Set(input.lines.map((l) => l.sku))];
  const [index, config] = await Promise.all([loadRuleIndex(db, versions.pricing), loadOrdersConfig(db, versions.ordersConfig)]);
  likelyGifts = allGiftSkus(index);
  likelyUsageLimits = index.hasUsageLimits;
  const inCart = fetched.filter((p) => cartSkus.includes(p.sku));
  const giftSkus = giftSkusFor(index, inCart).filter((s) => !inCart.some((p) => p.sku === s));
  const notAsked = giftSkus.filter((s) => !asked.includes(s));
  const [moreProducts, moreStock, priorOrders, lateUsage, parent] = await Promise.all([
    notAsked.length > 0 ? db.find('products', { sku: _['in']!(notAsked) }, { limit: 1000 }) : [],
    notAsked.length > 0 ? stockFor(db, notAsked) : [],
    // Kept on the account since it exists; counted for an account from before.
    account?.orderCount ?? db.count('orders', { dealerId: dealer._id }),
    index.hasUsageLimits && !usageDocs ? usesOf(db, dealer._id) : null,
    parentId === null ? null : parentId === likelyParent ? likelyParentDoc : db.getById('dealers', parentId),
  ]);
  const uses = usageDocs ?? lateUsage ?? [];
  const gifts = [...fetched, ...moreProducts].filter((p) => giftSkus.includes(p.sku));
  return {
    dealer,
    account,
    index,
    config,
    products: [...inCart, ...gifts],
    stock: [...fetchedStock, ...moreStock],
    usage: index.hasUsageLimits ? Object.fromEntries(uses.map((d) => [d.ruleId, d.count])) : {},
    priorOrders,
    parent,
  };
}
