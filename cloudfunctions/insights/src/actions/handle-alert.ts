import { contracts } from '@shared/contracts';
import { refuse } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';

/** Mark an alert handled with what was done; only its manager or an admin, and only once. */
export const handleAlert = defineAction(contracts.insights.handleAlert, ['manager', 'admin'], async ({ id, note }, { db, caller, now }) => {
  const result = await db.transaction(async (tx) => {
    const alert = await tx.get('insight_alerts', id);
    if (!alert || (caller.role === 'manager' && alert.managerId !== caller.user._id)) refuse('NOT_FOUND', '没有这条预警');
    if (alert.status === 'handled') refuse('CONFLICT', '这条预警已处理');
    const handled = { ...alert, status: 'handled' as const, handledAt: now, handledBy: caller.actorId, note };
    const { _id, ...doc } = handled;
    await tx.set('insight_alerts', _id, doc);
    return { id: _id, ...doc };
  });
  return result;
});
