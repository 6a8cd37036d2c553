import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { DealerStockEntryDoc } from '@shared/tier';
import { adjustEntryId, dealerStockId } from '@shared/tier';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { asFirstTier, productsBySku } from '../scope';
import { stockItem } from '../views';

/**
 * The owner's opening balance or count correction of its own stock, audited; once per requestId
 * (the ledger entry adj:<dealer>:<requestId> is the guard). Never below what its children's open
 * orders hold.
 */
export const adjustStock = defineAction(contracts.tier.adjustStock, ['dealer'], async ({ sku, delta, reason, requestId }, ctx) => {
  const me = await asFirstTier(ctx, 'owner');
  if (me instanceof Refusal) return me;
  const { db, now, caller } = ctx;
  const product = (await productsBySku(db, [sku])).get(sku);
  if (!product) return new Refusal('NOT_FOUND', `商品 ${sku} 不存在`);
  const dealerId = me.dealer._id;
  const id = dealerStockId(dealerId, sku);
  const row = await db.transaction(async (tx) => {
    const [entry, current] = await Promise.all([tx.get('dealer_stock_entries', adjustEntryId(dealerId, requestId)), tx.get('dealer_stock', id)]);
    const before = current ?? { dealerId, sku, onHand: 0, reserved: 0, updatedAt: now };
    if (entry) return entry.sku === sku && entry.delta === delta ? before : refuse('CONFLICT', '该请求编号已用于另一次调整');
    if (before.onHand + delta < before.reserved) refuse('INVALID_INPUT', `调整后库存 ${before.onHand + delta} 少于下级订单已占用的 ${before.reserved}`);
    const next = { dealerId, sku, onHand: before.onHand + delta, reserved: before.reserved, updatedAt: now };
    const e: DealerStockEntryDoc = { dealerId, sku, delta, kind: 'adjusted', ref: requestId, at: now, by: caller.actorId, reason };
    await Promise.all([
      tx.set('dealer_stock', id, next),
      tx.set('dealer_stock_entries', adjustEntryId(dealerId, requestId), e),
      audit(tx, {
        action: 'tier.adjustStock',
        target: { coll: 'dealer_stock', id },
        actorId: caller.actorId,
        at: now,
        before: before.onHand,
        after: next.onHand,
        reason,
      }),
    ]);
    return next;
  });
  if (row instanceof Refusal) return row;
  return stockItem(row, product.name);
});
