import type { ReturnView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { ReturnCommand, ReturnEffect, ReturnEvent, ReturnRequest } from '@shared/returns';
import { adjustHolds, decideReturn } from '@shared/returns';
import { audit } from '../../_kit/audit';
import type { Db, Tx } from '../../_kit/db';
import { refuse } from '../../_kit/db';
import type { Caller } from '../../_kit/router';
import { clawBack } from '../../_capabilities/rebate-clawback';
import type { OrderWithReturns } from '../../_capabilities/rebate-facts';
import { creditReturnInTx } from '../../_capabilities/return-credit';
import { refundPayment } from '../../_capabilities/wxpay';
import { notify } from './notify';
import { actorOf, mayView, toView } from './scope';

const SYSTEM = { role: 'system', id: 'system' } as const;

interface Saved {
  doc: Omit<ReturnRequest, 'id'>;
  effects: ReturnEffect[];
  /** Set when this command credited the request: the claw-back runs after the commit. */
  credited: { dealerId: string; deliveredAt: number; orderId: string; amount: number } | null;
}

/**
 * Load a request, decide the command with the state machine, apply its effects and save it, all
 * in one transaction (retried whole on a write conflict, so of two concurrent commands one wins
 * and the other is decided again on the new state and refused). A receipt credits the request in
 * the same transaction (creditReturnInTx, then the system's `credit` command). Every event is
 * audited in the transaction; claw-backs of settled rebate periods and notifications follow the
 * commit.
 */
export async function runCommand(db: Db, caller: Caller, requestId: string, command: ReturnCommand, now: number): Promise<ReturnView | Refusal> {
  const actor = actorOf(caller);
  const saved = await db.transaction(async (tx): Promise<Saved> => {
    const doc = await tx.get('return_requests', requestId);
    if (!doc || !mayView(caller, doc)) refuse('NOT_FOUND', '退货申请不存在或无权查看');
    const { _id: _ignored, ...plain } = doc;
    const d = decideReturn({ ...plain, id: requestId }, command, actor, now);
    if (!d.ok) refuse(d.code, d.message);
    let next = d.next;
    const effects = [...d.effects];
    const events: ReturnEvent[] = [d.event];
    let credited: Saved['credited'] = null;
    for (const e of d.effects) {
      if (e.type === 'release') {
        const order = await orderOf(tx, plain.orderId);
        const { _id: _o, ...o } = order;
        await tx.set('orders', plain.orderId, { ...o, returning: adjustHolds(order.returning, e.lines, -1), updatedAt: now });
      } else if (e.type === 'credit') {
        const order = await orderOf(tx, plain.orderId);
        const amounts = await creditReturnInTx(tx, requestId, next, order, now);
        const c = decideReturn(next, { type: 'credit', amounts }, SYSTEM, now);
        if (!c.ok) throw new Error(`credit refused after receipt: ${c.message}`);
        next = c.next;
        effects.push(...c.effects);
        events.push(c.event);
        credited = { dealerId: order.dealerId, deliveredAt: order.deliveredAt!, orderId: order._id, amount: amounts.reduce((n, a) => n + a.amount, 0) };
      }
    }
    const { id: _id, ...stored } = next;
    await tx.set('return_requests', requestId, stored);
    for (const ev of events) {
      await audit(tx, {
        action: `aftersales.${ev.type}`,
        target: { coll: 'return_requests', id: requestId },
        actorId: ev.actor.role === 'system' ? 'system' : caller.actorId,
        at: now,
        before: ev.from,
        after: ev.to,
        ...(ev.reason ? { reason: ev.reason } : {}),
      });
    }
    return { doc: stored, effects, credited };
  });
  if (saved instanceof Refusal) return saved;
  if (saved.credited) {
    const clawbacks = await clawBack(db, saved.credited.dealerId, saved.credited.deliveredAt, now);
    if (clawbacks.length > 0) await db.update('returns', requestId, { clawbacks });
    // What the order was paid online goes back as far as the credit reaches (the rest of the credit stays on the account).
    await refundPayment(db, { orderId: saved.credited.orderId, cause: requestId, amount: saved.credited.amount, reason: '退货退款' }, now);
  }
  await notify(db, requestId, saved.doc, saved.effects, now);
  return toView(requestId, saved.doc, caller);
}

async function orderOf(tx: Tx, orderId: string) {
  const order = await tx.get<OrderWithReturns>('orders', orderId);
  if (!order) throw new Error(`order ${orderId} of a return request is missing`);
  return order;
}
