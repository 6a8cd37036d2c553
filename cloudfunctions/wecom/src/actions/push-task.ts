import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { wecomConfig } from '../config';
import { refreshTask } from '../push/refresh';
import { sendsOf, taskView } from '../push/view';
import { apiFor } from '../work/runner';

/**
 * A task's plan and execution: HQ sees every dealer and clerk; a dealer owner only their own
 * clerks. `refresh` (HQ) reads WeCom's results first; the refreshPush timer does it every 10 minutes.
 */
export const pushTask = defineAction(contracts.wecom.pushTask, ['admin', 'dealer', CONSOLE], async ({ taskId, refresh = false }, { db, now, caller }) => {
  const task = await db.getById('wecom_push_tasks', taskId);
  if (!task) return new Refusal('NOT_FOUND', '没有这个下发任务');
  const owner = caller.user?.role === 'dealer';
  if (owner && !caller.user?.dealerId) return new Refusal('FORBIDDEN', '你的账号没有关联门店');
  if (refresh && !owner && task.status === 'sending') {
    const cfg = wecomConfig();
    if (!cfg.ok) return new Refusal('INTERNAL', `企业微信未配置：${cfg.missing.join(', ')}`);
    await refreshTask(db, apiFor(cfg.config, db), taskId, task.window, now);
  }
  const fresh = (await db.getById('wecom_push_tasks', taskId))!;
  return taskView(taskId, fresh, await sendsOf(db, taskId, owner ? caller.user!.dealerId! : undefined));
});
