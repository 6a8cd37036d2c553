import { Text, View } from '@tarojs/components';
import type { TierOrderSummary } from '@shared/contracts/tier';
import type { ErrorBody } from '@shared/envelope';
import { formatFen } from '@shared/money/format-fen';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../components/PageState';
import type { MoreState } from '../../hooks/usePagedList';

/** Status tabs over a list, hand-rolled like 订单's (each a full-height tap target). */
export function GroupTabs<K extends string>({
  tabs,
  active,
  onChange,
}: {
  tabs: ReadonlyArray<{ key: K; label: string }>;
  active: K;
  onChange: (k: K) => void;
}) {
  return (
    <View className="tier-tabs">
      {tabs.map((t) => (
        <View
          key={t.key}
          className={`tier-tab tier-tab-${t.key}${t.key === active ? ' tier-tab-active' : ''}`}
          onClick={() => {
            if (t.key !== active) onChange(t.key);
          }}
        >
          {t.label}
        </View>
      ))}
    </View>
  );
}

/** 加载更多 / 加载中… / 加载失败，点击重试 while there is a next page; 没有更多了 at the end. */
export function MoreFooter({ next, more, onMore }: { next: string | null; more: MoreState; onMore: () => void }) {
  if (!next) return <View className="tier-end muted">没有更多了</View>;
  return (
    <View className={`tier-more${more === 'error' ? ' tier-more-error' : ''}`} onClick={onMore}>
      {more === 'loading' ? '加载中…' : more === 'error' ? '加载失败，点击重试' : '加载更多'}
    </View>
  );
}

/** A two-tier order's head: number, status, the other party, what is in it, when, how much (and what was paid). */
export function TierOrderHead({ order: o, party }: { order: TierOrderSummary; party: string }) {
  return (
    <View className="tier-order-head">
      <View className="tier-row">
        <Text className="tier-order-no">{o.orderNo}</Text>
        <Text className={`tier-order-status tier-status-${o.status}`}>{o.statusLabel}</Text>
      </View>
      <Text className="tier-order-party">{party}</Text>
      <Text className="tier-order-preview">
        {o.preview.join('、')}
        {o.lineCount > o.preview.length ? ` 等 ${o.lineCount} 种` : ''} · 共 {o.itemQty} 件
      </Text>
      <View className="tier-row">
        <Text className="tier-order-time muted">{formatShanghaiMinute(o.createdAt)}</Text>
        <Text className="tier-order-payable">{formatFen(o.payable)}</Text>
      </View>
      {o.paid > 0 ? <Text className="tier-order-paid">已收款 {formatFen(o.paid)}</Text> : null}
    </View>
  );
}

/**
 * A refused first page: FORBIDDEN means the caller's dealer is not a first-tier that sells on (or the
 * caller is not its owner or buyer), which the page explains instead of offering 重试; anything else
 * is the usual error state.
 */
export function TierFailure({ error, onRetry }: { error: ErrorBody; onRetry: () => void }) {
  if (error.code === 'FORBIDDEN') {
    return (
      <PageState
        status="empty"
        title="二级分销未开通"
        description={`${error.message}。开通后，下级经销商的订单、供货价和你的库存会在这里管理；如需开通请联系渠道经理。`}
      />
    );
  }
  return <PageState status="error" message={error.message} onRetry={onRetry} />;
}
