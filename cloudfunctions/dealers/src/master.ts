import type { DealerDoc } from '@shared/models';
import type { Stored, Tx } from '../../_kit/db';
import { refuse } from '../../_kit/db';
import { audit } from '../../_kit/audit';
import { emitDealerEvent } from '../../_capabilities/dealer-events';
import type { Caller } from '../../_kit/router';
import { canActIn } from './scope';

/**
 * Change a dealer's master data inside a transaction, audited with the person and the reason:
 * the dealer is read in the transaction, so the change is judged against what is stored.
 */
export async function changeDealer(
  tx: Tx,
  p: { dealerId: string; caller: Caller; now: number; reason: string; action: string },
  patch: (d: Stored<DealerDoc>) => Partial<DealerDoc>,
): Promise<Stored<DealerDoc>> {
  const dealer = await tx.get('dealers', p.dealerId);
  if (!dealer || !canActIn(p.caller, dealer.region)) refuse('NOT_FOUND', '经销商不存在或不在您负责的区域');
  const changes = patch(dealer);
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, dealer[k as keyof DealerDoc] ?? null]));
  const next = { ...dealer, ...changes };
  await tx.set('dealers', dealer._id, next);
  await emitDealerEvent(tx, { dealerId: dealer._id, dealer: next, changed: Object.keys(changes), action: p.action }, p.now);
  await audit(tx, {
    action: p.action,
    target: { coll: 'dealers', id: dealer._id },
    actorId: p.caller.actorId,
    at: p.now,
    before,
    after: changes,
    reason: p.reason,
  });
  return next;
}
