import type { DealerContext, MeOutput, OrderSummary } from '@shared/contracts';
import type { Envelope } from '@shared/envelope';
import { ok } from '@shared/envelope';
import type { Role } from '@shared/roles';
import type { PagedList } from '../../hooks/usePagedList';
import { usePagedList } from '../../hooks/usePagedList';
import { call } from '../../services/cloud';
import { askedThisLaunch, knownMe, loadMe } from '../../services/session';

/** The queue as one page (orders.pendingApprovals is not paged), with the caller's role riding along. */
export interface Queue {
  items: OrderSummary[];
  nextCursor: null;
  /** The caller's role: what the transition table lets them do to each order. */
  role: Role | null;
  /** Each dealer's credit and latest orders, by dealer id. */
  dealers: Record<string, DealerContext>;
}

function roleOf(me: MeOutput | null): Role | null {
  return me?.registered ? (me as Extract<MeOutput, { registered: true }>).role : null;
}

async function queue(): Promise<Envelope<Queue>> {
  const known = askedThisLaunch() ? knownMe() : null;
  const [list, me] = await Promise.all([call('orders', 'pendingApprovals'), known ? Promise.resolve(null) : loadMe()]);
  if (!list.ok) return list;
  return ok({ items: list.data.items, nextCursor: null, role: roleOf(known ?? (me?.ok ? me.data : null)), dealers: list.data.dealers });
}

/**
 * The orders waiting for the caller's step (orders.pendingApprovals) and the caller's role. The
 * role this launch already learnt is used as it is; otherwise users.me goes out beside the list.
 * Asked again, quietly, whenever the page comes back into view and on pull-down.
 */
export function useApprovals(): PagedList<Queue> {
  return usePagedList<Queue>({ fetch: queue, keyOf: (o) => o.id, live: true });
}
