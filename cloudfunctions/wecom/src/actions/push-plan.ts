import crypto from 'node:crypto';
import { campaignPhase } from '@shared/campaigns';
import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { budgetWindow } from '@shared/wecom/push';
import type { PushTaskDoc } from '@shared/wecom/push-docs';
import { audit } from '../../../_kit/audit';
import type { Db } from '../../../_kit/db';
import { defineAction } from '../../../_kit/router';
import { loadAudience } from '../push/audience';
import { planSends } from '../push/plan';
import { pushSettings } from '../push/settings';
import { taskView } from '../push/view';

/** The card must open a published campaign that is not over. */
async function refuseCard(db: Db, campaignId: string, now: number): Promise<Refusal | null> {
  const campaign = await db.getById('campaigns', campaignId);
  if (!campaign || campaign.status !== 'published') return new Refusal('NOT_FOUND', `没有已发布的活动 ${campaignId}`);
  if (campaignPhase(campaign, now) === 'over') return new Refusal('CONFLICT', '活动已结束，不能再下发它的小程序卡片');
  return null;
}

/**
 * HQ drafts a content task: who it reaches (dealers by region and level, customers by tag), each
 * clerk's customers within WeCom's per-customer limit, and who is skipped and why. Nothing goes to
 * WeCom until pushConfirm.
 */
export const pushPlan = defineAction(contracts.wecom.pushPlan, ['admin', CONSOLE], async (content, { db, now, caller }) => {
  const cardRefused = content.card ? await refuseCard(db, content.card.campaignId, now) : null;
  if (cardRefused) return cardRefused;
  const clerks = await loadAudience(db, content.audience);
  if (clerks.length === 0) return new Refusal('NOT_FOUND', '所选范围内没有登记了企业微信的导购');
  const taskId = `pt-${crypto.randomBytes(8).toString('hex')}`;
  const window = budgetWindow(pushSettings().rule, now);
  const sends = await planSends(db, taskId, content, clerks, window, now);
  const totals = {
    clerks: sends.length,
    customers: sends.reduce((n, s) => n + s.customers.length, 0),
    skipped: sends.reduce((n, s) => n + s.skipped.length, 0),
  };
  const task: PushTaskDoc = {
    ...content,
    status: 'planned',
    window,
    totals,
    createdAt: now,
    createdBy: caller.actorId,
    confirmedAt: null,
    confirmedBy: null,
    refreshedAt: null,
  };
  for (const s of sends) await db.set('wecom_push_sends', `${taskId}:${s.userId}`, s);
  const saved = await db.transaction(async (tx) => {
    await tx.set('wecom_push_tasks', taskId, task);
    await audit(tx, {
      action: 'wecom.pushPlan',
      target: { coll: 'wecom_push_tasks', id: taskId },
      actorId: caller.actorId,
      at: now,
      before: null,
      after: { title: task.title, totals },
    });
    return taskView(taskId, task, sends);
  });
  return saved;
});
