import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { deliverIds } from '../delivery/deliver';
import { REPLAY_BUDGET_MS } from '../delivery/policy';
import { keyProblem } from '../delivery/secrets';
import { replayPatch } from '../replay';
import { subscriptionAudit } from '../subscriptions';

/** Every dead delivery of an active subscription, again (500 per call; call again for more). */
export const replayDead = defineAction(contracts.integration.replayDead, ['admin', CONSOLE], async ({ subscriptionId }, { db, now, caller }) => {
  const problem = keyProblem();
  if (problem) return new Refusal('INTERNAL', problem);
  const sub = await db.getById('webhook_subscriptions', subscriptionId);
  if (!sub) return new Refusal('NOT_FOUND', `没有编号为 ${subscriptionId} 的订阅`);
  if (sub.status !== 'active') return new Refusal('CONFLICT', '订阅已停用：先用 updateSubscription { enable: true } 启用再重放');
  const dead = await db.find('webhook_deliveries', { subscriptionId, status: 'dead' }, { limit: 500, fields: { _id: true } });
  const ids = dead.map((d) => d._id);
  // Each one only if still dead (a concurrent replay of the same one moves it once).
  let requeued = 0;
  for (const id of ids) requeued += await db.updateWhere('webhook_deliveries', { _id: id, status: 'dead' }, replayPatch(now));
  await db.transaction(async (tx) => audit(tx, subscriptionAudit('replayDead', subscriptionId, caller, now, { dead: ids.length }, { requeued })));
  const run = await deliverIds(db, ids, REPLAY_BUDGET_MS);
  return { requeued, delivered: run.delivered, pending: requeued - run.delivered - run.dead };
});
