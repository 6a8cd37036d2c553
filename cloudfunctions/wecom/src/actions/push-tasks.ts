import { contracts } from '@shared/contracts';
import { PUSH_CHANNEL_LABELS } from '@shared/contracts';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';

/** Content tasks, newest first (HQ: drafts too; a dealer owner: the ones sent, to follow their clerks). */
export const pushTasks = defineAction(contracts.wecom.pushTasks, ['admin', 'dealer', CONSOLE], async ({ limit = 20 }, { db, caller }) => {
  const owner = caller.user?.role === 'dealer';
  const tasks = owner
    ? await db.find('wecom_push_tasks', { status: 'sending' }, { orderBy: [['confirmedAt', 'desc']], limit })
    : await db.find('wecom_push_tasks', {}, { orderBy: [['createdAt', 'desc']], limit });
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
