import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { forgetSubscriptions } from '../delivery/deliver';
import { keyProblem, newSecret, seal } from '../delivery/secrets';
import { subscriptionAudit } from '../subscriptions';
import { subscriptionView } from '../views';

/** Change URL or events, re-enable, or rotate the secret (the new one is answered once). */
export const updateSubscription = defineAction(contracts.integration.updateSubscription, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  const problem = input.rotateSecret ? keyProblem() : null;
  if (problem) return new Refusal('INTERNAL', problem);
  const secret = input.rotateSecret ? newSecret() : null;
  const saved = await db.transaction(async (tx) => {
    const before = await tx.get('webhook_subscriptions', input.id);
    if (!before) refuse('NOT_FOUND', `没有编号为 ${input.id} 的订阅`);
    const { _id, ...rest } = before;
    const after = {
      ...rest,
      ...(input.url ? { url: input.url } : {}),
      ...(input.events ? { events: input.events } : {}),
      ...(secret ? { secret: seal(secret, _id) } : {}),
      ...(input.enable ? { status: 'active' as const } : {}),
      updatedAt: now,
    };
    await tx.set('webhook_subscriptions', _id, after);
    const view = subscriptionView({ _id, ...after });
    await audit(tx, subscriptionAudit('updateSubscription', _id, caller, now, subscriptionView(before), { ...view, secretRotated: !!secret }));
    return view;
  });
  // This instance's cached subscriptions are stale now (others see the change within their TTL).
  forgetSubscriptions();
  return saved instanceof Refusal ? saved : { subscription: saved, secret };
});
