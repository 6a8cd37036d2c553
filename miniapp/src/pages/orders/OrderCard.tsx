import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OrderSummary } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { formatShanghaiMinute } from '@shared/time';
import { statusTone } from '../../services/orderText';

/** One order in the list: number, status, who it waits for, what is in it, when, and how much. Tap opens it. */
export function OrderCard({ order: o }: { order: OrderSummary }) {
  const open = () => void Taro.navigateTo({ url: `/packages/orders/detail/index?id=${encodeURIComponent(o.id)}` });
  return (
    <View className={`card order-card order-card-${o.id}`} onClick={open}>
      <View className="order-card-head">
        <Text className="order-card-no">{o.orderNo}</Text>
        <Text className={`order-card-status order-status-${statusTone(o.status)}`}>{o.statusLabel}</Text>
      </View>
      <Text className="order-card-dealer muted">{o.dealerName}</Text>
      {o.waitingFor ? <Text className="order-card-waiting">等待{o.waitingFor}</Text> : null}
      <Text className="order-card-preview">
        {o.preview.join('、')}
        {o.lineCount > o.preview.length ? ` 等 ${o.lineCount} 种` : ''}
      </Text>
      <View className="order-card-foot">
        <Text className="order-card-time">{formatShanghaiMinute(o.createdAt)}</Text>
        <Text className="order-card-qty">共 {o.itemQty} 件</Text>
        <Text className="order-card-payable">{formatFen(o.payable)}</Text>
      </View>
    </View>
  );
}
