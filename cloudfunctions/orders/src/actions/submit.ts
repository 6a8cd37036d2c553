import { createHash } from 'node:crypto';
import { contracts } from '@shared/contracts';
import type { SubmitOutput } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { Order } from '@shared/orders';
import { allocateStock, approvalFactsOf, checkCredit, decide, evaluateApproval, newOrder } from '@shared/orders';
import { quote } from '@shared/pricing';
import type { QuoteResult } from '@shared/pricing';
import { callerDealer } from '../../../_kit/caller';
import type { AccountDoc, OrderDocument } from '../../../_kit/orders';
import { actorOf, applyEffects, EMPTY_ACCOUNT, inTransaction, notify, refuse, toView } from '../../../_kit/orders';
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

/** A human order number: SO + Shanghai date + 6 digits from the order id (display only; the id is the key). */
function orderNoOf(id: string, now: number): string {
  const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10).replace(/-/g, '');
  const n = parseInt(createHash('sha256').update(id).digest('hex').slice(0, 10), 16) % 1_000_000;
  return `SO${day}${String(n).padStart(6, '0')}`;
}

/**
 * Place an order. The server re-prices the cart, allocates stock across warehouses and checks
 * credit; then one transaction re-reads and reserves every stock row and the dealer's credit,
 * and inserts the order under an id derived from the client's id, so a retry or a double tap
 * finds the order already there instead of making a second one. Any refusal changes nothing.
 */
export const submit = defineAction(contracts.orders.submit, ['dealer'], async (input, ctx): Promise<SubmitOutput | Refusal> => {
  const { db, now, caller } = ctx;
  const dealer = await callerDealer(ctx);
  if (dealer instanceof Refusal) return dealer;
  const orderId = `o-${dealer._id}-${input.clientOrderId}`;

  const existing = await db.getById<OrderDocument>('orders', orderId);
  if (existing) return { order: toView(orderId, existing), replayed: true };

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
  const [stock, { warehouses, approvalRules }, priorOrders] = await Promise.all([
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

  const acc = account ?? EMPTY_ACCOUNT(dealer._id, now);
  const position = { limit: dealer.creditLimit, used: acc.receivable, reserved: acc.creditReserved };
  const credit = checkCredit(position, q.totals.payable);
  if (!credit.ok) return new Refusal('CREDIT_LIMIT_EXCEEDED', credit.message, { headroom: credit.headroom, shortBy: credit.shortBy });

  const byId = new Map(products.map((p) => [p.sku, p]));
  const order = newOrder({
    id: orderId,
    orderNo: orderNoOf(orderId, now),
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
  const facts = approvalFactsOf(order, { level: dealer.level, joinedAt: dealer.joinedAt, orderCount: priorOrders }, position, now);
  const outcome = evaluateApproval(facts, approvalRules);
  const decision = decide(order, { type: 'submit', approval: { matched: outcome.matched, steps: outcome.steps } }, actorOf(caller), now);
  if (!decision.ok) return new Refusal(decision.code, decision.message);

  const { id: _id, ...state } = decision.next as Order;
  const doc: OrderDocument = {
    ...state,
    clientOrderId: input.clientOrderId,
    dealerName: dealer.name,
    dealerLevel: dealer.level,
    dealerRegion: dealer.region,
    address: input.address,
    remark: input.remark,
    source: 'app',
    warehouseIds: [...new Set(allocation.reservations.map((r) => r.warehouseId))],
    updatedAt: now,
  };
  const limited = q.promotions.filter((p) => index.byId.get(p.ruleId)?.usageLimit != null);

  const saved = await inTransaction(db, async (tx) => {
    // Re-read inside the transaction: what was checked above may have moved since.
    if (await tx.get<OrderDocument>('orders', orderId)) return 'replayed' as const;
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
    if (doc.rebateUsed > 0) {
      const before = (await tx.get<AccountDoc>('accounts', dealer._id))?.rebateBalance ?? 0;
      if (before < doc.rebateUsed) refuse('INVALID_INPUT', `返利余额不足：可用 ${(Math.max(0, before) / 100).toFixed(2)} 元，请刷新后重试`, { rebateBalance: before });
      await bookWallet(tx, { id: `spend:${doc.orderNo}`, dealerId: dealer._id, type: 'order_spend', amount: -doc.rebateUsed, at: now, ref: doc.orderNo, note: '下单抵扣' }, now);
    }
    const fresh = (await tx.get<AccountDoc>('accounts', dealer._id)) ?? EMPTY_ACCOUNT(dealer._id, now);
    const again = checkCredit({ limit: dealer.creditLimit, used: fresh.receivable, reserved: fresh.creditReserved }, doc.payable);
    if (!again.ok) refuse('CREDIT_LIMIT_EXCEEDED', again.message, { headroom: again.headroom, shortBy: again.shortBy });
    await tx.set('accounts', dealer._id, { ...fresh, creditReserved: fresh.creditReserved + doc.payable, orderCount: (fresh.orderCount ?? priorOrders) + 1, updatedAt: now });
    for (const p of limited) {
      const usageId = `${dealer._id}:${p.ruleId}`;
      const u = await tx.get<{ count: number }>('promotion_usage', usageId);
      await tx.set('promotion_usage', usageId, { dealerId: dealer._id, ruleId: p.ruleId, count: (u?.count ?? 0) + 1, updatedAt: now });
    }
    await applyEffects(tx, decision.effects.filter((e) => e.type !== 'notify'), now, doc.orderNo);
    await tx.set('orders', orderId, doc);
    return 'created' as const;
  });
  if (saved instanceof Refusal) return saved;
  if (saved === 'replayed') {
    const again = await db.getById<OrderDocument>('orders', orderId);
    return { order: toView(orderId, again!), replayed: true };
  }
  await notify(db, orderId, doc, decision.effects, now);
  return { order: toView(orderId, doc), replayed: false };
});
