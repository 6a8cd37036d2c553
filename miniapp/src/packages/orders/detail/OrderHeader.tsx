import { Text, View } from '@tarojs/components';
import type { OrderView } from '@shared/contracts';
import { ORDER_STATUS_LABELS } from '@shared/orders/types';
import { ROLE_LABELS } from '@shared/roles';
import { formatShanghaiMinute } from '@shared/time';
import { statusTone } from '../../../services/orderText';
import { waitingStep } from './offers';

/** Status and whose move it is, why it closed, the order number and when it was placed. */
export function OrderHeader({ order: o }: { order: OrderView }) {
  const step = waitingStep(o);
  return (
    <View className={`card order-header order-header-${statusTone(o.status)}`}>
      <Text className="order-status">{o.statusLabel || ORDER_STATUS_LABELS[o.status]}</Text>
      {step ? (
        <Text className="order-waiting">
          等待{step.label}（{ROLE_LABELS[step.role]}）
        </Text>
      ) : null}
      {o.status === 'shipped' ? <Text className="order-waiting">货物已全部发出，收到后请确认收货</Text> : null}
      {o.status === 'partially_shipped' ? <Text className="order-waiting">已部分发货，其余商品待发</Text> : null}
      {o.closeReason ? <Text className="order-close-reason">原因：{o.closeReason}</Text> : null}
      {o.supplierName ? <Text className="order-supplier">供货方：上级经销商 {o.supplierName}（由其接单、发货和收款）</Text> : null}
      <Text className="order-no">订单号 {o.orderNo}</Text>
      <Text className="order-created muted">下单时间 {formatShanghaiMinute(o.createdAt)}</Text>
    </View>
  );
}
