import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { audit } from '../../../_kit/audit';
import { defineAction } from '../../../_kit/router';
import { wecomConfig } from '../config';
import { commitSend } from '../push/commit';
import { sendsOf, taskView } from '../push/view';
import { apiFor, runChain } from '../work/runner';

/** Creating the WeCom tasks right after confirming may take this long; the queue's timer finishes the rest. */
const CREATE_BUDGET_MS = 8_000;

/**
 * HQ confirms a plan: the task is claimed once (planned → sending), then each clerk's part consumes
 * its customers' budget (re-checked in its transaction) and queues her WeCom task. A repeated
 * confirmation resumes parts left planned and changes nothing else.
 */
export const pushConfirm = defineAction(contracts.wecom.pushConfirm, ['admin', CONSOLE], async ({ taskId }, { db, now, caller }) => {
  const task = await db.getById('wecom_push_tasks', taskId);
  if (!task) return new Refusal('NOT_FOUND', '没有这个下发任务');
  if (task.status === 'cancelled') return new Refusal('CONFLICT', '任务已取消');
  const cfg = wecomConfig();
  if (!cfg.ok) return new Refusal('INTERNAL', `企业微信未配置：${cfg.missing.join(', ')}`);
  const claimed = await db.updateWhere(
    'wecom_push_tasks',
    { _id: taskId, status: 'planned' },
    { status: 'sending', confirmedAt: now, confirmedBy: caller.actorId },
  );
  if (claimed === 1) {
    await db.transaction(async (tx) => {
      await audit(tx, {
        action: 'wecom.pushConfirm',
        target: { coll: 'wecom_push_tasks', id: taskId },
        actorId: caller.actorId,
        at: now,
        before: { status: 'planned' },
        after: { status: 'sending' },
      });
    });
  }
  const current = (await db.getById('wecom_push_tasks', taskId))!;
  for (const s of (await sendsOf(db, taskId)).filter((x) => x.status === 'planned')) await commitSend(db, s, current.window, now);
  const jobs = (await sendsOf(db, taskId)).filter((s) => s.status === 'queued').map((s) => `push:${s._id}`);
  await runChain(jobs, { db, config: cfg.config, api: apiFor(cfg.config, db) }, Date.now, CREATE_BUDGET_MS);
  return taskView(taskId, current, await sendsOf(db, taskId));
});
