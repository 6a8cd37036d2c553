import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { TierOrderGroup } from '@shared/contracts/tier';
import { PageState } from '../../../components/PageState';
import { GroupTabs, MoreFooter, TierOrderHead } from '../parts';
import { useTierOrders, useTierStatus } from '../useTier';
import '../index.scss';

const TABS: ReadonlyArray<{ key: TierOrderGroup | 'all'; label: string; empty: string }> = [
  { key: 'all', label: '全部', empty: '还没有向上级经销商订货' },
  { key: 'to_accept', label: '待接单', empty: '没有等待上级接单的订单' },
  { key: 'to_ship', label: '待发货', empty: '没有等待上级发货的订单' },
  { key: 'to_receive', label: '待收货', empty: '没有待收货的订单' },
  { key: 'unpaid', label: '待付款', empty: '没有待付款的订单' },
  { key: 'done', label: '已完成', empty: '没有已完成的订单' },
  { key: 'closed', label: '已关闭', empty: '没有已关闭的订单' },
];

/**
 * 向上级订货 (a second-tier dealer whose first-tier sells on): its orders to the first-tier
 * (tier.outgoing), by status, with who supplies them. Tapping one opens it (orders.get), where the
 * dealer cancels it before shipment or confirms receipt as for any order.
 */
export default function OutgoingPage() {
  const [group, setGroup] = useState<TierOrderGroup | 'all'>('all');
  const status = useTierStatus();
  const { state, reload, loadMore } = useTierOrders('outgoing', group);
  const supplier = status.state.status === 'ok' ? status.state.data.supplier : null;
  const tab = TABS.find((t) => t.key === group) ?? TABS[0]!;
  if (status.state.status === 'ok' && status.state.data.role !== 'sub_dealer') {
    return (
      <View className="page page-tier page-tier-outgoing">
        <PageState status="empty" title="你的订单直接发给品牌方" description="你的上级经销商未开通二级分销，订单在「订单」页查看。" />
      </View>
    );
  }
  return (
    <View className="page page-tier page-tier-outgoing">
      {supplier ? (
        <View className="card tier-summary">
          <Text className="tier-summary-title tier-supplier-name">上级经销商：{supplier.name}</Text>
          <Text className="tier-summary-line muted">你的订单由上级经销商接单、发货和收款，价格为其供货价。</Text>
        </View>
      ) : null}
      <GroupTabs tabs={TABS} active={group} onChange={setGroup} />
      {state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.items.length === 0 ? (
        <PageState status="empty" title={tab.empty} description="在商品页选好商品、去结算提交后，订单会发给上级经销商并出现在这里。" />
      ) : null}
      {state.status === 'ok' && state.items.length > 0 ? (
        <View className="tier-list">
          {state.items.map((o) => (
            <View
              key={o.id}
              className={`card tier-card tier-card-${o.orderNo}`}
              onClick={() => void Taro.navigateTo({ url: `/packages/orders/detail/index?id=${encodeURIComponent(o.id)}` })}
            >
              <TierOrderHead order={o} party={supplier ? `供货：${supplier.name}` : '供货：上级经销商'} />
            </View>
          ))}
          <MoreFooter next={state.nextCursor} more={state.more} onMore={() => void loadMore()} />
        </View>
      ) : null}
    </View>
  );
}
