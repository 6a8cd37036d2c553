import { Refusal } from '@shared/envelope';
import type { UserDoc } from '@shared/models';
import { actorLabel, COMMAND_VERBS } from '@shared/orders/messages';
import type { TierOrderDoc } from '@shared/tier';
import type { Stored } from '../../../_kit/db';
import { sellingParent } from '../../../_capabilities/tier-supply';
import type { Caller } from '../../../_kit/router';

/**
 * Who the caller is to a two-tier order (docs/two-tier.md): the seller (the first-tier's owner or
 * buyer), the buyer (the child dealer's people), an admin (sees, does not act), or nobody
 * (the order is NOT_FOUND to them). From the users collection, never from the payload.
 */
export function sideOf(caller: Caller, order: Pick<TierOrderDoc, 'dealerId' | 'supplierDealerId'>): 'supplier' | 'buyer' | 'admin' | null {
  if (caller.console || caller.user?.role === 'admin') return 'admin';
  const u: Stored<UserDoc> | null = caller.user;
  if (u?.role !== 'dealer' || !u.dealerId) return null;
  if (u.dealerId === order.supplierDealerId && (u.staffRole ?? 'owner') !== 'clerk') return 'supplier';
  if (u.dealerId === order.dealerId) return 'buyer';
  return null;
}

/**
 * The first-tier a dealer orders through: its parent (read beside the dealer, orders submit/context),
 * when the brand enabled 二级分销 there and it is active; else null.
 */
export const tierSupplier = sellingParent;

/**
 * orders.reject and orders.ship admit dealers for two-tier orders only: on a brand order a dealer
 * is refused exactly as the router refused it before (FORBIDDEN), whoever's order it is.
 */
export function brandOnlyRefusal(caller: Caller, command: 'reject' | 'ship'): Refusal | null {
  return caller.user?.role === 'dealer' ? new Refusal('FORBIDDEN', `${actorLabel('dealer')}不能${COMMAND_VERBS[command]}订单`) : null;
}
