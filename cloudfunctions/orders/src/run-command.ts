import type { OrderView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { OrderDoc } from '@shared/models';
import type { OrderCommand } from '@shared/orders';
import { canSee } from '@shared/orders';
import type { Db, Stored } from '../../_kit/db';
import { refuse } from '../../_kit/db';
import { commandInTx } from '../../_capabilities/order-commands';
import type { Caller } from '../../_kit/router';
import { actorOf } from './actors';
import { notify } from './notify';
import { actorNames, toView } from './views';

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
  const result = await db.transaction(async (tx) => {
    const order = await tx.get('orders', orderId);
    if (!order || !canSee(caller, order)) refuse('NOT_FOUND', '订单不存在或无权查看');
    const cmd = typeof command === 'function' ? command(order) : command;
    if (cmd instanceof Refusal) refuse(cmd.code, cmd.message, cmd.details);
    return commandInTx(tx, orderId, order, cmd, actor, now);
  });
  if (result instanceof Refusal) return result;
  await notify(db, orderId, result.doc, result.effects, now);
  return toView(orderId, result.doc, await actorNames(db, result.doc));
}
