import type { ActorRole, OrderEvent, OrderEventType, OrderStatus } from '@shared/orders/types';
import { ROLE_LABELS } from '@shared/roles';

/**
 * How orders read in Chinese on every order screen: event labels for the timeline and who
 * acted. Times are Asia/Shanghai wall time from shared/time (independent of the phone's
 * timezone setting).
 */

export const EVENT_LABELS: Record<OrderEventType, string> = {
  submitted: '提交订单',
  step_approved: '审批通过',
  approved: '审批通过',
  rejected: '审批驳回',
  cancelled: '取消订单',
  shipped: '发货',
  delivered: '确认收货',
  completed: '订单完成',
  proxy_confirmed: '经销商确认代客订单',
  proxy_refused: '经销商拒绝代客订单',
};

export function actorLabel(role: ActorRole): string {
  return role === 'system' ? '系统' : ROLE_LABELS[role];
}

/** Who acted, as the timeline says it: 「张伟 · 渠道经理」, or the role alone when there is no name. */
export function actorText(a: { role: ActorRole; name: string }): string {
  const role = actorLabel(a.role);
  return a.name && a.name !== role ? `${a.name} · ${role}` : role;
}

/** One timeline entry's headline: the event, with the approval step or shipment it concerns. */
export function eventLabel(e: Pick<OrderEvent, 'type' | 'to' | 'data'> & { actor: { role: ActorRole } }): string {
  const data = e.data ?? {};
  if (e.type === 'submitted') return e.to === 'approved' ? '提交订单，无需审批，自动通过' : '提交订单，等待审批';
  if (e.type === 'step_approved' || e.type === 'approved') {
    const label = typeof data['label'] === 'string' ? data['label'] : '';
    const base = label ? `${label}通过` : EVENT_LABELS[e.type];
    return e.type === 'approved' ? `${base}，订单已审批` : base;
  }
  if (e.type === 'shipped') {
    const s = data['shipment'] as { no?: unknown; carrier?: unknown; trackingNo?: unknown } | undefined;
    const what = e.to === 'partially_shipped' ? '部分发货' : '发货';
    return s && typeof s.carrier === 'string' ? `${what}（${s.carrier} ${String(s.trackingNo ?? '')}）` : what;
  }
  if (e.type === 'delivered') return e.actor.role === 'system' ? '到期自动确认收货' : '确认收货';
  if (e.type === 'completed') return e.actor.role === 'system' ? '到期自动完成' : EVENT_LABELS.completed;
  return EVENT_LABELS[e.type];
}

/** A colour family per status for the status tag. */
export function statusTone(status: OrderStatus): 'wait' | 'go' | 'done' | 'closed' {
  if (status === 'submitted' || status === 'pending_approval') return 'wait';
  if (status === 'approved' || status === 'partially_shipped' || status === 'shipped') return 'go';
  if (status === 'delivered' || status === 'completed') return 'done';
  return 'closed';
}
