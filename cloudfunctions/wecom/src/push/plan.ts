import type { PushContent } from '@shared/contracts';
import type { BudgetWindow } from '@shared/wecom/push';
import { budgetId, planClerk } from '@shared/wecom/push';
import type { PushSendDoc } from '@shared/wecom/push-docs';
import type { Db } from '../../../_kit/db';
import { ensureCode } from '../../../_capabilities/campaign-codes';
import type { AudienceClerk } from './audience';

/** How many of the customers' mass messages in the window are already counted (wecom_push_budget). */
export async function receivedCounts(db: Db, ids: readonly string[], window: BudgetWindow): Promise<Map<string, number>> {
  const docs = await db.getMany(
    'wecom_push_budget',
    ids.map((id) => budgetId(id, window)),
  );
  return new Map(docs.map((d) => [d.externalUserId, d.count]));
}

/** Each clerk's part of the task: her customers split into receive / skipped, and her campaign code for the card. */
export async function planSends(
  db: Db,
  taskId: string,
  content: PushContent,
  clerks: AudienceClerk[],
  window: BudgetWindow,
  now: number,
): Promise<PushSendDoc[]> {
  const perCustomer = content.channel === 'single';
  const received = perCustomer
    ? await receivedCounts(db, [...new Set(clerks.flatMap((c) => c.customers.map((x) => x.externalUserId)))], window)
    : new Map<string, number>();
  const users = new Map(
    (
      await db.getMany(
        'users',
        clerks.map((c) => c.clerkId),
      )
    ).map((u) => [u._id, u]),
  );
  const out: PushSendDoc[] = [];
  for (const clerk of clerks) {
    const taken = new Set(clerk.customers.filter((c) => c.servedBy !== clerk.userId).map((c) => c.externalUserId));
    const { send, skipped } = perCustomer
      ? planClerk(
          clerk.customers.map((c) => ({ externalUserId: c.externalUserId, name: c.name })),
          received,
          taken,
          window,
        )
      : { send: [], skipped: [] };
    // 1:1 群发 goes to clerks with someone to send to; groups and Moments to every clerk (she picks her groups; Moments reach all her customers).
    if (perCustomer && send.length + skipped.length === 0) continue;
    const user = users.get(clerk.clerkId);
    let code: string | null = null;
    if (content.card && user) {
      const made = await ensureCode(
        db,
        {
          campaignId: content.card.campaignId,
          dealerId: clerk.dealerId,
          clerkId: user._id,
          sharerOpenid: user.openid,
          sharerRole: user.role === 'dealer' ? 'dealer' : 'clerk',
          sharerName: user.name,
          dealerName: clerk.dealerName,
          dealerRegion: clerk.region,
        },
        now,
      );
      code = made.code;
    }
    out.push({
      taskId,
      userId: clerk.userId,
      clerkId: clerk.clerkId,
      clerkName: clerk.clerkName,
      dealerId: clerk.dealerId,
      dealerName: clerk.dealerName,
      code,
      customers: send,
      skipped,
      status: perCustomer && send.length === 0 ? 'empty' : 'planned',
      error: null,
      msgid: null,
      jobid: null,
      momentId: null,
      sent: false,
      sentAt: null,
      results: [],
      reminded: [],
      createdAt: now,
      updatedAt: now,
    });
  }
  return out;
}
