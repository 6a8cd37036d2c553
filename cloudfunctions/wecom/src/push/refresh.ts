import type { BudgetWindow } from '@shared/wecom/push';
import { budgetId } from '@shared/wecom/push';
import type { PushSendDoc } from '@shared/wecom/push-docs';
import type { Db, Stored } from '../../../_kit/db';
import type { WecomApi } from '../api';
import { groupMsgSendResult, groupMsgTask, momentTask } from '../push-api';

/** WeCom's task_list status of a member who has sent (get_groupmsg_task: 0 未发送, 2 已发送). */
const MEMBER_SENT = 2;

async function refreshGroupMsg(db: Db, api: WecomApi, send: Stored<PushSendDoc>, window: BudgetWindow, now: number): Promise<void> {
  const { tasks } = await groupMsgTask(api, send.msgid!);
  const mine = tasks.find((t) => t.userid === send.userId);
  if (!mine || mine.status !== MEMBER_SENT) return;
  const rows: Array<{ id: string; status: number }> = [];
  let cursor = '';
  do {
    const page = await groupMsgSendResult(api, send.msgid!, send.userId, cursor);
    rows.push(...page.rows.map((r) => ({ id: r.external_userid ?? r.chat_id ?? '', status: r.status })));
    cursor = page.next;
  } while (cursor);
  await db.update('wecom_push_sends', send._id, { sent: true, sentAt: (mine.send_time ?? Math.floor(now / 1000)) * 1000, results: rows, updatedAt: now });
  // WeCom refused some because they had reached its limit (status 3: messages we did not count, e.g. clerks' own 群发): the budget learns it.
  for (const r of rows.filter((x) => x.status === 3)) {
    const id = budgetId(r.id, window);
    const b = await db.getById('wecom_push_budget', id);
    if (!b || b.count < window.limit)
      await db.set('wecom_push_budget', id, { externalUserId: r.id, window: window.key, count: window.limit, taskIds: b?.taskIds ?? [], updatedAt: now });
  }
}

/** Read WeCom's execution results of a task's clerks (sent / not sent, per customer delivered) into their parts. */
export async function refreshTask(db: Db, api: WecomApi, taskId: string, window: BudgetWindow, now: number): Promise<number> {
  const sends = await db.findAll('wecom_push_sends', { taskId });
  let asked = 0;
  for (const s of sends.filter((x) => x.status === 'created' && !x.sent)) {
    asked++;
    if (s.msgid) await refreshGroupMsg(db, api, s, window, now);
    else if (s.momentId) {
      const t = (await momentTask(api, s.momentId)).find((x) => x.userid === s.userId);
      if (t?.publish_status === 1) await db.update('wecom_push_sends', s._id, { sent: true, sentAt: now, updatedAt: now });
    }
  }
  await db.update('wecom_push_tasks', taskId, { refreshedAt: now });
  return asked;
}
