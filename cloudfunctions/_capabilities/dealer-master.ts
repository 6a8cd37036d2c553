import type { DealerDoc } from '@shared/models';
import type { Stored, Tx } from '../_kit/db';
import { refuse } from '../_kit/db';
import { audit } from '../_kit/audit';
import { emitDealerEvent } from './dealer-events';

export interface DealerChange {
  dealerId: string;
  actorId: string;
  now: number;
  reason: string;
  /** The audit action, e.g. dealers.setCredit or openapi.setCredit. */
  action: string;
  /** Whether the actor may act in the dealer's region (a manager: their regions); absent: anywhere. */
  mayActIn?: (region: string) => boolean;
}

/**
 * Change a dealer's master data inside a transaction, audited with the actor and the reason, with
 * the dealer's outbox event beside it: the dealer is read in the transaction, so the change is
 * judged against what is stored. The dealers function (admins, managers) and the open API
 * (partners' ERP setting credit) both change dealers through here.
 */
export async function changeDealerInTx(tx: Tx, p: DealerChange, patch: (d: Stored<DealerDoc>) => Partial<DealerDoc>): Promise<Stored<DealerDoc>> {
  const dealer = await tx.get('dealers', p.dealerId);
  if (!dealer || (p.mayActIn && !p.mayActIn(dealer.region))) refuse('NOT_FOUND', '经销商不存在或不在您负责的区域');
  const changes = patch(dealer);
  const before = Object.fromEntries(Object.keys(changes).map((k) => [k, dealer[k as keyof DealerDoc] ?? null]));
  const next = { ...dealer, ...changes };
  await tx.set('dealers', dealer._id, next);
  await emitDealerEvent(tx, { dealerId: dealer._id, dealer: next, changed: Object.keys(changes), action: p.action }, p.now);
  await audit(tx, { action: p.action, target: { coll: 'dealers', id: dealer._id }, actorId: p.actorId, at: p.now, before, after: changes, reason: p.reason });
  return next;
}
