import Taro from '@tarojs/taro';
import type { NotificationTemplate } from '@shared/contracts';
import type { ConsentMoment } from '@shared/orders/notify';
import { consentTemplates } from '@shared/orders/notify';
import { call } from './cloud';
import { requestLocalConsent } from './persona';
import { knownMe } from './session';

/**
 * Consent to order notifications. WeChat sends a subscription message only for a grant the user
 * gave in the consent dialog, one message per 允许, and the dialog opens only from a tap (a tap on
 * a button, or on a confirm dialog's button):
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 *
 * So call askConsent synchronously in the tap's handler, before anything is awaited: it opens the
 * dialog for the templates that follow this moment (shared/orders/notify consentTemplates) and,
 * once answered, records what was accepted (users.recordSubscription) so the server sends only
 * those. It resolves when that is done and never rejects: declining, an older WeChat, or a
 * failed record only means no message, never a blocked order.
 */
export function askConsent(moment: ConsentMoment): Promise<void> {
  const me = knownMe();
  if (!me?.registered) return Promise.resolve();
  const offered = me.notifications ?? [];
  const wanted = consentTemplates(moment, me.role).flatMap((t) => offered.filter((n) => n.template === t));
  if (wanted.length === 0) return Promise.resolve();
  let dialog: Promise<Record<string, unknown>>;
  try {
    dialog = openDialog(wanted);
  } catch {
    return Promise.resolve();
  }
  return dialog
    .then(async (answers) => {
      const accepted = wanted.filter((n) => answers[n.templateId] === 'accept').map((n) => n.template);
      if (accepted.length > 0) await call('users', 'recordSubscription', { accepted });
    })
    .catch(() => undefined);
}

/**
 * Consent to the answer of one's own dealer application (a WeChat user with no account yet), at
 * the 提交申请 tap: the same dialog and record as askConsent, for the templates the 申请加盟 form
 * offers (dealers.applyOptions). Call it synchronously in the tap's handler; it never rejects.
 */
export function askApplicantConsent(offered: readonly NotificationTemplate[]): Promise<void> {
  if (offered.length === 0) return Promise.resolve();
  let dialog: Promise<Record<string, unknown>>;
  try {
    dialog = openDialog(offered);
  } catch {
    return Promise.resolve();
  }
  return dialog
    .then(async (answers) => {
      const accepted = offered.filter((n) => answers[n.templateId] === 'accept').map((n) => n.template);
      if (accepted.length > 0) await call('users', 'recordSubscription', { accepted });
    })
    .catch(() => undefined);
}

/** The dialog's answer: { [templateId]: 'accept' | 'reject' | 'ban' | 'filter' }. */
function openDialog(wanted: readonly NotificationTemplate[]): Promise<Record<string, unknown>> {
  if (process.env.TARO_ENV === 'weapp') {
    const option = { tmplIds: wanted.map((n) => n.templateId) } as Taro.requestSubscribeMessage.Option;
    return Taro.requestSubscribeMessage(option) as unknown as Promise<Record<string, unknown>>;
  }
  // H5 has no such dialog; the local build plays WeChat's (and its record of the grants).
  if (LOCAL_CLOUD) return requestLocalConsent(wanted);
  return Promise.resolve({});
}
