import type { BudgetWindow } from '@shared/wecom/push';
import { budgetId, skipText } from '@shared/wecom/push';
import type { PushBudgetDoc, PushSendDoc } from '@shared/wecom/push-docs';
import type { Db, Stored } from '../../../_kit/db';
import { neverRefused } from '../../../_kit/db';
import { insertJob, newJob } from '../queue';

/** The queue job that creates a clerk's WeCom task: its id is derived from task × clerk, so it exists once. */
export const createJobId = (sendId: string): string => `push:${sendId}`;

/**
 * Consume the budget of one clerk's customers and mark her part queued, in one transaction: each
 * customer's count is read again here, so a customer another task filled since the plan was made
 * is skipped now instead of sent past WeCom's limit. A task counts once per customer (its id is
 * kept on the budget document), so a retried confirmation consumes nothing twice.
 */
export async function commitSend(db: Db, send: Stored<PushSendDoc>, window: BudgetWindow, now: number): Promise<void> {
  await neverRefused(
    await db.transaction(async (tx) => {
      const current = await tx.get('wecom_push_sends', send._id);
      if (!current || current.status !== 'planned') return;
      const keep: PushSendDoc['customers'] = [];
      const skipped = [...current.skipped];
      for (const c of current.customers) {
        const id = budgetId(c.externalUserId, window);
        const b = await tx.get('wecom_push_budget', id);
        if (b?.taskIds.includes(send.taskId)) {
          keep.push(c);
          continue;
        }
        const count = b?.count ?? 0;
        if (count >= window.limit) {
          skipped.push({ ...c, reason: 'over_limit', reasonText: skipText('over_limit', window, count) });
          continue;
        }
        const doc: PushBudgetDoc = {
          externalUserId: c.externalUserId,
          window: window.key,
          count: count + 1,
          taskIds: [...(b?.taskIds ?? []), send.taskId].slice(-50),
          updatedAt: now,
        };
        await tx.set('wecom_push_budget', id, doc);
        keep.push(c);
      }
      const empty = current.customers.length > 0 && keep.length === 0;
      await tx.update('wecom_push_sends', send._id, { customers: keep, skipped, status: empty ? 'empty' : 'queued', updatedAt: now });
    }),
  );
  const after = await db.getById('wecom_push_sends', send._id);
  if (after?.status === 'queued') await insertJob(db, createJobId(send._id), newJob('push_create', { sendId: send._id }, now));
}
