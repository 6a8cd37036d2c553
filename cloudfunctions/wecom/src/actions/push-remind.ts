import { contracts } from '@shared/contracts';
import { Refusal } from '@shared/envelope';
import { CONSOLE } from '@shared/roles';
import { defineAction } from '../../../_kit/router';
import { WecomApiError } from '../api';
import { wecomConfig } from '../config';
import { remindGroupMsg } from '../push-api';
import { sendsOf } from '../push/view';
import { apiFor } from '../work/runner';

/** remind_groupmsg_send: at most 3 reminders per mass message in 24 hours (https://developer.work.weixin.qq.com/document/path/97610). */
const REMINDERS_PER_DAY = 3;
const DAY_MS = 86_400_000;

/**
 * Remind the clerks who have not sent (all of them, or one): WeCom notifies each again. HQ reminds
 * anyone; a dealer owner only their own clerks. Moments have no reminder API, so they are refused with the reason.
 */
export const pushRemind = defineAction(contracts.wecom.pushRemind, ['admin', 'dealer', CONSOLE], async ({ taskId, userId }, { db, now, caller }) => {
  const cfg = wecomConfig();
  if (!cfg.ok) return new Refusal('INTERNAL', `企业微信未配置：${cfg.missing.join(', ')}`);
  const owner = caller.user?.role === 'dealer';
  const sends = (await sendsOf(db, taskId, owner ? (caller.user?.dealerId ?? '-') : undefined)).filter(
    (s) => s.status === 'created' && !s.sent && (!userId || s.userId === userId),
  );
  if (sends.length === 0) return new Refusal('NOT_FOUND', '没有需要提醒的导购（都已发送，或不在你的门店）');
  const refused: Array<{ userId: string; reason: string }> = [];
  let reminded = 0;
  for (const s of sends) {
    const recent = s.reminded.filter((t) => t > now - DAY_MS);
    if (!s.msgid) refused.push({ userId: s.userId, reason: '朋友圈任务没有提醒接口，请在企业微信里提醒' });
    else if (recent.length >= REMINDERS_PER_DAY) refused.push({ userId: s.userId, reason: '24 小时内已提醒 3 次' });
    else {
      try {
        await remindGroupMsg(apiFor(cfg.config, db), s.msgid);
        await db.update('wecom_push_sends', s._id, { reminded: [...recent, now], updatedAt: now });
        reminded++;
      } catch (e) {
        if (!(e instanceof WecomApiError)) throw e;
        refused.push({ userId: s.userId, reason: `企业微信没有发出提醒（${e.errcode}）` });
      }
    }
  }
  return { reminded, refused };
});
