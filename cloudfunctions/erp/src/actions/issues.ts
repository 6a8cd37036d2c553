import { contracts } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/**
 * What an admin must look at, newest first: failed order pushes, cancellations Kingdee keeps
 * refusing (the order is cancelled here, its sales order still audited there: cancel.ts leaves the
 * refusal as the link's error and tries again each sync), and Kingdee bills that could not be applied.
 */
export const issues = defineAction(contracts.erp.issues, ['admin', CONSOLE], async (_input, { db }) => {
  const newest = { orderBy: [['updatedAt', 'desc']] as Array<[string, 'asc' | 'desc']>, limit: 100 };
  const [failed, uncancelled, bills] = await Promise.all([
    db.find('erp_orders', { status: 'failed' }, newest),
    db.find('erp_orders', { status: 'audited', error: db.command['neq']!(null) }, newest),
    db.find('erp_applied', { status: 'failed' }, newest),
  ]);
  const orders = [...failed, ...uncancelled].sort((a, b) => b.updatedAt - a.updatedAt).slice(0, 100);
  return { orders: orders.map(({ _id, ...o }) => ({ ...o, id: _id })), bills: bills.map(({ _id, ...b }) => ({ ...b, id: _id })) };
});
