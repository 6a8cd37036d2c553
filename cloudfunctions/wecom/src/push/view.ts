import type { PushClerkView, PushDealerView, PushTaskView } from '@shared/contracts';
import { PUSH_CHANNEL_LABELS } from '@shared/contracts';
import { executionRate } from '@shared/wecom/push';
import type { PushSendDoc, PushTaskDoc } from '@shared/wecom/push-docs';
import type { Db, Stored } from '../../../_kit/db';

const STATUS_TEXT: Record<PushSendDoc['status'], string> = {
  planned: '待确认',
  queued: '正在创建企业微信任务',
  created: '已下发，待导购发送',
  failed: '企业微信任务创建失败',
  empty: '没有可发送的客户',
};

/** A task's clerks: every dealer's, or one dealer's (a dealer owner sees only their own store). */
export async function sendsOf(db: Db, taskId: string, dealerId?: string): Promise<Array<Stored<PushSendDoc>>> {
  if (dealerId) return db.find('wecom_push_sends', { taskId, dealerId }, { limit: 1000 });
  return db.findAll('wecom_push_sends', { taskId });
}

function clerkView(s: PushSendDoc): PushClerkView {
  const delivered = s.results.filter((r) => r.status === 1).length;
  return {
    userId: s.userId,
    clerkId: s.clerkId,
    clerkName: s.clerkName,
    dealerId: s.dealerId,
    dealerName: s.dealerName,
    code: s.code,
    customers: s.customers.length,
    skipped: s.skipped,
    status: s.status,
    statusText: s.sent ? '已发送' : STATUS_TEXT[s.status],
    sent: s.sent,
    sentAt: s.sentAt,
    delivered,
    failed: s.results.filter((r) => r.status === 2 || r.status === 3).length,
    reminded: s.reminded.length,
  };
}

export function taskView(taskId: string, task: PushTaskDoc, sends: PushSendDoc[]): PushTaskView {
  const clerks = sends.map(clerkView).sort((a, b) => a.dealerName.localeCompare(b.dealerName, 'zh') || a.clerkName.localeCompare(b.clerkName, 'zh'));
  const byDealer = new Map<string, PushDealerView>();
  for (const c of clerks) {
    if (c.status === 'empty' || c.status === 'planned') continue;
    const d = byDealer.get(c.dealerId ?? '') ?? { dealerId: c.dealerId, dealerName: c.dealerName, clerks: 0, sent: 0, rate: null };
    d.clerks++;
    if (c.sent) d.sent++;
    d.rate = executionRate(d.sent, d.clerks);
    byDealer.set(c.dealerId ?? '', d);
  }
  const withTask = clerks.filter((c) => c.status !== 'empty' && c.status !== 'planned');
  const sent = withTask.filter((c) => c.sent).length;
  return {
    taskId,
    title: task.title,
    text: task.text,
    channel: task.channel,
    channelLabel: PUSH_CHANNEL_LABELS[task.channel],
    card: task.card,
    images: task.images.length,
    status: task.status,
    window: task.window,
    createdAt: task.createdAt,
    confirmedAt: task.confirmedAt,
    refreshedAt: task.refreshedAt,
    totals: {
      clerks: clerks.filter((c) => c.status !== 'empty').length,
      customers: clerks.reduce((n, c) => n + c.customers, 0),
      skipped: clerks.reduce((n, c) => n + c.skipped.length, 0),
      sent,
      rate: executionRate(sent, withTask.length),
    },
    dealers: [...byDealer.values()],
    clerks,
  };
}
