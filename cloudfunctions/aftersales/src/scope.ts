import type { ReturnView } from '@shared/contracts';
import type { Actor } from '@shared/orders';
import { canSee } from '@shared/orders';
import type { ReturnPolicy, ReturnRequest } from '@shared/returns';
import { DEFAULT_RETURN_POLICY, returnCommandsFor } from '@shared/returns';
import type { Db, Stored, Where } from '../../_kit/db';
import type { Caller } from '../../_kit/router';

/** The brand's after-sales settings (`system` document), the defaults until an admin changes them. */
export const SETTINGS_DOC = 'aftersales-settings';

export async function policyOf(db: Db): Promise<ReturnPolicy> {
  const doc = await db.getById<Partial<ReturnPolicy>>('system', SETTINGS_DOC);
  return { returnWindowDays: doc?.returnWindowDays ?? DEFAULT_RETURN_POLICY.returnWindowDays };
}

/** The actor of a command: role and dealer from the users collection, or the console (an admin). */
export function actorOf(caller: Caller): Actor {
  if (caller.user) return { role: caller.user.role, id: caller.user.openid, dealerId: caller.user.dealerId };
  return { role: caller.console ? 'admin' : 'system', id: caller.console ? 'console' : 'system' };
}

/**
 * The requests a caller may list: a dealer's (and its clerks') own, a manager's regions (the
 * manager of the dealer's region decides), everything for admins and the console.
 */
export function scopeOf(caller: Caller, db: Db): Where | null {
  const u = caller.user;
  if (caller.console || u?.role === 'admin') return {};
  if (!u) return null;
  if (u.role === 'manager') return { dealerRegion: db.command['in']!(u.regions ?? []) };
  return u.dealerId ? { dealerId: u.dealerId } : null;
}

/** Whether the caller may see the request (the order's visibility rule: someone else's is NOT_FOUND). */
export const mayView = (caller: Caller, r: Pick<ReturnRequest, 'dealerId' | 'dealerRegion'>): boolean => canSee(caller, r);

export function toView(id: string, doc: Omit<ReturnRequest, 'id'> | Stored<Omit<ReturnRequest, 'id'>>, caller: Caller): ReturnView {
  const { _id: _ignored, ...plain } = doc as Stored<Omit<ReturnRequest, 'id'>>;
  return { ...plain, id, commands: returnCommandsFor(plain.status, actorOf(caller).role) };
}
