import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { deliveryView } from '../views';

/** Deliveries newest first, by status and/or partner (indexes: shared/indexes.ts, webhook_deliveries). */
export const deliveries = defineAction(contracts.integration.deliveries, ['admin', CONSOLE], async ({ status, partner, limit = 50 }, { db }) => {
  const where = { ...(status ? { status } : {}), ...(partner ? { partner } : {}) };
  const docs = await db.find('webhook_deliveries', where, { orderBy: [['createdAt', 'desc']], limit });
  return { items: docs.map(deliveryView) };
});
