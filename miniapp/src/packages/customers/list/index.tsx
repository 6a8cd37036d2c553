import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Avatar, Tag } from '@nutui/nutui-react-taro';
import type { CustomerItem } from '@shared/contracts';
import { formatShanghai } from '@shared/time';
import { tagLabel } from '@shared/wecom/tags';
import { PageState } from '../../../components/PageState';
import { usePagedList } from '../../../hooks/usePagedList';
import { call } from '../../../services/cloud';
import './index.scss';

const TAG_TYPES: Record<string, 'primary' | 'success' | 'warning'> = { channel: 'primary', clerk: 'success', campaign: 'warning' };

/** Dates as the clerk reads them, in China time. */
const day = (ms: number): string => formatShanghai(ms, 'date');

/**
 * 我的客户: the WeCom customers a clerk added (a dealer owner: their store's), with the tags the
 * brand put on them — channel, clerk, campaign. Customers belong to the brand; this is the clerk's
 * view of them.
 */
export default function CustomersPage() {
  // 20 a page, the next on reaching the bottom (or 加载更多); the total rides along with the first.
  const { state, reload, loadMore } = usePagedList({
    fetch: (cursor) => call('wecom', 'myCustomers', cursor ? { limit: 20, cursor } : { limit: 20 }),
    keyOf: (c) => `${c.externalUserId}:${c.userId}`,
  });

  return (
    <View className="page page-customers">
      {state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.items.length === 0 ? (
        <PageState status="empty" title="还没有企业微信客户" description="客户扫你的活动码添加你的企业微信后，会自动出现在这里并打上标签。" />
      ) : null}
      {state.status === 'ok' && state.items.length > 0 ? (
        <View className="customers">
          <Text className="customers-total muted">共 {state.first.total} 位客户</Text>
          {state.items.map((c) => (
            <Customer key={`${c.externalUserId}:${c.userId}`} c={c} />
          ))}
          {state.nextCursor ? (
            <View className="customers-more muted" onClick={() => void loadMore()}>
              {state.more === 'loading' ? '加载中…' : state.more === 'error' ? '加载失败，点击重试' : '加载更多'}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

function Customer({ c }: { c: CustomerItem }) {
  return (
    <View
      className={`card customer customer-${c.externalUserId}`}
      onClick={() => void Taro.navigateTo({ url: `/packages/customers/detail/index?id=${encodeURIComponent(c.externalUserId)}` })}
    >
      <View className="customer-head">
        <Avatar size="normal" background="#1d4fd8" color="#ffffff">
          {c.name.slice(0, 1)}
        </Avatar>
        <View className="customer-text">
          <Text className="customer-name">{c.name}</Text>
          <Text className="customer-meta muted">
            {day(c.addedAt)} 添加 · {c.statusLabel}
            {c.linked ? ' · 已关联小程序' : ''}
          </Text>
          {c.campaignTitle ? <Text className="customer-source muted">来自活动「{c.campaignTitle}」</Text> : null}
        </View>
      </View>
      <View className="customer-tags">
        {c.tags.map((t) => (
          <Tag key={`${t.group}/${t.name}`} className={`customer-tag customer-tag-${t.kind}`} type={TAG_TYPES[t.kind] ?? 'primary'} plain>
            {t.group}：{tagLabel(t, c.userId)}
          </Tag>
        ))}
        {c.tagStatus === 'pending' ? <Text className="customer-tagging muted">标签同步中…</Text> : null}
      </View>
    </View>
  );
}
