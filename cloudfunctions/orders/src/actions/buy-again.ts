import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { canSee } from '@shared/orders';
import { defineAction } from '../../../_kit/router';

/** The lines of a past order, to put in the cart again (gifts are left to the promotions). */
export const buyAgain = defineAction(contracts.orders.buyAgain, ['dealer'], async ({ orderId }, { db, caller }) => {
  const doc = await db.getById('orders', orderId);
  if (!doc || !canSee(caller, doc)) return new Refusal('NOT_FOUND', '订单不存在或无权查看');
  const items = doc.lines.filter((l) => l.kind !== 'gift');
  const products = await db.find<{ status: string }>('products', { _id: db.command['in']!(items.map((l) => l.sku)) }, { limit: 1000 });
  const onSale = new Set(products.filter((p) => p.status === 'on_sale').map((p) => p._id));
  return {
    lines: items.filter((l) => onSale.has(l.sku)).map((l) => ({ sku: l.sku, qty: l.qty })),
    skipped: items.filter((l) => !onSale.has(l.sku)).map((l) => ({ sku: l.sku, reason: `${l.name} 已下架` })),
  };
});
