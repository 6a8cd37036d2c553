import type { OrderView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { OrderDoc } from '@shared/models';
import type { OrderCommand } from '@shared/orders';
import { canSee } from '@shared/orders';
import type { Db, Stored } from '../../_kit/db';
import { refuse } from '../../_kit/db';
import { commandInTx } from '../../_capabilities/order-commands';
import { refundPayment } from '../../_capabilities/wxpay';
import type { Caller } from '../../_kit/router';
import { actorOf } from './actors';
import { notify } from './notify';
import { actorNames, toView } from './views';

/** Commands that may close an order before it ships, and the states they close it in. */
const CLOSING: Partial<Record<OrderCommand['type'], string>> = { cancel: '订单取消', reject: '订单驳回', refuse_proxy: '代客订单未获确认' };
const CLOSED = new Set(['cancelled', 'rejected']);

/**
 * An order closed unshipped gives back all it was paid online (WeChat Pay), whoever closed it (the
 * dealer, an approver, the dealer refusing a proxy order, the expiry timer): one refund per pay-in
 * under the cause 'cancel', so a retry books nothing twice (refundPayment) and only re-sends.
 */
function refundClosed(db: Db, orderId: string, reason: string, now: number): Promise<number> {
  return refundPayment(db, { orderId, cause: 'cancel', amount: Number.MAX_SAFE_INTEGER, reason }, now);
}

/**
 * Load an order, decide the command with the state machine, and save the new state with its
 * effects, all in one transaction (retried as a whole on a write conflict). Notifications go
 * out after the commit. Who may issue which command from which state is the transition table's
 * (shared/orders/transitions.ts): the actions admit the roles it names (callersOf) and `decide`
 * refuses the rest with a reason.
 */
export async function runCommand(
  db: Db,
  caller: Caller,
  orderId: string,
  command: OrderCommand | ((order: Stored<OrderDoc>) => OrderCommand | Refusal),
  now: number,
): Promise<OrderView | Refusal> {
  const actor = actorOf(caller);
  let closing = undefined as string | undefined;
  const result = await db.transaction(async (tx) => {
    const order = await tx.get('orders', orderId);
    if (!order || !canSee(caller, order)) refuse('NOT_FOUND', '订单不存在或无权查看');
    const cmd = typeof command === 'function' ? command(order) : command;
    if (cmd instanceof Refusal) refuse(cmd.code, cmd.message, cmd.details);
    closing = CLOSING[cmd.type];
    return commandInTx(tx, orderId, order, cmd, actor, now);
  });
  if (result instanceof Refusal) {
    // A close retried (the first one committed, the function died before its refund): the refund is finished now.
    if (closing && result.code === 'CONFLICT') {
      const doc = await db.getById('orders', orderId);
      if (doc && CLOSED.has(doc.status)) await refundClosed(db, orderId, closing, now);
    }
    return result;
  }
  if (closing && CLOSED.has(result.doc.status)) await refundClosed(db, orderId, closing, now);
  await notify(db, orderId, result.doc, result.effects, now);
  return toView(orderId, result.doc, await actorNames(db, result.doc));
}
