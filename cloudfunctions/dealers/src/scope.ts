import { Refusal } from '@shared/envelope';
import type { DealerDoc } from '@shared/models';
import type { Db, Stored } from '../../_kit/db';
import type { Caller } from '../../_kit/router';

/**
 * Who may act on a region's applications and dealers: an admin (or the console) everywhere, a
 * channel manager in the regions they look after. Everyone else: null.
 */
export function regionsOf(caller: Caller): 'all' | string[] | null {
  if (caller.console || caller.user?.role === 'admin') return 'all';
  if (caller.user?.role === 'manager') return caller.user.regions ?? [];
  return null;
}

export function canActIn(caller: Caller, region: string): boolean {
  const scope = regionsOf(caller);
  return scope === 'all' || (scope !== null && scope.includes(region));
}

/** NOT_FOUND rather than FORBIDDEN outside the caller's regions: a manager learns nothing of other regions. */
export function outOfScope(what: string): Refusal {
  return new Refusal('NOT_FOUND', `${what}不存在或不在您负责的区域`);
}

/**
 * The dealer whose people the caller may manage: a dealer's owner (a user of role dealer without a
 * staffRole is an owner from before invitations) its own; a manager or an admin the one named, in
 * their regions. A buyer or a clerk manages nobody.
 */
export async function managedDealer(caller: Caller, db: Db, dealerId: string | undefined): Promise<Stored<DealerDoc> | Refusal> {
  const user = caller.user;
  if (user?.role === 'dealer' || user?.role === 'clerk') {
    if (user.role === 'clerk' || (user.staffRole ?? 'owner') !== 'owner') return new Refusal('FORBIDDEN', '只有经销商负责人可以管理人员');
    if (!user.dealerId || (dealerId && dealerId !== user.dealerId)) return new Refusal('FORBIDDEN', '只能管理本经销商的人员');
    return (await db.getById('dealers', user.dealerId)) ?? new Refusal('NOT_FOUND', '所属经销商不存在');
  }
  if (!dealerId) return new Refusal('INVALID_INPUT', '请指定经销商', { issues: [{ path: 'dealerId', message: '必填', code: 'invalid_type' }] });
  const dealer = await db.getById('dealers', dealerId);
  return dealer && canActIn(caller, dealer.region) ? dealer : outOfScope('经销商');
}

/** Who may open a dealer's page: its owner, or a manager / admin of its region. */
export function canOpenDealer(caller: Caller, dealer: Stored<DealerDoc>): boolean {
  const user = caller.user;
  if (user?.role === 'dealer') return user.dealerId === dealer._id && (user.staffRole ?? 'owner') === 'owner';
  return canActIn(caller, dealer.region);
}
