import type { DealerContext } from '@shared/contracts';
import { RECENT_ORDERS } from '@shared/contracts';
import { ORDER_STATUS_LABELS } from '@shared/orders';
import { creditHeadroom } from '@shared/orders/credit';
import type { Db } from '../../_kit/db';
import { dealerHealths } from './dealer-health';

/**
 * What an approver weighs beside an order: each dealer's credit, receivables, latest orders and
 * health. Read all at once — the dealers and accounts by id, then one short query per dealer over
 * the (dealerId, createdAt) index, and the health (stored by the insights night, or scored from the
 * region's orders) — so the approval page needs one call.
 */
export async function dealerContexts(db: Db, dealerIds: readonly string[], now: number): Promise<Record<string, DealerContext>> {
  const ids = [...new Set(dealerIds)];
  if (ids.length === 0) return {};
  const dealersRead = db.getMany('dealers', ids);
  const [dealers, accounts, recent, health] = await Promise.all([
    dealersRead,
    db.getMany('accounts', ids),
    Promise.all(ids.map((id) => db.find('orders', { dealerId: id }, { orderBy: [['createdAt', 'desc']], limit: RECENT_ORDERS }))),
    dealerHealths(db, ids, dealersRead, now),
  ]);
  const out: Record<string, DealerContext> = {};
  ids.forEach((id, i) => {
    const dealer = dealers.find((d) => d._id === id);
    if (!dealer) return;
    const account = accounts.find((a) => a._id === id);
    const receivable = account?.receivable ?? 0;
    const reserved = account?.creditReserved ?? 0;
    out[id] = {
      dealerId: id,
      name: dealer.name,
      level: dealer.level,
      creditLimit: dealer.creditLimit,
      creditUsed: receivable + reserved,
      receivable,
      headroom: creditHeadroom({ limit: dealer.creditLimit, used: receivable, reserved }),
      recentOrders: recent[i]!.map((o) => ({
        id: o._id,
        orderNo: o.orderNo,
        payable: o.payable,
        status: o.status,
        statusLabel: ORDER_STATUS_LABELS[o.status],
        createdAt: o.createdAt,
      })),
      health: health.get(id) ?? null,
    };
  });
  return out;
}
