import { createHash } from 'node:crypto';
import { contracts } from '@shared/contracts';
import type { SubmitOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { ProductDoc } from '@shared/models';
import type { ApprovalRule, CreditPosition, Decision, Order, SubmitOrder } from '@shared/orders';
import { allocateStock, approvalFactsOf, checkCredit, creditGate, decide, evaluateApproval, newOrder } from '@shared/orders';
import { giftSkusFor, quote } from '@shared/pricing';
import type { QuoteResult, RuleIndex } from '@shared/pricing';
import { canonicalJson } from '@shared/rebates';
import { shanghaiDayKey } from '@shared/time';
import { callerDealer } from '../../../_kit/caller';
import { loadCategoryTree } from '../../../_capabilities/categories';
import type { Db, Stored, Tx } from '../../../_kit/db';
import { refuse } from '../../../_kit/db';
import type { AuthedCaller } from '../../../_kit/router';
import type { AccountDoc, OrderDoc as OrderDocument } from '@shared/models';
import { spendEntryId } from '@shared/orders';
import { loadOrdersConfig } from '../../../_capabilities/orders-config';
import { actorOf } from '../actors';
import { applyEffects, EMPTY_ACCOUNT } from '../effects';
import { notify } from '../notify';
import { actorNames, toView } from '../views';
import { dealerRef, stockFor, toCatalogProduct } from '../../../_capabilities/catalog';
import { loadRuleIndex } from '../../../_capabilities/price-rules';
import type { WalletEntryDoc } from '@shared/documents';
import { checkRebateSpend } from '@shared/rebates/spend';
import { defineAction } from '../../../_kit/router';
import { readVersions } from '../../../_kit/versions';

/** Pricing line problems as the closed list of error codes the mini-program understands. */
function quoteRefusal(q: QuoteResult): Refusal {
  const first = q.errors[0] ?? q.lines.find((l) => l.error)?.error;
  const code = first && (first.code === 'MOQ_NOT_MET' || first.code === 'NOT_MULTIPLE') ? 'MOQ_NOT_MET' : 'INVALID_INPUT';
  return new Refusal(code, first ? first.message : '订单中有无法下单的商品', { lineErrors: q.errors });
}

/** Numbers an order may try before giving up: a day would need ~1,000,000 orders to fill them. */
const ORDER_NO_PROBES = 64;

/**
 * A human order number, unique: SO + Shanghai date + 6 digits, inserted into `order_numbers`
 * (_id = the number) in the submit transaction, so a number another order holds is never
 * given again — two transactions claiming one number conflict, and the retry moves on. The
 * digits start at a hash of the order id and step forward past numbers taken. Nothing is keyed
 * by it (the order id is the key); it is what people read. Why not one counter per day: every
 * submit of the day would write that one document, and they would all conflict with each other.
 */
function orderNoCandidate(orderId: string, now: number, i: number): string {
  const day = shanghaiDayKey(now);
  const start = parseInt(createHash('sha256').update(orderId).digest('hex').slice(0, 10), 16) % 1_000_000;
  return `SO${day}${String((start + i) % 1_000_000).padStart(6, '0')}`;
}

/**
 * The number to claim: the first candidate nobody else holds. `first` is the holder of the first
 * candidate, read beside the transaction's other reads (a number is rarely taken, so usually no
 * further read is needed). The claim itself (`order_numbers` set) is written with the order.
 */
async function pickOrderNo(tx: Tx, orderId: string, now: number, first: { orderId: string } | null): Promise<{ orderNo: string; claimed: boolean }> {
  for (let i = 0; i < ORDER_NO_PROBES; i++) {
    const orderNo = orderNoCandidate(orderId, now, i);
    const holder = i === 0 ? first : await tx.get<{ orderId: string }>('order_numbers', orderNo);
    if (holder?.orderId === orderId) return { orderNo, claimed: true };
    if (!holder) return { orderNo, claimed: false };
  }
  throw new Error(`no free order number for ${orderId} after ${ORDER_NO_PROBES} tries`);
}

/** What makes two submits of one clientOrderId the same request: the whole input, canonical, hashed. */
function requestDigestOf(input: SubmitOrder): string {
  return createHash('sha256').update(canonicalJson(input)).digest('hex');
}

/**
 * The answer to a submit whose clientOrderId already made an order: that order when the request
 * is the same (a retry, a double tap), CONFLICT when it is not — the key was reused for another
 * cart, and the phone must make a new one. Orders stored without a digest (seeded) replay.
 */
async function replayOf(db: Db, orderId: string, existing: OrderDocument, digest: string): Promise<SubmitOutput | Refusal> {
  if (existing.requestDigest !== undefined && existing.requestDigest !== digest) {
    return new Refusal('CONFLICT', `这个订单提交编号已经下过一笔内容不同的订单（${existing.orderNo}），本次未下单。请在订单列表查看该订单；如需再下一单，请重新提交`, {
      reason: 'client_order_id_reused',
      orderId,
      orderNo: existing.orderNo,
    });
  }
  return { order: toView(orderId, existing, await actorNames(db, existing)), replayed: true };
}

/**
 * Gift SKUs the rules may add to a cart, as of the last rule index this instance used: read with
 * the cart's own SKUs, so a gift costs no round trip of its own unless the rules changed since.
 */
let likelyGifts: readonly string[] = [];
const GIFT_PREFETCH_CAP = 50;

function allGiftSkus(index: RuleIndex): string[] {
  return [...new Set([...index.giftTriggers.values()].flat())].slice(0, GIFT_PREFETCH_CAP);
}

/**
 * Names of the people on a new order: its only actor is the caller, whom the router has read
 * already; anyone else is looked up (actorNames).
 */
function namesOnNewOrder(db: Db, caller: AuthedCaller, doc: OrderDocument): Promise<Map<string, string>> | Map<string, string> {
  const me = caller.user.openid;
  const onlyMe = doc.events.every((e) => e.actor.id === me) && doc.shipments.length === 0 && (doc.approval?.steps ?? []).every((s) => !s.approvedBy);
  return onlyMe ? new Map([['console', '品牌方'], ['system', '系统'], [me, caller.user.name]]) : actorNames(db, doc);
}

/** The wallet entry of a rebate spend, as bookWallet writes it. */
function spendEntry(orderId: string, dealerId: string, amount: number, orderNo: string, now: number): WalletEntryDoc {
  const { id: _id, ...doc } = { id: spendEntryId(orderId), dealerId, type: 'order_spend' as const, amount: -amount, at: now, ref: orderNo, note: '下单抵扣' };
  return doc;
}

/**
 * Place an order. The server re-prices the cart, allocates stock across warehouses and checks
 * credit and promotion limits; then one transaction re-reads and reserves every stock row, the
 * dealer's credit and rebate and each limited promotion's use — re-checking each limit there,
 * since parallel submits may have used it since — claims a unique order number and inserts the
 * order under an id derived from the client's id, so a retry or a double tap finds the order
 * already there instead of making a second one. Any refusal changes nothing.
 *
 * Credit: an order over the headroom is refused (CREDIT_LIMIT_EXCEEDED) unless the brand runs a
 * credit_overdraw approval rule: then it passes within the rule's tolerance, or waits for the
 * approvers beyond it, holding no credit until the last of them approves (shared/orders/credit
 * creditGate).
 *
 * Round trips: in CloudBase each database request is a network hop of several ms, and they, not
 * the CPU, decide what the dealer waits for (npm run bench -- orders: modelled_*). So reads that
 * do not depend on each other go out together: one round before pricing (the dealer, the order
 * key, the versions, the account, the cart's products and stock, the promotion uses, the
 * category tree), at most one more for a gift or an old account; in the transaction, one round
 * of reads and one of writes.
 */
export const submit = defineAction(contracts.orders.submit, ['dealer'], async (input, ctx): Promise<SubmitOutput | Refusal> => {
  const { db, now, caller } = ctx;
  const _ = db.command;
  const dealerId = caller.dealerId;
  const orderId = `o-${dealerId}-${input.clientOrderId}`;
  const digest = requestDigestOf(input);
  const cartSkus = [...new Set(input.lines.map((l) => l.sku))];
  const asked = [...new Set([...cartSkus, ...likelyGifts])];

  const [dealer, existing, versions, account, fetched, fetchedStock, usageDocs] = await Promise.all([
    callerDealer(ctx),
    dealerId ? db.getById<OrderDocument>('orders', orderId) : null,
    readVersions(db),
    dealerId ? db.getById<AccountDoc>('accounts', dealerId) : null,
    db.find<ProductDoc>('products', { sku: _['in']!(asked) }, { limit: 1000 }),
    stockFor(db, asked),
    dealerId ? db.find<{ ruleId: string; count: number }>('promotion_usage', { dealerId }, { limit: 1000 }) : [],
    // Read once per call and shared by pricing and approval when a rule names a category.
    loadCategoryTree(db),
  ]);
  if (dealer instanceof Refusal) return dealer;
  if (existing) return replayOf(db, orderId, existing, digest);

  const [index, { warehouses, approvalRules, categories }] = await Promise.all([loadRuleIndex(db, versions.pricing), loadOrdersConfig(db, versions.ordersConfig)]);
  likelyGifts = allGiftSkus(index);
  const ref = dealerRef(dealer);
  const inCart = fetched.filter((p) => cartSkus.includes(p.sku));
  const giftSkus = giftSkusFor(index, inCart).filter((s) => !inCart.some((p) => p.sku === s));
  const notAsked = giftSkus.filter((s) => !asked.includes(s));
  const [moreProducts, moreStock, priorOrders] = await Promise.all([
    notAsked.length > 0 ? db.find<ProductDoc>('products', { sku: _['in']!(notAsked) }, { limit: 1000 }) : [],
    notAsked.length > 0 ? stockFor(db, notAsked) : [],
    // Kept on the account since it exists; counted for an account from before.
    account?.orderCount ?? db.count('orders', { dealerId: dealer._id }),
  ]);
  const gifts = [...fetched, ...moreProducts].filter((p) => giftSkus.includes(p.sku));
  const products: Array<Stored<ProductDoc>> = [...inCart, ...gifts];
  const catalog = products.map(toCatalogProduct);
  const usage: Record<string, number> = index.hasUsageLimits ? Object.fromEntries(usageDocs.map((d) => [d.ruleId, d.count])) : {};
  const plain = quote({ dealer: ref, lines: input.lines, catalog, now, usage, rebateDeduction: 0 }, index);
  if (!plain.ok) return quoteRefusal(plain);
  const spend = checkRebateSpend(input.rebateToUse, plain.totals.payable, account?.rebateBalance ?? 0);
  if (spend instanceof Refusal) return spend;
  const q = spend > 0 ? quote({ dealer: ref, lines: input.lines, catalog, now, usage, rebateDeduction: spend }, index) : plain;

  const skus = new Set(q.lines.map((l) => l.sku));
  const unread = [...skus].filter((s) => !asked.includes(s) && !notAsked.includes(s));
  const stock = [...fetchedStock, ...moreStock, ...(unread.length > 0 ? await stockFor(db, unread) : [])].filter((s) => skus.has(s.sku));
  const allocation = allocateStock({
    lines: q.lines.map((l) => ({ sku: l.sku, qty: l.qty })),
    stock,
    warehouses: warehouses.map((w) => ({ id: w._id, regions: w.regions })),
    dealerRegion: dealer.region,
  });
  if (!allocation.ok) return new Refusal('OUT_OF_STOCK', allocation.message, { shortages: allocation.shortages });

  const byId = new Map(products.map((p) => [p.sku, p]));
  /** The order as it would be placed with this number; its approval and credit are decided by `plan`. */
  const draft = (orderNo: string): Order =>
    newOrder({
      id: orderId,
      orderNo,
      dealerId: dealer._id,
      lines: q.lines.map((l) => ({
        sku: l.sku,
        name: l.name,
        categoryId: byId.get(l.sku)?.categoryId ?? '',
        kind: l.kind,
        qty: l.qty,
        listPrice: l.listPrice,
        unitPrice: l.unitPrice,
        payable: l.payable,
      })),
      rebateUsed: q.rebate.applied,
      reservations: allocation.reservations,
      createdAt: now,
    });
  /**
   * Approval and credit of the order against the dealer's account as read (before this order):
   * the submit decision, or the credit refusal. Run before the transaction to refuse early, and
   * again inside it on what the transaction reads, which is what counts.
   */
  const plan = (order: Order, acc: AccountDoc): Extract<Decision<Order>, { ok: true }> | Refusal => {
    const position: CreditPosition = { limit: dealer.creditLimit, used: acc.receivable, reserved: acc.creditReserved };
    const orderCount = acc.orderCount ?? priorOrders;
    const facts = approvalFactsOf(order, { level: dealer.level, joinedAt: dealer.joinedAt, orderCount }, position, now, categories);
    const outcome = evaluateApproval(facts, approvalRules);
    const gate = creditGate(checkCredit(position, order.payable), outcome.matched.map((m) => m.code), approvalRules as readonly ApprovalRule[]);
    if (!gate.ok) return new Refusal('CREDIT_LIMIT_EXCEEDED', gate.message, { headroom: gate.headroom, shortBy: gate.shortBy });
    const command = { type: 'submit' as const, approval: { matched: outcome.matched, steps: outcome.steps }, creditOnApproval: gate.reserve === 'on_approval' };
    const decision = decide(order, command, actorOf(caller), now);
    return decision.ok ? decision : new Refusal(decision.code, decision.message);
  };
  const early = plan(draft('SO-CHECK'), account ?? EMPTY_ACCOUNT(dealer._id, now));
  if (early instanceof Refusal) return early;

  const extras = {
    clientOrderId: input.clientOrderId,
    requestDigest: digest,
    dealerName: dealer.name,
    dealerLevel: dealer.level,
    dealerRegion: dealer.region,
    address: input.address,
    remark: input.remark,
    source: 'app' as const,
    warehouseIds: [...new Set(allocation.reservations.map((r) => r.warehouseId))],
    updatedAt: now,
  };
  const limited = q.promotions.flatMap((p) => {
    const limit = index.byId.get(p.ruleId)?.usageLimit;
    return limit != null ? [{ ruleId: p.ruleId, name: index.byId.get(p.ruleId)?.rule.name ?? p.ruleId, limit }] : [];
  });
  const stockIds = [...new Set(allocation.reservations.map((r) => `stock-${r.warehouseId}-${r.sku}`))];
  const usageIds = [...new Set(limited.map((p) => `${dealer._id}:${p.ruleId}`))];
  const spends = q.rebate.applied > 0;

  const saved = await db.transaction(async (tx) => {
    // Re-read inside the transaction, all at once: what was checked above may have moved since.
    const [again, stockDocs, usageDocsTx, firstNo, accountTx, spentBefore] = await Promise.all([
      tx.get<OrderDocument>('orders', orderId),
      Promise.all(stockIds.map((id) => tx.get<{ onHand: number; reserved: number }>('stock', id))),
      Promise.all(usageIds.map((id) => tx.get<{ count: number }>('promotion_usage', id))),
      tx.get<{ orderId: string }>('order_numbers', orderNoCandidate(orderId, now, 0)),
      tx.get<AccountDoc>('accounts', dealer._id),
      spends ? tx.get<WalletEntryDoc>('wallet_entries', spendEntryId(orderId)) : null,
    ]);
    if (again) return { kind: 'replayed' as const, order: again };
    // Reserve line by line as read, so two reservations of one row (an item and its gift) add up.
    const reserved = new Map(stockIds.map((id, i) => [id, stockDocs[i]]));
    const reservedNow = new Map<string, number>();
    for (const r of allocation.reservations) {
      const id = `stock-${r.warehouseId}-${r.sku}`;
      const s = reserved.get(id);
      const available = s ? s.onHand - (reservedNow.get(id) ?? s.reserved) : 0;
      if (!s || available < r.qty) {
        refuse('OUT_OF_STOCK', `库存刚刚被抢订：${r.sku} 可用 ${Math.max(0, available)}，请减少数量后重试`, {
          shortages: [{ sku: r.sku, requested: r.qty, available: Math.max(0, available) }],
        });
      }
      reservedNow.set(id, (reservedNow.get(id) ?? s.reserved) + r.qty);
    }
    // A promotion limited per dealer is priced from the uses read before the transaction; a
    // parallel submit may have taken the last one since. Count it here, where it is consumed.
    const uses = new Map(usageIds.map((id, i) => [id, usageDocsTx[i]?.count ?? 0]));
    const usesNow = new Map<string, { ruleId: string; count: number }>();
    for (const p of limited) {
      const usageId = `${dealer._id}:${p.ruleId}`;
      const used = usesNow.get(usageId)?.count ?? uses.get(usageId) ?? 0;
      if (used >= p.limit) {
        refuse('CONFLICT', `「${p.name}」每个经销商限用 ${p.limit} 次，已被您的另一笔订单用掉，本单未提交。请返回重新计价后再提交`, {
          reason: 'promotion_used_up',
          ruleId: p.ruleId,
          usageLimit: p.limit,
        });
      }
      usesNow.set(usageId, { ruleId: p.ruleId, count: used + 1 });
    }
    const { orderNo, claimed } = await pickOrderNo(tx, orderId, now, firstNo);
    const fresh = accountTx ?? EMPTY_ACCOUNT(dealer._id, now);
    const decision = plan(draft(orderNo), fresh);
    if (decision instanceof Refusal) refuse(decision.code, decision.message, decision.details);
    const { id: _id, ...state } = decision.next;
    const doc: OrderDocument = { ...state, ...extras };
    // The account written once: the rebate spent (as bookWallet books it, once per order), the credit held, one more order.
    let acc: AccountDoc = fresh;
    const book = doc.rebateUsed > 0 && !(spends ? spentBefore : await tx.get<WalletEntryDoc>('wallet_entries', spendEntryId(orderId)));
    if (doc.rebateUsed > 0) {
      if (fresh.rebateBalance < doc.rebateUsed) refuse('INVALID_INPUT', `返利余额不足：可用 ${(Math.max(0, fresh.rebateBalance) / 100).toFixed(2)} 元，请刷新后重试`, { rebateBalance: fresh.rebateBalance });
      if (book) acc = { ...acc, dealerId: dealer._id, receivable: acc.receivable ?? 0, creditReserved: acc.creditReserved ?? 0, rebateBalance: acc.rebateBalance - doc.rebateUsed, updatedAt: now };
    }
    const { _id: _a, ...kept } = acc as AccountDoc & { _id?: string };
    await Promise.all([
      ...[...reservedNow].map(([id, n]) => tx.update('stock', id, { reserved: n, updatedAt: now })),
      ...[...usesNow].map(([id, u]) => tx.set('promotion_usage', id, { dealerId: dealer._id, ruleId: u.ruleId, count: u.count, updatedAt: now })),
      claimed ? null : tx.set('order_numbers', orderNo, { orderId, dealerId: dealer._id, at: now }),
      book ? tx.set('wallet_entries', spendEntryId(orderId), spendEntry(orderId, dealer._id, doc.rebateUsed, orderNo, now)) : null,
      tx.set('accounts', dealer._id, { ...kept, creditReserved: acc.creditReserved + doc.creditReserved, orderCount: (acc.orderCount ?? priorOrders) + 1, updatedAt: now }),
      tx.set('orders', orderId, doc),
    ]);
    await applyEffects(tx, decision.effects.filter((e) => e.type !== 'notify'), now, { id: orderId, orderNo });
    return { kind: 'created' as const, order: doc, effects: decision.effects };
  });
  if (saved instanceof Refusal) return saved;
  if (saved.kind === 'replayed') return replayOf(db, orderId, saved.order, digest);
  const [names] = await Promise.all([namesOnNewOrder(db, caller, saved.order), notify(db, orderId, saved.order, saved.effects, now)]);
  return { order: toView(orderId, saved.order, names), replayed: false };
});
