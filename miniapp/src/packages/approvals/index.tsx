import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OrderSummary } from '@shared/contracts';
import { formatFen } from '@shared/money/format-fen';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../components/PageState';
import { call } from '../../services/cloud';
import { useCall } from '../../services/useCall';
import { useLivePage } from '../../services/useLivePage';
import './index.scss';

/**
 * 订单审批 (channel managers, admins): the orders waiting for the caller's step
 * (orders.pendingApprovals: a manager's regions, oldest first). Tapping one opens the order,
 * which shows why it needs approval (the matched rules' explanations), the dealer, the amount
 * and discount, and 通过 / 驳回. Back here the list is asked again.
 */
export default function ApprovalsPage() {
  const { state, reload } = useCall(() => call('orders', 'pendingApprovals'));
  useLivePage(reload);

  return (
    <View className="page page-approvals">
      {state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.data.items.length === 0 ? (
        <PageState status="empty" title="暂无待审批订单" description="需要你审批的订单会出现在这里；下拉可刷新。" />
      ) : null}
      {state.status === 'ok' && state.data.items.length > 0 ? (
        <View className="approvals-list">
          <Text className="approvals-count muted">共 {state.data.items.length} 笔待审批，最早提交的在前</Text>
          {state.data.items.map((o) => (
            <ApprovalCard key={o.id} order={o} />
          ))}
        </View>
      ) : null}
    </View>
  );
}

function ApprovalCard({ order: o }: { order: OrderSummary }) {
  return (
    <View className={`card approval-card approval-card-${o.id}`} onClick={() => void Taro.navigateTo({ url: `/packages/orders/detail/index?id=${encodeURIComponent(o.id)}` })}>
      <View className="approval-card-head">
        <Text className="approval-card-dealer">{o.dealerName}</Text>
        <Text className="approval-card-payable">{formatFen(o.payable)}</Text>
      </View>
      <Text className="approval-card-no">
        {o.orderNo} · {formatShanghaiMinute(o.createdAt)}
      </Text>
      <Text className="approval-card-preview">
        {o.preview.join('、')}
        {o.lineCount > o.preview.length ? ` 等 ${o.lineCount} 种` : ''} · 共 {o.itemQty} 件
      </Text>
      <View className="approval-card-foot">
        {o.waitingFor ? <Text className="approval-card-step">{o.waitingFor}</Text> : null}
        <Text className="approval-card-open">查看并审批 ›</Text>
      </View>
    </View>
  );
}
