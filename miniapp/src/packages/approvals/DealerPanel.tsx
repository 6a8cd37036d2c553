import { Text, View } from '@tarojs/components';
import type { DealerContext, DealerHealthBrief } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { formatShanghaiMinute } from '@shared/time';

/**
 * The dealer behind an order waiting for approval, as the approver weighs it: credit limit, what
 * is used (receivables and what open orders hold), what is left, its health and the latest orders —
 * read by orders.pendingApprovals in the same call as the queue.
 */
export function DealerPanel({ dealer: d, orderId }: { dealer: DealerContext; orderId: string }) {
  const pct = d.creditLimit > 0 ? Math.round((d.creditUsed / d.creditLimit) * 100) : 0;
  return (
    <View className={`approval-dealer approval-dealer-${orderId}`}>
      <View className="approval-dealer-credit">
        <Text className="approval-dealer-figure">
          信用额度 <Text className="approval-dealer-limit">{formatFen(d.creditLimit)}</Text>
        </Text>
        <Text className="approval-dealer-figure">
          已用 <Text className="approval-dealer-used">{formatFen(d.creditUsed)}</Text>（{pct}%）
        </Text>
        <Text className="approval-dealer-figure">
          应收账款 <Text className="approval-dealer-receivable">{formatFen(d.receivable)}</Text>
        </Text>
        <Text className={`approval-dealer-figure${d.headroom < 0 ? ' approval-dealer-over' : ''}`}>
          {d.headroom < 0 ? '已超额 ' : '可用 '}
          <Text className="approval-dealer-headroom">{formatFen(Math.abs(d.headroom))}</Text>
        </Text>
      </View>
      <DealerHealthLine health={d.health} />
      <Text className="approval-dealer-recent-title">最近订单</Text>
      {d.recentOrders.length === 0 ? <Text className="approval-dealer-none muted">暂无订单</Text> : null}
      {d.recentOrders.map((o) => (
        <View key={o.id} className="approval-dealer-order">
          <Text className="approval-dealer-order-no">{o.orderNo}</Text>
          <Text className="approval-dealer-order-time muted">{formatShanghaiMinute(o.createdAt)}</Text>
          <Text className="approval-dealer-order-status">{o.statusLabel}</Text>
          <Text className="approval-dealer-order-payable">{formatFen(o.payable)}</Text>
        </View>
      ))}
    </View>
  );
}

/**
 * 经营健康度: the score out of 100 and, in words, the factor furthest from healthy (e.g. 距上次下单
 * 40 天，平时约每 12 天一单), so the approver sees why; 流失风险 when the dealer may be leaving.
 */
function DealerHealthLine({ health: h }: { health: DealerHealthBrief | null }) {
  if (!h) return <Text className="approval-dealer-health muted">经营健康度：近 180 天无订单，暂无评分</Text>;
  const band = h.score >= 70 ? 'good' : h.score >= 40 ? 'fair' : 'poor';
  return (
    <View className={`approval-dealer-health approval-dealer-health-${band}`}>
      <Text className="approval-dealer-health-score">
        经营健康度 {h.score} 分{h.churnRisk ? '（流失风险）' : ''}
      </Text>
      {h.reason ? <Text className="approval-dealer-health-reason">主要因素：{h.reason}</Text> : null}
    </View>
  );
}
