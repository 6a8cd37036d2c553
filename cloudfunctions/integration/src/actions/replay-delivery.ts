import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { deliverIds } from '../delivery/deliver';
import { REPLAY_BUDGET_MS } from '../delivery/policy';
import { keyProblem } from '../delivery/secrets';
import { replayPatch } from '../replay';

/** A dead delivery starts a new round of attempts now; what the first ones do is answered. */
export const replayDelivery = defineAction(contracts.integration.replayDelivery, ['admin', CONSOLE], async ({ id }, { db, now, caller }) => {
  const problem = keyProblem();
  if (problem) return new Refusal('INTERNAL', problem);
  const requeued = await db.transaction(async (tx) => {
    const d = await tx.get('webhook_deliveries', id);
    if (!d) refuse('NOT_FOUND', `没有编号为 ${id} 的投递`);
    if (d.status !== 'dead') refuse('CONFLICT', `只有进入死信的投递可以重发，这条当前为 ${d.status}`);
    await tx.update('webhook_deliveries', id, replayPatch(now));
    const entry = { action: 'integration.replayDelivery', target: { coll: 'webhook_deliveries', id }, actorId: caller.actorId, at: now };
    await audit(tx, { ...entry, before: { status: d.status, attempts: d.attempts, lastError: d.lastError }, after: { status: 'pending' } });
    return 1;
  });
  if (requeued instanceof Refusal) return requeued;
  const run = await deliverIds(db, [id], REPLAY_BUDGET_MS);
  return { requeued, delivered: run.delivered, pending: requeued - run.delivered - run.dead };
});
