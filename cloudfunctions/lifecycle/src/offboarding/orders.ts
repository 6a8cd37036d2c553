import type { OrderDoc } from '@shared/models';
import { OPEN_ORDER_STATUSES, orderDisposition } from '@shared/offboarding';
import type { Actor, OrderCommand } from '@shared/orders';
import { Refusal } from '@shared/envelope';
import type { Db, Stored } from '../../../_kit/db';
import { commandInTx } from '../../../_capabilities/order-commands';
import { refundPayment } from '../../../_capabilities/wxpay';
import type { StepRunner } from './context';
import { counted } from './context';

/** Cancelling acts as the brand, completing as the platform, as orders' own admin and timers do. */
const commandsFor = (status: OrderDoc['status'], reason: string): Array<[OrderCommand, Actor]> => {
  const admin: Actor = { role: 'admin', id: 'offboarding' };
  const system: Actor = { role: 'system', id: 'system' };
  switch (orderDisposition(status)) {
    case 'cancel':
      return [[{ type: 'cancel', reason }, admin]];
    case 'complete':
      return [[{ type: 'complete' }, system]];
    default:
      return [];
  }
};

const WAITING: Partial<Record<string, string>> = {
  wait_receipt: '已发货待收货：请经销商确认收货（或等发货满 10 天自动确认）',
  wait_shipment: '已部分发货：请先发完剩余货物',
};

/** One order closed through the orders state machine in one transaction: 'cancelled', 'completed', or why not. */
async function close(db: Db, orderId: string, reason: string, now: number): Promise<'cancelled' | 'completed' | string> {
  const r = await db.transaction(async (tx) => {
    let order = await tx.get('orders', orderId);
    if (!order) return 'gone';
    const steps = commandsFor(order.status, reason);
    if (steps.length === 0) return `订单 ${order.orderNo} ${WAITING[orderDisposition(order.status)] ?? '无法关闭'}，之后重新执行清退`;
    for (const [cmd, actor] of steps) order = { ...(await commandInTx(tx, orderId, order, cmd, actor, now)).doc, _id: orderId } as Stored<OrderDoc>;
    return order.status === 'cancelled' ? 'cancelled' : 'completed';
  });
  return r instanceof Refusal ? `订单 ${(await db.getById('orders', orderId))?.orderNo ?? ''}：${r.message}` : r;
}

/**
 * Every open order completed or cancelled, each through the orders state machine (stock, credit
 * and rebate released by the same effects as a cancel in the app, exactly once). Orders that
 * cannot close yet (goods on their way) keep the step blocked, with their numbers and what they wait for.
 */
export const orders: StepRunner = async (ctx) => {
  const { db, doc, now } = ctx;
  const open = await db.findAll('orders', { dealerId: doc.dealerId, status: db.command['in']!([...OPEN_ORDER_STATUSES]) });
  let cancelled = counted(ctx, 'orders', 'cancelled');
  let completed = counted(ctx, 'orders', 'completed');
  const waiting: string[] = [];
  for (const o of open) {
    const outcome = await close(db, o._id, `经销商清退：${doc.reason}`.slice(0, 200), now);
    // What it was paid online goes back, as for any order closed unshipped (orders' run-command; the same refund number).
    if (outcome === 'cancelled') await refundPayment(db, { orderId: o._id, cause: 'cancel', amount: Number.MAX_SAFE_INTEGER, reason: '经销商清退' }, now);
    if (outcome === 'cancelled') cancelled++;
    else if (outcome === 'completed') completed++;
    else if (outcome !== 'gone') waiting.push(outcome);
  }
  const result = { cancelled, completed };
  return waiting.length === 0
    ? { done: true, result }
    : { done: false, reason: waiting.slice(0, 5).join('；'), result: { ...result, waiting: waiting.length } };
};
