import { Text, View } from '@tarojs/components';
import { PageState } from '../../../components/PageState';
import { useTierPrices } from '../useTier';
import { PriceRow } from './PriceRow';
import { MoreFooter, TierFailure } from '../parts';
import '../index.scss';

/**
 * 下级供货价 (a first-tier's owner or buyer): every on-sale SKU (a page at a time, 加载更多) with the brand's list price, the
 * bounds the brand allows (a share of the list price) and the first-tier's current price for its
 * second-tier dealers. A SKU without a price is not orderable by them. Editing checks the bounds
 * here and the server checks them again (PRICE_OUT_OF_BOUNDS names the range).
 */
export default function PricesPage() {
  const { state, items, reload, loadMore, saving, save } = useTierPrices();
  if (state.status === 'loading') return <PageState status="loading" rows={5} />;
  if (state.status === 'error') return <TierFailure error={state.error} onRetry={() => void reload()} />;
  const { setting, supplier } = state.first;
  const priced = items.filter((i) => i.unitPrice !== null).length;
  return (
    <View className="page page-tier page-tier-prices">
      <View className="card tier-summary">
        <Text className="tier-summary-title">{supplier.name} · 下级供货价</Text>
        <Text className="tier-summary-line muted">
          品牌方允许的范围：统一零售价的 {setting.floorBp / 100}% – {setting.ceilBp / 100}%；{state.nextCursor ? '已载入的' : ''}
          {items.length} 个在售商品中已定价 {priced} 个，未定价的商品下级经销商无法订购。
        </Text>
      </View>
      {items.length === 0 ? <PageState status="empty" title="暂无可定价的商品" description="品牌方上架的商品会出现在这里。" /> : null}
      {items.map((item) => (
        <PriceRow key={item.sku} item={item} saving={saving === item.sku} onSave={(fen) => save(item.sku, fen)} />
      ))}
      {items.length > 0 ? <MoreFooter next={state.nextCursor} more={state.more} onMore={() => void loadMore()} /> : null}
      {items.length > 0 ? <Text className="tier-foot-note muted">价格均按件计；改价只影响之后提交的下级订单。</Text> : null}
    </View>
  );
}
