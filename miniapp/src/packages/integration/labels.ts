import type { OutboxEventType } from '@shared/integration/outbox';
import type { PartnerScope } from '@shared/openapi/types';

/** What a partner key may do, as admins choose it (docs/openapi.md lists the operations per scope). */
export const SCOPE_LABELS: Record<PartnerScope, string> = {
  'orders:read': '读取订单',
  'shipments:write': '回传发货',
  'stock:write': '回传库存',
  'payments:write': '回传回款',
  'receivables:read': '读取应收与账龄',
  'credit:write': '设置信用额度与账期',
  'catalog:read': '读取商品与价格',
  'catalog:write': '设置价格与可见范围',
};

/** The business events a webhook subscription can receive. */
export const EVENT_LABELS: Record<OutboxEventType, string> = {
  'order.submitted': '订单提交',
  'order.approved': '订单审核通过',
  'order.rejected': '订单驳回',
  'order.shipped': '订单发货',
  'order.delivered': '订单签收',
  'order.cancelled': '订单取消',
  'order.returned': '订单退货',
  'dealer.created': '经销商建档',
  'dealer.changed': '经销商资料变更',
  'dealer.suspended': '经销商停用',
  'payment.recorded': '回款入账',
  'payment.refunded': '微信支付退款',
  'rebate.settled': '返利结算',
};
