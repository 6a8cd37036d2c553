import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { newOffboarding } from '@shared/offboarding';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { runSteps } from '../offboarding/run';
import { mayOffboard } from '../offboarding/scope';

/**
 * Start offboarding a dealer with its successor: the offboarding is stored (once per dealer,
 * audited) and its steps run as far as they can. Asking again with the same successor and wallet
 * policy resumes it; anything else is a CONFLICT, since half of it may already be done.
 */
export const startOffboarding = defineAction(contracts.lifecycle.startOffboarding, ['admin', 'manager', CONSOLE], async (input, { db, caller, now }) => {
  const dealer = await db.getById('dealers', input.dealerId);
  if (!dealer || !mayOffboard(caller, dealer)) return new Refusal('NOT_FOUND', '经销商不存在或不在您负责的大区');
  if (input.successor.kind === 'dealer') {
    const s = await db.getById('dealers', input.successor.dealerId);
    if (!s || s._id === dealer._id || s.status !== 'active') return new Refusal('INVALID_INPUT', '接替经销商须是另一家正常经营的经销商');
  }
  const doc = await db.transaction(async (tx) => {
    const had = await tx.get('offboardings', dealer._id);
    if (had) {
      if (JSON.stringify([had.successor, had.walletPolicy]) !== JSON.stringify([input.successor, input.walletPolicy])) {
        refuse('CONFLICT', '该经销商已在清退中，接替方或钱包处理方式不同：请用 runOffboarding 继续原清退');
      }
      return had;
    }
    const created = newOffboarding({ id: dealer._id, name: dealer.name, region: dealer.region, status: dealer.status }, input, caller.actorId, now);
    await tx.set('offboardings', dealer._id, created);
    await audit(tx, {
      action: 'lifecycle.startOffboarding',
      target: { coll: 'offboardings', id: dealer._id },
      actorId: caller.actorId,
      at: now,
      before: null,
      after: created,
      reason: input.reason,
    });
    return { ...created, _id: dealer._id };
  });
  if (doc instanceof Refusal) return doc;
  return runSteps(db, doc, caller.actorId, now, input.takeoverWecomUserId ?? null);
});
