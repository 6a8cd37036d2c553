import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { TierPriceDoc } from '@shared/tier';
import { priceOutOfBounds, tierPriceId } from '@shared/tier';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { asFirstTier, productsBySku } from '../scope';
import { priceItem } from '../views';

/** The first-tier sets its 上级经销商供货价 of a SKU within the brand's bounds (else PRICE_OUT_OF_BOUNDS, nothing changes); audited. */
export const setPrice = defineAction(contracts.tier.setPrice, ['dealer'], async ({ sku, unitPrice }, ctx) => {
  const me = await asFirstTier(ctx);
  if (me instanceof Refusal) return me;
  const { db, now, caller } = ctx;
  const product = (await productsBySku(db, [sku])).get(sku);
  if (!product || product.status !== 'on_sale') return new Refusal('NOT_FOUND', `商品 ${sku} 不存在或已下架`);
  const problem = priceOutOfBounds(unitPrice, product.listPrice, me.setting);
  if (problem) return new Refusal('PRICE_OUT_OF_BOUNDS', `${product.name}：${problem}`);
  const id = tierPriceId(me.dealer._id, sku);
  const doc: TierPriceDoc = { dealerId: me.dealer._id, sku, unitPrice, updatedAt: now, updatedBy: caller.actorId };
  const saved = await db.transaction(async (tx) => {
    const [before, stock] = await Promise.all([tx.get('tier_prices', id), tx.get('dealer_stock', id)]);
    await Promise.all([
      tx.set('tier_prices', id, doc),
      audit(tx, {
        action: 'tier.setPrice',
        target: { coll: 'tier_prices', id },
        actorId: caller.actorId,
        at: now,
        before: before?.unitPrice ?? null,
        after: unitPrice,
      }),
    ]);
    return stock;
  });
  if (saved instanceof Refusal) return saved;
  return priceItem(product, me.setting, doc, saved ?? undefined);
});
