import { createRouter } from '../../_kit/router';
import { createSubscription } from './actions/create-subscription';
import { deliveries } from './actions/deliveries';
import { disableSubscription } from './actions/disable-subscription';
import { replayDead } from './actions/replay-dead';
import { replayDelivery } from './actions/replay-delivery';
import { subscriptions } from './actions/subscriptions';
import { updateSubscription } from './actions/update-subscription';
import { handleKick } from './kick';
import { retryDeliveries } from './timers/retry-deliveries';

const actions = createRouter(
  'integration',
  { createSubscription, updateSubscription, disableSubscription, subscriptions, deliveries, replayDelivery, replayDead },
  { retryDeliveries },
);

/**
 * integration: signed webhooks (Standard Webhooks) of the outbox's domain events to partners,
 * retried with backoff, dead-lettered and replayed by admins. The delivery kick another function
 * sends after its commit is answered beside the router (kick.ts): no user or console may send it.
 */
export async function main(event: unknown, context?: { request_id?: string }): Promise<unknown> {
  if (typeof event === 'object' && event !== null && !Array.isArray(event) && (event as { action?: unknown }).action === 'deliver') {
    return handleKick(event as Record<string, unknown>);
  }
  return actions(event, context);
}
