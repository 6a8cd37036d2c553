import type { Caller } from '../_kit/router';

/**
 * The regions a caller looks after: an admin (or the console) every region, a channel manager the
 * regions on their user record (written by the server), anyone else none (null).
 */
export function regionsOf(caller: Caller): 'all' | string[] | null {
  if (caller.console || caller.user?.role === 'admin') return 'all';
  if (caller.user?.role === 'manager') return caller.user.regions ?? [];
  return null;
}

/** The regions to read: the one asked for when the caller may see it (else none), or all the caller's. */
export function regionsToRead(caller: Caller, asked: string | undefined): 'all' | string[] {
  const scope = regionsOf(caller) ?? [];
  if (asked === undefined) return scope;
  return scope === 'all' || scope.includes(asked) ? [asked] : [];
}
