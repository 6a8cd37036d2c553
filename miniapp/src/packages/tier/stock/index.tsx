import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { useTierStock } from '../useTier';
import { TierFailure } from '../parts';
import '../index.scss';

/**
 * 我的库存 (a first-tier's owner or buyer): its own stock by SKU (tier.stock) — on hand, held by
 * its second-tier dealers' open orders, and free to sell on. Filled when its own brand orders are
 * received, lowered when it ships a child's order. Asked again on pull-down and when shown again.
 */
export default function StockPage() {
  const { state, reload } = useTierStock();
  usePullDownRefresh(() => void reload(true).finally(() => Taro.stopPullDownRefresh()));
  useDidShow(() => {
    if (state.status === 'ok') void reload(true);
  });
  if (state.status === 'loading') return <PageState status="loading" rows={5} />;
  if (state.status === 'error') return <TierFailure error={state.error} onRetry={() => void reload()} />;
  const items = state.data.items;
  if (items.length === 0) {
    return <PageState status="empty" title="还没有库存" description="你向品牌方订购的货物确认收货后会计入这里，下级经销商的订单从这里发货。" />;
  }
  return (
    <View className="page page-tier page-tier-stock">
      <View className="card tier-stock-table">
        <View className="tier-stock-row tier-stock-header">
          <Text className="tier-stock-name">商品</Text>
          <Text className="tier-stock-num">在库</Text>
          <Text className="tier-stock-num">已占用</Text>
          <Text className="tier-stock-num">可售</Text>
        </View>
        {items.map((i) => (
          <View key={i.sku} className={`tier-stock-row tier-stock-${i.sku}`}>
            <View className="tier-stock-name">
              <Text className="tier-stock-item">{i.name}</Text>
              <Text className="tier-stock-time muted">更新于 {formatShanghaiMinute(i.updatedAt)}</Text>
            </View>
            <Text className="tier-stock-num tier-stock-onhand">{i.onHand}</Text>
            <Text className="tier-stock-num tier-stock-reserved">{i.reserved}</Text>
            <Text className="tier-stock-num tier-stock-available">{i.available}</Text>
          </View>
        ))}
      </View>
      <Text className="tier-foot-note muted">单位：件。已占用为下级经销商已下单、尚未发货的数量。</Text>
    </View>
  );
}
