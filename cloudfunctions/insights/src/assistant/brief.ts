import { WEEKLY_BRIEF_QUESTION } from '@shared/insights/ai/prompt';
import type { InsightBriefDoc } from '@shared/insights/ai/answer';
import { weekOf } from '@shared/insights/sales';
import { REGIONS } from '@shared/dealer';
import type { UserDoc } from '@shared/models';
import type { Db, Stored } from '../../../_kit/db';
import { log } from '../../../_kit/log';
import { sdk } from '../../../_kit/sdk';
import { settleFailedSend, subscriptionId, takeGrant, templateIdOf } from '../../../_capabilities/subscriptions';
import { answerQuestion } from './loop';

const clip = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

/**
 * This week's brief for every active manager, over their regions, and every active brand admin,
 * over all regions, in parallel (each within the assistant's budget). Keyed user:week, so a re-run
 * of the timer neither writes a second brief nor sends a second message: a brief already written is
 * kept, and only an unsent one is sent.
 */
export async function writeBriefs(db: Db, now: number) {
  const week = weekOf(now);
  const readers = (await db.findAll('users', { role: db.command['in']!(['manager', 'admin']) })).filter((m) => m.status === 'active');
  const outcomes = await Promise.all(
    readers.map(async (m) => {
      const id = `${m._id}:${week}`;
      let doc = await db.getById('insight_briefs', id);
      if (!doc) {
        const all = m.role === 'admin';
        const answer = await answerQuestion(db, WEEKLY_BRIEF_QUESTION, { regions: all ? 'all' : (m.regions ?? []), now }, [
          'query_trends',
          'query_alerts',
          'query_health',
        ]);
        // An admin's brief covers every region: stored as the whole list, so the page reads both alike.
        const regions = all ? Object.keys(REGIONS) : (m.regions ?? []);
        doc = { _id: id, managerId: m._id, week, regions, ...answer, createdAt: now, notified: false };
        await db.set<InsightBriefDoc>('insight_briefs', id, doc);
      }
      if (doc.notified) return false;
      const sent = await notifyBrief(db, m, doc, now);
      if (sent) await db.update('insight_briefs', id, { notified: true });
      return sent;
    }),
  );
  return { week, briefs: readers.length, notified: outcomes.filter(Boolean).length };
}

/**
 * Tell the manager the brief is ready by one-time subscription message (insight_brief), when they
 * granted one; without a grant the brief waits on the 问渠道 page:
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
async function notifyBrief(db: Db, manager: Stored<UserDoc>, doc: InsightBriefDoc, now: number): Promise<boolean> {
  if (!manager.openid) return false;
  const id = subscriptionId(manager.openid, 'insight_brief');
  if (!(await takeGrant(db, id, now))) return false;
  try {
    await sdk().openapi['subscribeMessage']!['send']!({
      touser: manager.openid,
      templateId: templateIdOf('insight_brief'),
      page: 'packages/insights/ask/index',
      data: { thing1: { value: '本周渠道简报' }, thing2: { value: clip(doc.answer.split('\n')[1] ?? doc.answer, 20) }, date3: { value: doc.week } },
    });
    return true;
  } catch (e) {
    await settleFailedSend(db, id, (e as { errCode?: unknown }).errCode, now);
    log.warn('weekly brief not sent', { managerId: manager._id, week: doc.week });
    return false;
  }
}
