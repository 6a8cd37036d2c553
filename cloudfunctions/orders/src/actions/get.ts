import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { canSee } from '@shared/orders';
import { actorNames, toView } from '../views';
import { defineAction } from '../../../_kit/router';

/** One order with its lines, shipments and timeline; someone else's order is NOT_FOUND. */
export const get = defineAction(contracts.orders.get, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ orderId }, { db, caller }) => {
  const doc = await db.getById('orders', orderId);
  if (!doc || !canSee(caller, doc)) return new Refusal('NOT_FOUND', '订单不存在或无权查看');
  return toView(orderId, doc, await actorNames(db, doc));
});
