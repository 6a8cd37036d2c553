import { Text, View } from '@tarojs/components';
import type { OrderView } from '@shared/contracts';
import { formatShanghaiMinute } from '@shared/time';
import { actorText, eventLabel } from '../../../services/orderText';

/**
 * 订单动态: every event, newest first, with who and when (Shanghai time). Hand-rolled rather than
 * NutUI's Steps: Steps draws a process towards an end, this is a log with a reason under some entries.
 */
/**
 * What the text under an event is: an approver's words on an approval are their comment (审批意见),
 * on anything else (a rejection, a cancellation) the reason the order stopped.
 */
const commentLabel = (type: OrderView['events'][number]['type']) => (type === 'step_approved' || type === 'approved' ? '审批意见' : '原因');

export function OrderTimeline({ order: o }: { order: OrderView }) {
  const events = [...o.events].reverse();
  return (
    <View className="card order-timeline">
      <Text className="order-section-title">订单动态</Text>
      {events.map((e, i) => (
        <View key={`${e.at}-${i}`} className={`order-event order-event-${e.type}`}>
          <View className="order-event-dot" />
          <View className="order-event-body">
            <Text className="order-event-label">{eventLabel(e)}</Text>
            <Text className="order-event-meta">
              <Text className="order-event-actor">{actorText(e.actor)}</Text>
              <Text className="order-event-time"> · {formatShanghaiMinute(e.at)}</Text>
            </Text>
            {e.reason ? (
              <Text className="order-event-reason">
                {commentLabel(e.type)}：{e.reason}
              </Text>
            ) : null}
          </View>
        </View>
      ))}
    </View>
  );
}
