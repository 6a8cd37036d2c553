import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { AccountDoc, DealerDoc, OrderDoc } from '@shared/models';
import { clawbackOf, periodKeysAt, periodOrThrow } from '@shared/rebates';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { inTransaction, refuse } from '../../../_kit/orders';
import { accrueInTx, bookWallet } from '../../../_kit/rebates';
import { defineAction } from '../../../_kit/router';
import { fullFacts } from '../facts';
import type { SettlementDoc } from '../settlement';
import { policyVersions } from '../settlement';

type Returned = Record<string, { qty: number; amount: number; at: number }>;

/**
 * Goods sent back after delivery. The return is dated at the delivery it reverses, so it lowers
 * that period's basis; the dealer owes less. A period already settled and credited is never
 * reopened: the difference is clawed back from the wallet in the period running now.
 */
export const recordReturn = defineAction(contracts.rebates.recordReturn, ['admin', CONSOLE], async ({ orderId, returnId, lines, reason }, { db, now, caller }) => {
  const saved = await inTransaction(db, async (tx) => {
    if (await tx.get('returns', returnId)) return { replay: true as const };
    const order = await tx.get<OrderDoc & { returned?: Returned }>('orders', orderId);
    if (!order) refuse('NOT_FOUND', '订单不存在');
    if (order.status !== 'delivered' && order.status !== 'completed') refuse('CONFLICT', '只有已收货或已完成的订单可以登记退货');
    const returned: Returned = { ...(order.returned ?? {}) };
    const negative: Array<{ sku: string; categoryId: string; qty: number; payable: number }> = [];
    for (const r of lines) {
      const line = order.lines.find((l) => l.sku === r.sku && l.kind === 'item');
      if (!line) refuse('INVALID_INPUT', `订单中没有商品 ${r.sku}`);
      const before = returned[r.sku] ?? { qty: 0, amount: 0, at: now };
      if (before.qty + r.qty > line.qty) refuse('INVALID_INPUT', `${line.name} 最多还能退 ${line.qty - before.qty} 件`);
      // The last units take exactly what remains, so a full return gives back the line's payable to the fen.
      const amount = before.qty + r.qty === line.qty ? line.payable - before.amount : Math.round((line.payable * r.qty) / line.qty);
      returned[r.sku] = { qty: before.qty + r.qty, amount: before.amount + amount, at: now };
      negative.push({ sku: r.sku, categoryId: line.categoryId, qty: -r.qty, payable: -amount });
    }
    const amount = -negative.reduce((n, l) => n + l.payable, 0);
    await accrueInTx(tx, { ref: `${order.orderNo}-${returnId}`, dealerId: order.dealerId, at: order.deliveredAt!, lines: negative });
    const acc = await tx.get<AccountDoc>('accounts', order.dealerId);
    if (acc) await tx.set('accounts', order.dealerId, { ...acc, receivable: acc.receivable - amount, updatedAt: now });
    await tx.set('orders', orderId, { ...order, returned, updatedAt: now });
    await tx.set('returns', returnId, { orderId, orderNo: order.orderNo, dealerId: order.dealerId, lines, amount, reason, at: now, by: caller.actorId });
    await audit(tx, { action: 'rebates.recordReturn', target: { coll: 'orders', id: orderId }, actorId: caller.actorId, at: now, before: order.returned ?? null, after: returned, reason });
    return { replay: false as const, dealerId: order.dealerId, deliveredAt: order.deliveredAt!, amount };
  });
  if (saved instanceof Refusal) return saved;
  if (saved.replay) {
    const r = await db.getById<{ amount: number }>('returns', returnId);
    return { returnId, amount: r?.amount ?? 0, clawbacks: [] };
  }

  // Claw back settlements already credited for the periods that delivery fell in.
  const dealer = (await db.getById<DealerDoc>('dealers', saved.dealerId))!;
  const keys = Object.values(periodKeysAt(saved.deliveredAt));
  const settled = (await db.findAll<SettlementDoc>('rebate_settlements', { dealerId: saved.dealerId, status: 'credited' })).filter((d) => keys.includes(d.record.period));
  const versions = await policyVersions(db, settled.map((s) => s.record.policyDigest));
  const clawbacks: Array<{ settlementId: string; amount: number }> = [];
  for (const s of settled) {
    if (now < periodOrThrow(s.record.period).end) continue;
    const version = versions.get(s.record.policyDigest);
    if (!version) continue;
    // Recompute with the policy as it was settled (its campaign window, its scope), on the facts as they are now.
    const facts = await fullFacts(db, dealer, s.record.period, [version]);
    const booked = s.record.amount + ((s as unknown as { clawedBack?: number }).clawedBack ?? 0);
    const adj = clawbackOf(s.record, facts, now, version, booked);
    if (!adj) continue;
    await db.transaction(async (tx) => {
      const state = await bookWallet(tx, { id: adj.id, dealerId: adj.dealerId, type: 'clawback', amount: adj.amount, at: now, ref: adj.settlementId, note: `退货扣回（${s.policyName} ${s.record.period}），计入 ${adj.bookedIn}` }, now);
      if (state === 'booked') {
        const fresh = await tx.get<SettlementDoc & { clawedBack?: number }>('rebate_settlements', s._id);
        await tx.update('rebate_settlements', s._id, { clawedBack: (fresh?.clawedBack ?? 0) + adj.amount, lastClawbackAt: now });
      }
    });
    clawbacks.push({ settlementId: adj.settlementId, amount: adj.amount });
  }
  return { returnId, amount: saved.amount, clawbacks };
});
