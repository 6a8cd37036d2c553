import type { AccountDoc } from '@shared/models';
import type { OrderEffect } from '@shared/orders';
import { releaseEntryId, stockRowId } from '@shared/orders';
import type { Stored, Tx } from '../_kit/db';
import { bookWallet } from './rebate-ledger';

/** A dealer's account before its first order: nothing owed, reserved or earned. */
export const EMPTY_ACCOUNT = (dealerId: string, now: number): AccountDoc => ({ dealerId, receivable: 0, creditReserved: 0, rebateBalance: 0, updatedAt: now });

/**
 * Apply a decision's stock, credit and rebate effects inside the transaction. Ledger entries are
 * keyed by the order's id (`orderNo` is only the reference people read).
 */
export async function applyEffects(tx: Tx, effects: readonly OrderEffect[], now: number, order: { id: string; orderNo: string }): Promise<void> {
  const accountDelta = new Map<string, { receivable: number; creditReserved: number; rebateBalance: number }>();
  const delta = (dealerId: string) => {
    let d = accountDelta.get(dealerId);
    if (!d) accountDelta.set(dealerId, (d = { receivable: 0, creditReserved: 0, rebateBalance: 0 }));
    return d;
  };
  for (const e of effects) {
    switch (e.type) {
      case 'release_stock':
      case 'consume_reservation_on_shipment':
        for (const item of e.items) {
          const id = stockRowId(item.warehouseId, item.sku);
          const s = await tx.get<{ onHand: number; reserved: number; shipped?: number }>('stock', id);
          if (!s) throw new Error(`stock document ${id} is missing`);
          const reserved = s.reserved - item.qty;
          if (reserved < 0) throw new Error(`stock ${id} would have negative reserved`);
          const patch: Record<string, number> =
            e.type === 'release_stock' ? { reserved } : { reserved, onHand: s.onHand - item.qty, shipped: (s.shipped ?? 0) + item.qty };
          await tx.update('stock', id, { ...patch, updatedAt: now });
        }
        break;
      case 'reserve_credit':
        delta(e.dealerId).creditReserved += e.amount;
        break;
      case 'release_credit':
        delta(e.dealerId).creditReserved -= e.amount;
        break;
      case 'book_receivable':
        delta(e.dealerId).creditReserved -= e.amount;
        delta(e.dealerId).receivable += e.amount;
        break;
      case 'release_rebate':
        // Back into the wallet ledger (which keeps the account's balance in step).
        await bookWallet(
          tx,
          {
            id: releaseEntryId(order.id),
            dealerId: e.dealerId,
            type: 'order_release',
            amount: e.amount,
            at: now,
            ref: order.orderNo,
            note: '订单关闭，抵扣的返利退回',
          },
          now,
        );
        break;
      case 'release_promotion_usage':
        // One use back per limited promotion the order counted (place.ts counted it once at submit).
        for (const id of e.usageIds) {
          const u = await tx.get('promotion_usage', id);
          if (u && u.count > 0) await tx.update('promotion_usage', id, { count: u.count - 1, updatedAt: now });
        }
        break;
      case 'notify':
        break;
    }
  }
  for (const [dealerId, d] of accountDelta) {
    const acc = (await tx.get('accounts', dealerId)) ?? EMPTY_ACCOUNT(dealerId, now);
    // Every other field of the account (orderCount…) is kept as it is.
    const { _id: _ignored, ...kept } = acc as Stored<AccountDoc>;
    const next = {
      ...kept,
      dealerId,
      receivable: acc.receivable + d.receivable,
      creditReserved: acc.creditReserved + d.creditReserved,
      rebateBalance: acc.rebateBalance + d.rebateBalance,
      updatedAt: now,
    };
    if (next.creditReserved < 0) throw new Error(`account ${dealerId} would have negative reserved credit`);
    await tx.set('accounts', dealerId, next);
  }
}
