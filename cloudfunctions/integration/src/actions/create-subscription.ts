import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { forgetSubscriptions } from '../delivery/deliver';
import { keyProblem, newSecret, seal } from '../delivery/secrets';
import { subscriptionAudit, subscriptionIdOf } from '../subscriptions';
import { subscriptionView } from '../views';

/** A partner's endpoint; the secret (given or generated) is sealed at once and answered this one time. */
export const createSubscription = defineAction(contracts.integration.createSubscription, ['admin', CONSOLE], async (input, { db, now, caller }) => {
  const problem = keyProblem();
  if (problem) return new Refusal('INTERNAL', problem);
  const id = subscriptionIdOf(input.partner, input.url);
  const secret = input.secret ?? newSecret();
  const doc = {
    partner: input.partner,
    url: input.url,
    events: input.events,
    secret: seal(secret, id),
    status: 'active' as const,
    createdAt: now,
    updatedAt: now,
  };
  const saved = await db.transaction(async (tx) => {
    if (await tx.get('webhook_subscriptions', id)) refuse('CONFLICT', `该合作方已订阅此地址（订阅 ${id}），如需修改请用 updateSubscription`);
    await tx.set('webhook_subscriptions', id, doc);
    const view = subscriptionView({ _id: id, ...doc });
    await audit(tx, subscriptionAudit('createSubscription', id, caller, now, null, view));
    return view;
  });
  // This instance's cached subscriptions are stale now (others see the change within their TTL).
  forgetSubscriptions();
  return saved instanceof Refusal ? saved : { subscription: saved, secret };
});
