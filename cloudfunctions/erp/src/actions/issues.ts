import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/** What an admin must look at: failed order pushes and Kingdee bills that could not be applied, newest first. */
export const issues = defineAction(contracts.erp.issues, ['admin', CONSOLE], async (_input, { db }) => {
  const [orders, bills] = await Promise.all([
    db.find('erp_orders', { status: 'failed' }, { orderBy: [['updatedAt', 'desc']], limit: 100 }),
    db.find('erp_applied', { status: 'failed' }, { orderBy: [['updatedAt', 'desc']], limit: 100 }),
  ]);
  return { orders: orders.map(({ _id, ...o }) => ({ ...o, id: _id })), bills: bills.map(({ _id, ...b }) => ({ ...b, id: _id })) };
});
