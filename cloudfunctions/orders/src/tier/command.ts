import type { OrderView } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import type { TierCommand } from '@shared/tier';
import { decideTier } from '@shared/tier';
import { accrueDeliveredTierOrder } from '../../../_capabilities/rebate-ledger';
import { consumeDealerStock, releaseDealerStock } from '../../../_capabilities/dealer-stock';
import type { Db } from '../../../_kit/db';
import { refuse } from '../../../_kit/db';
import type { Caller } from '../../../_kit/router';
import { actorOf } from '../actors';
import { notify } from '../notify';
import { actorNames, toView } from '../views';
import { sideOf } from './parties';

/**
 * One command on a two-tier order (docs/two-tier.md), in one transaction: load, decide
 * (shared/tier decideTier: who, from which state), move the first-tier's stock as decided
 * (release once on reject / cancel, consume once on ship — the status is the guard), save; on
 * delivery the first-tier's sell-through (分销出货) accrues for rebates, once, in the same transaction.
 */
export async function runTierCommand(db: Db, caller: Caller, orderId: string, command: TierCommand, now: number): Promise<OrderView | Refusal> {
  const actor = actorOf(caller);
  const result = await db.transaction(async (tx) => {
    const order = await tx.get('tier_orders', orderId);
    const side = order ? sideOf(caller, order) : null;
    if (!order || !side) return refuse('NOT_FOUND', '订单不存在或无权查看');
    if (side === 'admin') return refuse('FORBIDDEN', '二级订单由上级经销商处理');
    const d = decideTier(order, command, side, actor, now);
    if (!d.ok) return refuse(d.code, d.message);
    const { _id, ...next } = d.next as typeof d.next & { _id?: string };
    await Promise.all([
      d.release.length > 0 ? releaseDealerStock(tx, order.supplierDealerId, d.release, now) : null,
      d.consume.length > 0 ? consumeDealerStock(tx, order.supplierDealerId, orderId, d.consume, actor.id, now) : null,
      tx.set('tier_orders', orderId, next),
      // Sell-through rebates accrue to the first-tier once, on the move to delivered (a retried confirm finds it delivered).
      next.status === 'delivered' && order.status !== 'delivered' ? accrueDeliveredTierOrder(tx, next) : null,
    ]);
    return { next, notes: d.notes };
  });
  if (result instanceof Refusal) return result;
  const [names] = await Promise.all([actorNames(db, result.next), notify(db, orderId, result.next, result.notes, now)]);
  return toView(orderId, result.next, names);
}
