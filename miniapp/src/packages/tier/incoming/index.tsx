import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { TierOrderGroup } from '@shared/contracts/tier';
import { PageState } from '../../../components/PageState';
import { INCOMING_TABS } from '../api';
import { GroupTabs, MoreFooter, TierFailure } from '../parts';
import { useIncomingCommands, useTierOrders } from '../useTier';
import { IncomingCard } from './IncomingCard';
import '../index.scss';

/**
 * 下级订单 (a first-tier dealer's owner or buyer, 二级分销 enabled): its second-tier dealers' orders
 * (tier.incoming), newest first, by status, ten at a time. On each card what the order waits for
 * from the first-tier: 接单 / 拒单 (with a reason the child reads), 发货 (carrier and tracking
 * number), and 记录收款 once it is shipped. Pull down to refresh.
 */
export default function IncomingPage() {
  const [group, setGroup] = useState<TierOrderGroup | 'all'>('all');
  const { state, reload, loadMore } = useTierOrders('incoming', group);
  const commands = useIncomingCommands(() => void reload(true));
  const tab = INCOMING_TABS.find((t) => t.key === group) ?? INCOMING_TABS[0]!;

  return (
    <View className="page page-tier page-tier-incoming">
      <GroupTabs tabs={INCOMING_TABS} active={group} onChange={setGroup} />
      {state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {state.status === 'error' ? <TierFailure error={state.error} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.items.length === 0 ? (
        <PageState status="empty" title={tab.empty} description="下级经销商提交的订单会出现在这里，由你接单、发货并记录收款；下拉可刷新。" />
      ) : null}
      {state.status === 'ok' && state.items.length > 0 ? (
        <View className="tier-list">
          {state.items.map((o) => (
            <IncomingCard key={o.id} order={o} commands={commands} />
          ))}
          <MoreFooter next={state.nextCursor} more={state.more} onMore={() => void loadMore()} />
        </View>
      ) : null}
      {state.status === 'ok' ? <Text className="tier-foot-note muted">下级订单从你的库存发货，不占用品牌方库存与信用额度。</Text> : null}
    </View>
  );
}
