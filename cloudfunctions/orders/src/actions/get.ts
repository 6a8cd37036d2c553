import { contracts } from '@shared/contracts';
import { isTierOrderId } from '@shared/contracts/tier';
import { sideOf } from '../tier/parties';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { canSee } from '@shared/orders';
import { actorNames, toView } from '../views';
import { defineAction } from '../../../_kit/router';

/** One order with its lines, shipments, timeline and its warehouses' names; someone else's order is NOT_FOUND. */
export const get = defineAction(contracts.orders.get, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ orderId }, { db, caller }) => {
  if (isTierOrderId(orderId)) {
    const tier = await db.getById('tier_orders', orderId);
    if (!tier || !sideOf(caller, tier)) return new Refusal('NOT_FOUND', '订单不存在或无权查看');
    return toView(orderId, tier, await actorNames(db, tier));
  }
  const doc = await db.getById('orders', orderId);
  if (!doc || !canSee(caller, doc)) return new Refusal('NOT_FOUND', '订单不存在或无权查看');
  const ids = [...new Set(doc.reservations.map((r) => r.warehouseId))];
  const [names, warehouses] = await Promise.all([actorNames(db, doc), db.getMany('warehouses', ids)]);
  return { ...toView(orderId, doc, names), warehouseNames: Object.fromEntries(warehouses.map((w) => [w._id, w.name])) };
});
