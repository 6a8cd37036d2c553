import type { DealerDoc } from '@shared/models';
import type { Caller } from '../../../_kit/router';

/** A manager offboards dealers of their own regions; admins and the console any dealer. */
export function mayOffboard(caller: Caller, dealer: Pick<DealerDoc, 'region'>): boolean {
  if (caller.console || caller.user?.role === 'admin') return true;
  return caller.user?.role === 'manager' && (caller.user.regions ?? []).includes(dealer.region);
}
