import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { subscriptionView } from '../views';

/** Every subscription (or one partner's), newest first; never a secret. */
export const subscriptions = defineAction(contracts.integration.subscriptions, ['admin', CONSOLE], async ({ partner }, { db }) => {
  const docs = await db.find('webhook_subscriptions', partner ? { partner } : {}, { limit: 1000 });
  return { items: docs.map(subscriptionView).sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id)) };
});
