import type { Db, Where } from '../../_kit/db';
import type { Caller } from '../../_kit/router';

/**
 * The orders a caller may list: a dealer's (and its clerks') own, a manager's regions, everything
 * for admins and the console; null for a caller bound to no dealer.
 */
export function scopeOf(caller: Caller, db: Db): Where | null {
  const u = caller.user;
  if (caller.console || u?.role === 'admin') return {};
  if (!u) return null;
  if (u.role === 'manager') return { dealerRegion: db.command['in']!(u.regions ?? []) };
  return u.dealerId ? { dealerId: u.dealerId } : null;
}
