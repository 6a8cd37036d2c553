import type { Role } from '../roles';
import type { NotifyTemplate } from './types';

/**
 * Order notifications as WeChat subscription messages (订阅消息), the rules both sides share.
 *
 * A one-time subscription is a grant of ONE message: each time a user taps 允许 in the
 * consent dialog (wx.requestSubscribeMessage, only callable from a tap), WeChat lets the
 * mini-program send that user one message of that template; a send without a grant fails with
 * 43101. So the app asks at the taps that lead to a message (submitting an order, deciding an
 * approval), the server counts the grants each user has left per template, and a message goes
 * only to someone with a grant, which it uses up.
 * https://developers.weixin.qq.com/miniprogram/dev/framework/open-ability/subscribe-message.html
 */

/** The templates' titles as configured in 公众平台 → 订阅消息 (shown in the consent dialog). */
export const NOTIFY_TEMPLATE_TITLES: Record<NotifyTemplate, string> = {
  order_pending_approval: '订单待审批提醒',
  order_approved: '订单审核通过通知',
  order_rejected: '订单审核驳回通知',
  order_cancelled: '订单取消通知',
  order_shipped: '订单发货通知',
  order_to_ship: '订单待发货提醒',
  order_proxy_placed: '代客下单待确认提醒',
  application_result: '加盟申请结果通知',
  must_read_reminder: '学习任务提醒',
  insight_alert: '渠道异常预警',
  insight_brief: '渠道周报提醒',
  return_requested: '退货申请待审批提醒',
  return_decided: '退货审批结果通知',
  return_shipped_back: '退货寄回提醒',
  return_credited: '退货退款通知',
};

/** Who each template can reach (the state machine's notify targets): nobody else may subscribe to it. */
export const NOTIFY_TEMPLATE_AUDIENCE: Record<NotifyTemplate, readonly Role[]> = {
  order_pending_approval: ['manager', 'admin'],
  order_approved: ['dealer'],
  order_rejected: ['dealer'],
  // The dealer when the brand cancels; the region's managers when a proxy order they placed is refused or expires.
  order_cancelled: ['dealer', 'manager'],
  order_shipped: ['dealer'],
  order_to_ship: ['admin'],
  order_proxy_placed: ['dealer'],
  // No role: its audience is an applicant without an account (APPLICANT_TEMPLATES).
  application_result: [],
  must_read_reminder: ['dealer', 'clerk', 'manager'],
  insight_alert: ['manager'],
  insight_brief: ['manager'],
  return_requested: ['manager', 'admin'],
  return_decided: ['dealer'],
  return_shipped_back: ['admin'],
  return_credited: ['dealer'],
};

/** Templates a WeChat user with no account may accept: the answer to their own dealer application. */
export const APPLICANT_TEMPLATES: readonly NotifyTemplate[] = ['application_result'];

/** Templates a role can receive, in a stable order. */
export function notifyTemplatesFor(role: Role): NotifyTemplate[] {
  return (Object.keys(NOTIFY_TEMPLATE_AUDIENCE) as NotifyTemplate[]).filter((t) => NOTIFY_TEMPLATE_AUDIENCE[t].includes(role));
}

/**
 * Templates one consent dialog may list. The current documentation allows 5 per call, older
 * copies of it (and older clients) 3: ask for at most 3.
 * https://developers.weixin.qq.com/miniprogram/dev/api/open-api/subscribe-message/wx.requestSubscribeMessage.html
 */
export const SUBSCRIBE_MAX_PER_REQUEST = 3;

/** The taps at which the app asks for consent, and what it asks for there. */
export type ConsentMoment = 'submit_order' | 'decide_approval' | 'follow_insights' | 'request_return' | 'decide_return';

/** What each tap asks for, before the caller's role filters it (see consentTemplates). */
const CONSENT_AT: Record<ConsentMoment, readonly NotifyTemplate[]> = {
  // A dealer asks for the first three; a manager placing a proxy order (代客下单) for order_cancelled (refused, expired).
  submit_order: ['order_approved', 'order_rejected', 'order_shipped', 'order_cancelled'],
  decide_approval: ['order_pending_approval', 'order_to_ship'],
  follow_insights: ['insight_brief', 'insight_alert'],
  request_return: ['return_decided', 'return_credited'],
  decide_return: ['return_requested', 'return_shipped_back'],
};

/**
 * What to ask for at a tap, for the caller's role: at 提交订单 a dealer hears how the order goes
 * (approved, rejected, shipped); at 通过/驳回 an approver hears of the next order waiting for them
 * (and an admin of orders to ship); at 问渠道's 订阅提醒 a manager hears of the weekly brief and alerts.
 * At 提交退货申请 a dealer hears the request's decision and its credit; at a return's 同意/驳回 the
 * manager hears of the next request waiting (and an admin of goods shipped back to receive).
 */
export function consentTemplates(moment: ConsentMoment, role: Role): NotifyTemplate[] {
  const wanted = CONSENT_AT[moment];
  return wanted.filter((t) => NOTIFY_TEMPLATE_AUDIENCE[t].includes(role)).slice(0, SUBSCRIBE_MAX_PER_REQUEST);
}

/** The page a message opens: that order's detail (a page path of app.json, with its query). */
export function orderDetailPage(orderId: string): string {
  return `packages/orders/detail/index?id=${encodeURIComponent(orderId)}`;
}
