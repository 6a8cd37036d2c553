import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { OrderView, TrackOutput } from '@shared/contracts';
import type { Role } from '@shared/roles';
import { formatYuan } from '@shared/orders/format';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';

/** States in which the dealer may still pay an order online (去支付): not cancelled or rejected, not completed. */
const PAYABLE = ['submitted', 'pending_approval', 'approved', 'partially_shipped', 'shipped', 'delivered'];

/** 去支付 (the order's dealer): opens the pay page, which says so when nothing is left to pay. */
export function PayEntry({ order: o, role }: { order: OrderView; role: Role | null }) {
  if (role !== 'dealer' || !PAYABLE.includes(o.status)) return null;
  return (
    <View className="card order-pay">
      <Text className="muted">可用微信支付本订单，到账后自动计入回款。</Text>
      <Button className="order-pay-button" type="primary" shape="round" onClick={() => void Taro.navigateTo({ url: `/packages/pay/index?orderId=${o.id}` })}>
        去支付
      </Button>
    </View>
  );
}

/** What WeChat Pay sent back for this order (a close before shipment, credited returns): the money goes back the way it came. */
export function RefundNote({ order: o }: { order: OrderView }) {
  if (!o.onlineRefunded) return null;
  const why = o.status === 'cancelled' || o.status === 'rejected' ? '订单已关闭' : '退货已入账';
  return (
    <View className="card order-refund">
      <Text>
        {why}，已原路退款 {formatYuan(o.onlineRefunded)} 至微信支付，一般 1–3 个工作日到账。
      </Text>
    </View>
  );
}

/** 物流轨迹: each shipment's timeline from the carrier (orders.track → logistics.getPath), newest node first. */
export function OrderTracking({ order: o }: { order: OrderView }) {
  const { state, reload } = useCall<TrackOutput>(() => call('orders', 'track', { orderId: o.id }), o.shipments.length > 0);
  if (o.shipments.length === 0) return null;
  return (
    <View className="card order-tracking">
      <Text className="order-section-title">物流轨迹</Text>
      {state.status === 'loading' ? <PageState status="loading" rows={2} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok'
        ? state.data.shipments.map((s) => (
            <View key={s.no} className={`order-track order-track-${s.no}`}>
              <Text className="order-track-head">
                {s.carrier} {s.trackingNo}
              </Text>
              {s.error ? <Text className="muted">{s.error}</Text> : null}
              {[...s.path].reverse().map((n, i) => (
                <View key={`${n.at}-${i}`} className="order-track-node">
                  <Text className="order-track-label">{n.label}</Text>
                  <Text className="order-track-msg">{n.msg}</Text>
                  <Text className="order-track-time muted">{formatShanghaiMinute(n.at)}</Text>
                </View>
              ))}
            </View>
          ))
        : null}
    </View>
  );
}
