import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OrderView } from '@shared/contracts';
import { formatShanghaiMinute } from '@shared/time';

/** 收货地址: where the goods go, and the dealer's remark. */
export function OrderAddress({ order: o }: { order: OrderView }) {
  if (!o.address) return null;
  return (
    <View className="card order-address">
      <Text className="order-section-title">收货地址</Text>
      <Text className="order-address-who">
        {o.address.name} {o.address.mobile}
      </Text>
      <Text className="order-address-where">
        {o.address.province}
        {o.address.city}
        {o.address.district} {o.address.detail}
      </Text>
      {o.remark ? <Text className="order-remark">备注：{o.remark}</Text> : null}
    </View>
  );
}

/** 物流: every shipment with its carrier and tracking number (tap to copy). */
export function OrderShipments({ order: o }: { order: OrderView }) {
  if (o.shipments.length === 0) return null;
  return (
    <View className="card order-shipments">
      <Text className="order-section-title">物流（{o.shipments.length} 个包裹）</Text>
      {o.shipments.map((s) => (
        <View key={s.no} className={`order-shipment order-shipment-${s.no}`}>
          <View className="order-shipment-head">
            <Text className="order-shipment-carrier">{s.carrier}</Text>
            <Text className="order-shipment-tracking" onClick={() => void Taro.setClipboardData({ data: s.trackingNo })}>
              {s.trackingNo}
            </Text>
          </View>
          <Text className="order-shipment-meta muted">
            第 {s.no} 次发货 · {formatShanghaiMinute(s.at)} · 共 {s.lines.reduce((n, l) => n + l.qty, 0)} 件 · 点击运单号复制
          </Text>
        </View>
      ))}
    </View>
  );
}
