import type { ApplicationDoc } from '@shared/admission/stored';
import type { Db, Stored } from '../../_kit/db';
import { log } from '../../_kit/log';
import { sdk } from '../../_kit/sdk';
import { settleFailedSend, subscriptionId, takeGrant, templateIdOf } from '../../_capabilities/subscriptions';
import { APPLICATION_STATUS_LABELS } from './views';

/** Subscription-message keywords have length limits (thing ≤ 20 characters, phrase ≤ 5). */
const clip = (text: string, max: number) => ([...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`);

/**
 * Tell the applicant where their application stands, as a one-time subscription message, when
 * they granted one (users.recordSubscription with application_result, from the 申请加盟 page):
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 * A failed send is logged, never fatal: the decision is saved and the app shows the status.
 */
export async function notifyApplicant(db: Db, app: Stored<ApplicationDoc>, now: number): Promise<void> {
  const id = subscriptionId(app.applicantOpenid, 'application_result');
  if (!(await takeGrant(db, id, now))) return;
  try {
    await sdk().openapi['subscribeMessage']!['send']!({
      touser: app.applicantOpenid,
      templateId: templateIdOf('application_result'),
      page: 'packages/account/apply/index',
      miniprogramState: 'formal',
      data: {
        thing1: { value: clip(app.company, 20) },
        phrase2: { value: clip(APPLICATION_STATUS_LABELS[app.status], 5) },
        thing3: { value: clip(app.decision?.reason ?? app.requested ?? '请打开小程序查看', 20) },
      },
    });
  } catch (e) {
    const errCode = (e as { errCode?: unknown }).errCode;
    await settleFailedSend(db, id, errCode, now);
    log.warn('application message not sent', { applicationId: app._id, errCode });
  }
}
