import type { MeOutput, OrderSummary } from '@shared/contracts';
import type { Envelope } from '@shared/envelope';
import { ok } from '@shared/envelope';
import type { Role } from '@shared/roles';
import { call } from '../../services/cloud';
import { askedThisLaunch, knownMe, loadMe } from '../../services/session';
import type { CallState } from '../../services/useCall';
import { useCall } from '../../services/useCall';
import { useLivePage } from '../../services/useLivePage';

export interface Queue {
  items: OrderSummary[];
  /** The caller's role: what the transition table lets them do to each order. */
  role: Role | null;
}

function roleOf(me: MeOutput | null): Role | null {
  return me?.registered ? (me as Extract<MeOutput, { registered: true }>).role : null;
}

/**
 * The orders waiting for the caller's step (orders.pendingApprovals) and the caller's role. The
 * role this launch already learnt is used as it is; otherwise users.me goes out beside the list.
 * Asked again when the page comes back into view and on pull-down (useLivePage).
 */
export function useApprovals(): { state: CallState<Queue>; reload: (quiet?: boolean) => Promise<void> } {
  const { state, reload } = useCall<Queue>(async (): Promise<Envelope<Queue>> => {
    const known = askedThisLaunch() ? knownMe() : null;
    const [list, me] = await Promise.all([call('orders', 'pendingApprovals'), known ? Promise.resolve(null) : loadMe()]);
    if (!list.ok) return list;
    return ok({ items: list.data.items, role: roleOf(known ?? (me?.ok ? me.data : null)) });
  });
  useLivePage(reload);
  return { state, reload };
}
