import { contracts } from '@shared/contracts';
import { PUSH_CHANNEL_LABELS } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/** Content tasks, newest first (HQ; a dealer owner sees the ones sent through their store). */
export const pushTasks = defineAction(contracts.wecom.pushTasks, ['admin', 'dealer', CONSOLE], async ({ limit = 20 }, { db }) => {
  const tasks = await db.find('wecom_push_tasks', {}, { orderBy: [['createdAt', 'desc']], limit });
  return {
    items: tasks.map((t) => ({
      taskId: t._id,
      title: t.title,
      channelLabel: PUSH_CHANNEL_LABELS[t.channel],
      status: t.status,
      createdAt: t.createdAt,
      clerks: t.totals.clerks,
      customers: t.totals.customers,
    })),
  };
});
