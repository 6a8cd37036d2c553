import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { mayView, toView } from '../scope';

/**
 * One return request with its lines and timeline; someone else's is NOT_FOUND. Whoever may receive
 * it also gets the warehouses to receive into, the one the order shipped from first.
 */
export const get = defineAction(contracts.aftersales.get, ['dealer', 'clerk', 'manager', 'admin', CONSOLE], async ({ requestId }, { db, caller }) => {
  const doc = await db.getById('return_requests', requestId);
  if (!doc || !mayView(caller, doc)) return new Refusal('NOT_FOUND', '退货申请不存在或无权查看');
  const view = toView(requestId, doc, caller);
  if (!view.commands.includes('receive')) return view;
  const [order, warehouses] = await Promise.all([db.getById('orders', doc.orderId), db.find('warehouses', {}, { limit: 100 })]);
  const shippedFrom = new Set(order?.shipments.map((s) => s.warehouseId) ?? []);
  const rank = (id: string) => (shippedFrom.has(id) ? 0 : 1);
  const receiveInto = warehouses.map((w) => ({ id: w._id, name: w.name })).sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id));
  return { ...view, receiveInto };
});
