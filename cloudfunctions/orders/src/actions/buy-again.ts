import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { canSee } from '@shared/orders';
import { planBuyAgain } from '@shared/orders/buy-again';
import { stockFor } from '../../../_capabilities/catalog';
import { defineAction } from '../../../_kit/router';

/**
 * The lines of a past order, to put in the cart again (gifts are left to the promotions), each
 * checked against sale status and stock now: what was left out or reduced comes back with why.
 */
export const buyAgain = defineAction(contracts.orders.buyAgain, ['dealer'], async ({ orderId }, { db, caller }) => {
  const doc = await db.getById('orders', orderId);
  if (!doc || !canSee(caller, doc)) return new Refusal('NOT_FOUND', '订单不存在或无权查看');
  const items = doc.lines.filter((l) => l.kind !== 'gift');
  const skus = items.map((l) => l.sku);
  const [products, stock] = await Promise.all([db.find('products', { _id: db.command['in']!(skus) }, { limit: 1000 }), stockFor(db, skus)]);
  const available = new Map<string, number>();
  for (const s of stock) available.set(s.sku, (available.get(s.sku) ?? 0) + s.available);
  return planBuyAgain(items, new Map(products.map((p) => [p._id, p])), available);
});
