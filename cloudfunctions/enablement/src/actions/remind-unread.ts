import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { formatShanghai } from '@shared/time';
import { defineAction } from '../../../_kit/router';
import { log } from '../../../_kit/log';
import { sdk } from '../../../_kit/sdk';
import { settleFailedSend, subscriptionId, takeGrant, templateIdOf } from '../../../_capabilities/subscriptions';
import { unreadBy } from '../audience';

const clip = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

/**
 * Remind everyone who has not read a resource by one-time subscription message, to those who
 * granted the must_read_reminder template (each grant is one message):
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 */
export const remindUnread = defineAction(contracts.enablement.remindUnread, ['manager', 'admin', CONSOLE], async ({ resourceId }, { db, caller, now }) => {
  const r = await db.getById('enablement_resources', resourceId);
  if (!r) return new Refusal('NOT_FOUND', '资料不存在');
  const { unread } = await unreadBy(db, resourceId, r, caller.user?.role === 'manager' ? (caller.user.regions ?? []) : null);
  let reminded = 0;
  for (const u of unread) {
    const id = subscriptionId(u.openid, 'must_read_reminder');
    if (!(await takeGrant(db, id, now))) continue;
    try {
      const data = {
        thing1: { value: clip(r.title, 20) },
        time2: { value: r.mustReadBy ? formatShanghai(r.mustReadBy) : '尽快' },
        thing3: { value: '请在赋能中心阅读' },
      };
      await sdk().openapi['subscribeMessage']!['send']!({
        touser: u.openid,
        templateId: templateIdOf('must_read_reminder'),
        page: 'packages/enablement/index',
        data,
      });
      reminded++;
    } catch (e) {
      await settleFailedSend(db, id, (e as { errCode?: unknown }).errCode, now);
      log.warn('must-read reminder not sent', { resourceId, userId: u._id });
    }
  }
  return { reminded, unread: unread.length };
});
