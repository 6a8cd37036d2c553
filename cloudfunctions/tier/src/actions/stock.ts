import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { defineAction } from '../../../_kit/router';
import { asFirstTier, productsBySku } from '../scope';
import { stockItem } from '../views';

/** The first-tier's own stock: on hand, held by its children's open orders, free. */
export const stock = defineAction(contracts.tier.stock, ['dealer'], async (_input, ctx) => {
  const me = await asFirstTier(ctx, 'staff', true);
  if (me instanceof Refusal) return me;
  const rows = await ctx.db.findAll('dealer_stock', { dealerId: me.dealer._id });
  const products = await productsBySku(
    ctx.db,
    rows.map((r) => r.sku),
  );
  return { items: rows.map((r) => stockItem(r, products.get(r.sku)?.name ?? r.sku)).sort((a, b) => a.sku.localeCompare(b.sku)) };
});
