import { contracts } from '@shared/contracts';
import { defineAction } from '../../../_kit/router';

/** A manager sees the alerts sent to them; an admin sees every alert. Newest first. */
export const alerts = defineAction(contracts.insights.alerts, ['manager', 'admin'], async ({ status }, { db, caller }) => {
  const where: Record<string, unknown> = { status: status ?? 'open' };
  if (caller.role === 'manager') where['managerId'] = caller.user._id;
  const docs = await db.find('insight_alerts', where, { orderBy: [['raisedAt', 'desc']], limit: 100 });
  return { items: docs.map(({ _id, ...doc }) => ({ id: _id, ...doc })) };
});
