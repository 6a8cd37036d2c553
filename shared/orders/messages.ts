import { ROLE_LABELS } from '../roles';
import type { ActorRole, OrderCommandType, OrderStatus } from './types';

/** The current state as the start of a sentence: 订单已发货，不能取消。 */
export const STATE_PHRASES: Record<OrderStatus, string> = {
  submitted: '订单尚未审批',
  awaiting_dealer_confirmation: '订单正在等待经销商确认',
  pending_approval: '订单正在审批中',
  approved: '订单已审批通过',
  partially_shipped: '订单已部分发货',
  shipped: '订单已发货',
  delivered: '订单已确认收货',
  completed: '订单已完成',
  cancelled: '订单已取消',
  rejected: '订单已被驳回',
};

/** The command as a verb: 不能取消. */
export const COMMAND_VERBS: Record<OrderCommandType, string> = {
  submit: '提交',
  submit_for_dealer: '代客提交',
  confirm_proxy: '确认',
  refuse_proxy: '拒绝',
  approve_step: '审批',
  reject: '驳回',
  cancel: '取消',
  ship: '发货',
  confirm_receipt: '确认收货',
  complete: '完成',
};

export function actorLabel(role: ActorRole): string {
  return role === 'system' ? '系统' : ROLE_LABELS[role];
}

const SHIPPED_OR_LATER: readonly OrderStatus[] = ['partially_shipped', 'shipped', 'delivered', 'completed'];

/** Why the command cannot run in this state, and what to do instead. */
export function stateConflictMessage(status: OrderStatus, command: OrderCommandType): string {
  let hint = '请刷新订单查看最新状态';
  if (command === 'cancel' && SHIPPED_OR_LATER.includes(status)) hint = '如有问题请联系品牌方处理退换货';
  else if (command === 'confirm_receipt' && status === 'partially_shipped') hint = '请等全部商品发出后再确认收货';
  else if (command === 'confirm_receipt' && (status === 'approved' || status === 'submitted' || status === 'pending_approval'))
    hint = '请等商品发出后再确认收货';
  return `${STATE_PHRASES[status]}，不能${COMMAND_VERBS[command]}。${hint}`;
}
