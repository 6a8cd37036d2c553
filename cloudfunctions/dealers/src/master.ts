import type { DealerDoc } from '@shared/models';
import type { Stored, Tx } from '../../_kit/db';
import type { Caller } from '../../_kit/router';
import { changeDealerInTx } from '../../_capabilities/dealer-master';
import { canActIn } from './scope';

/**
 * Change a dealer's master data inside a transaction, audited with the person and the reason
 * (the capability's change, limited to the caller's regions).
 */
export async function changeDealer(
  tx: Tx,
  p: { dealerId: string; caller: Caller; now: number; reason: string; action: string },
  patch: (d: Stored<DealerDoc>) => Partial<DealerDoc>,
): Promise<Stored<DealerDoc>> {
  const { caller, ...rest } = p;
  return changeDealerInTx(tx, { ...rest, actorId: caller.actorId, mayActIn: (region) => canActIn(caller, region) }, patch);
}
