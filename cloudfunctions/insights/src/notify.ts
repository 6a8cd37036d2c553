import type { InsightAlert } from '@shared/insights/anomalies';
import { dayOf } from '@shared/insights/sales';
import type { Db } from '../../_kit/db';
import { log } from '../../_kit/log';
import { sdk } from '../../_kit/sdk';
import { settleFailedSend, subscriptionId, takeGrant, templateIdOf } from '../../_capabilities/subscriptions';

const clip = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

/**
 * Tell each alert's manager by one-time subscription message, when they granted the insight_alert
 * template (each grant is one message; without one the alert waits in the inbox):
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
export async function notifyManagers(db: Db, alerts: ReadonlyArray<InsightAlert & { managerId: string | null }>, now: number): Promise<number> {
  let sent = 0;
  for (const a of alerts) {
    if (!a.managerId) continue;
    const manager = await db.getById('users', a.managerId);
    if (!manager?.openid) continue;
    const id = subscriptionId(manager.openid, 'insight_alert');
    if (!(await takeGrant(db, id, now))) continue;
    try {
      await sdk().openapi['subscribeMessage']!['send']!({
        touser: manager.openid,
        templateId: templateIdOf('insight_alert'),
        page: 'packages/insights/alerts/index',
        data: { thing1: { value: clip(a.title, 20) }, thing2: { value: clip(a.message, 20) }, date3: { value: dayOf(a.at || now) } },
      });
      sent++;
    } catch (e) {
      await settleFailedSend(db, id, (e as { errCode?: unknown }).errCode, now);
      log.warn('insight alert not sent', { key: a.key, managerId: a.managerId });
    }
  }
  return sent;
}
