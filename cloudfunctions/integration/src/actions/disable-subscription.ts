import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { forgetSubscriptions } from '../delivery/deliver';
import { subscriptionAudit } from '../subscriptions';
import { subscriptionView } from '../views';

/** No new deliveries; waiting ones are parked as dead at their next attempt (replayable once re-enabled). */
export const disableSubscription = defineAction(contracts.integration.disableSubscription, ['admin', CONSOLE], async ({ id, reason }, { db, now, caller }) => {
  const done = await db.transaction(async (tx) => {
    const before = await tx.get('webhook_subscriptions', id);
    if (!before) refuse('NOT_FOUND', `没有编号为 ${id} 的订阅`);
    const { _id, ...rest } = before;
    const after = { ...rest, status: 'disabled' as const, updatedAt: now };
    await tx.set('webhook_subscriptions', _id, after);
    const view = subscriptionView({ _id, ...after });
    await audit(tx, subscriptionAudit('disableSubscription', _id, caller, now, subscriptionView(before), view, reason));
    return { subscription: view };
  });
  forgetSubscriptions();
  return done;
});
