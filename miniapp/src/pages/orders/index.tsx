import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { OrderListGroup } from '@shared/contracts';
import { PageState } from '../../components/PageState';
import { call } from '../../services/cloud';
import { knownMe } from '../../services/session';
import { usePagedList } from '../../hooks/usePagedList';
import icon from '../../assets/tab/orders-on.png';
import { OrderCard } from './OrderCard';
import './index.scss';

const PAGE_SIZE = 10;

const GROUPS: ReadonlyArray<{ key: OrderListGroup; label: string; empty: string; hint: string }> = [
  { key: 'all', label: '全部', empty: '还没有订单', hint: '在购物车点「去结算」提交订单后，这里会列出你的订单、审批进度和物流。' },
  { key: 'pending', label: '待审批', empty: '没有待审批的订单', hint: '超过审批额度的订单提交后在这里等待渠道经理审批。' },
  { key: 'to_ship', label: '待发货', empty: '没有待发货的订单', hint: '审批通过的订单在这里等待仓库发货。' },
  { key: 'to_receive', label: '待收货', empty: '没有待收货的订单', hint: '已发货的订单在这里，收到货后请确认收货。' },
  { key: 'done', label: '已完成', empty: '没有已完成的订单', hint: '确认收货后的订单会出现在这里，可以一键再来一单。' },
  { key: 'closed', label: '已关闭', empty: '没有已关闭的订单', hint: '已取消和被驳回的订单会出现在这里。' },
];

/**
 * 订单: the caller's orders (orders.list: a dealer's own, a manager's regions, everything for
 * admins) by status group, newest first, ten at a time with a cursor. Pull down to refresh;
 * scroll to the bottom (or tap 加载更多) for the next page; 没有更多了 marks the end.
 */
export default function OrdersPage() {
  const [group, setGroup] = useState<OrderListGroup>('all');
  // Back from an order or from checkout: statuses may have moved (live).
  const { state, reload, loadMore } = usePagedList({
    fetch: (cursor) => call('orders', 'list', { group, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    keyOf: (o) => o.id,
    queryKey: group,
    live: true,
  });

  const meta = GROUPS.find((g) => g.key === group) ?? GROUPS[0]!;
  // Channel managers and admins land here: their approvals are one tap away.
  const me = knownMe();
  const approver = me?.registered === true && (me.role === 'manager' || me.role === 'admin');
  // A second-tier dealer's orders to its first-tier (二级分销) are listed in their own page.
  const child = me?.registered === true && me.role === 'dealer' && Boolean(me.dealer?.parentDealerId);

  return (
    <View className="page page-orders">
      {/* Hand-rolled, not NutUI's Tabs: in the main package Tabs costs 15.8 KB and the package is
          at 592 of its 600 KB (see pages/catalog/CatalogHeader). */}
      <View className="orders-tabs">
        {GROUPS.map((g) => (
          <View
            key={g.key}
            className={`orders-tab orders-tab-${g.key}${g.key === group ? ' orders-tab-active' : ''}`}
            onClick={() => {
              if (g.key !== group) setGroup(g.key);
            }}
          >
            {g.label}
          </View>
        ))}
      </View>

      {approver ? (
        <View className="card orders-approvals" onClick={() => void Taro.navigateTo({ url: '/packages/approvals/index' })}>
          <Text className="orders-approvals-title">订单审批</Text>
          <Text className="orders-approvals-open">待我审批的订单 ›</Text>
        </View>
      ) : null}

      {child ? (
        <View className="card orders-approvals orders-tier" onClick={() => void Taro.navigateTo({ url: '/packages/tier/outgoing/index' })}>
          <Text className="orders-approvals-title">向上级订货</Text>
          <Text className="orders-approvals-open">上级经销商接单、发货的订单 ›</Text>
        </View>
      ) : null}

      {state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.items.length === 0 ? <PageState status="empty" icon={icon} title={meta.empty} description={meta.hint} /> : null}
      {state.status === 'ok' && state.items.length > 0 ? (
        <View className="orders-list">
          {state.items.map((o) => (
            <OrderCard key={o.id} order={o} />
          ))}
          {state.nextCursor ? (
            <View className={`orders-more${state.more === 'error' ? ' orders-more-error' : ''}`} onClick={() => void loadMore()}>
              {state.more === 'loading' ? '加载中…' : state.more === 'error' ? '加载失败，点击重试' : '加载更多'}
            </View>
          ) : (
            <View className="orders-end">没有更多了</View>
          )}
        </View>
      ) : null}
    </View>
  );
}
