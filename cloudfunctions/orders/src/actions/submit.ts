import { createHash } from 'node:crypto';
import { contracts } from '@shared/contracts';
import type { SubmitOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { ApprovalRule, CreditPosition, Decision, Order, SubmitOrder } from '@shared/orders';
import { allocateStock, approvalFactsOf, checkCredit, creditGate, decide, evaluateApproval, newOrder } from '@shared/orders';
import { quote } from '@shared/pricing';
import type { QuoteResult } from '@shared/pricing';
import { canonicalJson } from '@shared/rebates';
import { callerDealer } from '../../../_kit/caller';
import type { Db, Tx } from '../../../_kit/db';
import type { AccountDoc, OrderDocument } from '../../../_kit/orders';
import { AbortTx, actorNames, actorOf, applyEffects, EMPTY_ACCOUNT, inTransaction, notify, refuse, spendEntryId, toView } from '../../../_kit/orders';
import { loadOrdersConfig } from '../../../_kit/orders-config';
import { catalogFor, dealerRef, loadRuleIndex, stockFor, toCatalogProduct, usageOf } from '../../../_kit/pricing';
import { bookWallet, checkRebateSpend } from '../../../_kit/rebates';
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
async function claimOrderNo(tx: Tx, orderId: string, dealerId: string, now: number): Promise<string> {
  const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const start = parseInt(createHash('sha256').update(orderId).digest('hex').slice(0, 10), 16) % 1_000_000;
  for (let i = 0; i < ORDER_NO_PROBES; i++) {
    const orderNo = `SO${day}${String((start + i) % 1_000_000).padStart(6, '0')}`;
    const holder = await tx.get<{ orderId: string }>('order_numbers', orderNo);
    if (holder?.orderId === orderId) return orderNo;
    if (holder) continue;
    await tx.set('order_numbers', orderNo, { orderId, dealerId, at: now });
    return orderNo;
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
 */
export const submit = defineAction(contracts.orders.submit, ['dealer'], async (input, ctx): Promise<SubmitOutput | Refusal> => {
  const { db, now, caller } = ctx;
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  const orderId = `o-${dealer._id}-${input.clientOrderId}`;
  const digest = requestDigestOf(input);

  const existing = await db.getById<OrderDocument>('orders', orderId);
  if (existing) return replayOf(db, orderId, existing, digest);

  const ref = dealerRef(dealer);
  const versions = await readVersions(db);
  const index = await loadRuleIndex(db, versions.pricing);
  const products = await catalogFor(db, index, input.lines.map((l) => l.sku));
  const catalog = products.map(toCatalogProduct);
  const usage = await usageOf(db, dealer._id, index);
  const plain = quote({ dealer: ref, lines: input.lines, catalog, now, usage, rebateDeduction: 0 }, index);
  if (!plain.ok) return quoteRefusal(plain);
  const account = await db.getById<AccountDoc>('accounts', dealer._id);
  const spend = checkRebateSpend(input.rebateToUse, plain.totals.payable, account?.rebateBalance ?? 0);
  if (spend instanceof Refusal) return spend;
  const q = spend > 0 ? quote({ dealer: ref, lines: input.lines, catalog, now, usage, rebateDeduction: spend }, index) : plain;

  const skus = [...new Set(q.lines.map((l) => l.sku))];
  const [stock, { warehouses, approvalRules, categories }, priorOrders] = await Promise.all([
    stockFor(db, skus),
    loadOrdersConfig(db, versions.ordersConfig),
    // Kept on the account since it exists; counted for an account from before.
    account?.orderCount ?? db.count('orders', { dealerId: dealer._id }),
  ]);
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

  const saved = await inTransaction(db, async (tx) => {
    // Re-read inside the transaction: what was checked above may have moved since.
    const again = await tx.get<OrderDocument>('orders', orderId);
    if (again) return { kind: 'replayed' as const, order: again };
    for (const r of allocation.reservations) {
      const id = `stock-${r.warehouseId}-${r.sku}`;
      const s = await tx.get<{ onHand: number; reserved: number }>('stock', id);
      const available = s ? s.onHand - s.reserved : 0;
      if (!s || available < r.qty) {
        refuse('OUT_OF_STOCK', `库存刚刚被抢订：${r.sku} 可用 ${Math.max(0, available)}，请减少数量后重试`, {
          shortages: [{ sku: r.sku, requested: r.qty, available: Math.max(0, available) }],
        });
      }
      await tx.update('stock', id, { reserved: s.reserved + r.qty, updatedAt: now });
    }
    // A promotion limited per dealer is priced from the uses read before the transaction; a
    // parallel submit may have taken the last one since. Count it here, where it is consumed.
    for (const p of limited) {
      const usageId = `${dealer._id}:${p.ruleId}`;
      const used = (await tx.get<{ count: number }>('promotion_usage', usageId))?.count ?? 0;
      if (used >= p.limit) {
        refuse('CONFLICT', `「${p.name}」每个经销商限用 ${p.limit} 次，已被您的另一笔订单用掉，本单未提交。请返回重新计价后再提交`, {
          reason: 'promotion_used_up',
          ruleId: p.ruleId,
          usageLimit: p.limit,
        });
      }
      await tx.set('promotion_usage', usageId, { dealerId: dealer._id, ruleId: p.ruleId, count: used + 1, updatedAt: now });
    }
    const orderNo = await claimOrderNo(tx, orderId, dealer._id, now);
    const fresh = (await tx.get<AccountDoc>('accounts', dealer._id)) ?? EMPTY_ACCOUNT(dealer._id, now);
    const decision = plan(draft(orderNo), fresh);
    if (decision instanceof Refusal) throw new AbortTx(decision);
    const { id: _id, ...state } = decision.next;
    const doc: OrderDocument = { ...state, ...extras };
    if (doc.rebateUsed > 0) {
      if (fresh.rebateBalance < doc.rebateUsed) refuse('INVALID_INPUT', `返利余额不足：可用 ${(Math.max(0, fresh.rebateBalance) / 100).toFixed(2)} 元，请刷新后重试`, { rebateBalance: fresh.rebateBalance });
      await bookWallet(tx, { id: spendEntryId(orderId), dealerId: dealer._id, type: 'order_spend', amount: -doc.rebateUsed, at: now, ref: orderNo, note: '下单抵扣' }, now);
    }
    // bookWallet moved the balance: read the account again before writing it whole.
    const acc = (await tx.get<AccountDoc>('accounts', dealer._id)) ?? fresh;
    const { _id: _a, ...kept } = acc as AccountDoc & { _id?: string };
    await tx.set('accounts', dealer._id, { ...kept, creditReserved: acc.creditReserved + doc.creditReserved, orderCount: (acc.orderCount ?? priorOrders) + 1, updatedAt: now });
    await applyEffects(tx, decision.effects.filter((e) => e.type !== 'notify'), now, { id: orderId, orderNo });
    await tx.set('orders', orderId, doc);
    return { kind: 'created' as const, order: doc, effects: decision.effects };
  });
  if (saved instanceof Refusal) return saved;
  if (saved.kind === 'replayed') return replayOf(db, orderId, saved.order, digest);
  await notify(db, orderId, saved.order, saved.effects, now);
  return { order: toView(orderId, saved.order, await actorNames(db, saved.order)), replayed: false };
});
