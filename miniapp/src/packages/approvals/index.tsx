import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageState } from '../../components/PageState';
import { ApprovalCard } from './ApprovalCard';
import { useApprovals } from './useApprovals';
import './index.scss';

/**
 * 订单审批 (channel managers, admins): the orders waiting for the caller's step
 * (orders.pendingApprovals: a manager's regions, oldest first), each with the decisions the
 * transition table lets the caller take from here. Tapping one opens the order, which shows why
 * it needs approval (the matched rules' explanations), the dealer, the amount and discount, and
 * 通过 / 驳回. Back here, or after a decision, the list is asked again.
 */
export default function ApprovalsPage() {
  const { state, reload } = useApprovals();

  return (
    <View className="page page-approvals">
      <View className="card approvals-returns" onClick={() => void Taro.navigateTo({ url: '/packages/aftersales/list/index?status=requested' })}>
        <Text>退货审批：待处理的退货申请 ›</Text>
      </View>
      {state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.items.length === 0 ? (
        <PageState status="empty" title="暂无待审批订单" description="需要你审批的订单会出现在这里；下拉可刷新。" />
      ) : null}
      {state.status === 'ok' && state.items.length > 0 ? (
        <View className="approvals-list">
          <Text className="approvals-count muted">共 {state.items.length} 笔待审批，最早提交的在前</Text>
          {state.items.map((o) => (
            <ApprovalCard key={o.id} order={o} dealer={state.first.dealers[o.dealerId] ?? null} role={state.first.role} onDone={() => void reload(true)} />
          ))}
        </View>
      ) : null}
    </View>
  );
}
