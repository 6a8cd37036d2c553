import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { AddressForm } from '../../components/AddressForm';
import { PageState } from '../../components/PageState';
import { MyProxyOrders } from './MyProxyOrders';
import { ProxyItem, ProxyPlaced, ProxyQuote } from './parts';
import { useProxyOrder } from './useProxyOrder';
import './index.scss';

/**
 * 代客下单 (?dealerId=): a channel manager takes the order a dealer of their region phoned in — the
 * dealer's catalog at the dealer's prices, the cart priced by the server exactly as the dealer's
 * own (same rules, same 再买 hints), the delivery address, then 代客提交. The order waits for the
 * dealer's 确认 in 订单 unless the dealer authorised proxy orders; stock and credit are held now.
 * Reached from 经销商详情 (packages/dealers/detail).
 */
export default function ProxyOrderPage() {
  const p = useProxyOrder();
  if (!p.dealerId) {
    return (
      <View className="page page-proxy">
        <PageState
          status="empty"
          title="请先选择经销商"
          description="在「经销商」中打开一家经销商，点「代客下单」"
          action={
            <Button shape="round" onClick={() => void Taro.navigateTo({ url: '/packages/dealers/list/index' })}>
              选择经销商
            </Button>
          }
        />
        <MyProxyOrders />
      </View>
    );
  }
  if (p.state.status === 'loading') return <PageState status="loading" rows={6} />;
  if (p.state.status === 'error') return <PageState status="error" message={p.state.message} onRetry={p.reload} />;
  const { dealer, items } = p.state;
  if (p.placed) {
    const id = p.placed.id;
    return (
      <View className="page page-proxy">
        <ProxyPlaced order={p.placed} dealerName={dealer.name} onOpen={() => void Taro.navigateTo({ url: `/packages/orders/detail/index?id=${id}` })} />
      </View>
    );
  }
  const count = Object.values(p.cart).filter((q) => q > 0).length;
  return (
    <View className="page page-proxy">
      <View className="card proxy-dealer">
        <Text className="proxy-dealer-name">为 {dealer.name} 下单</Text>
        <Text className="muted">
          {dealer.levelName} · {dealer.regionName} · 可用额度 {(dealer.credit.headroom / 100).toFixed(2)} 元
        </Text>
      </View>
      {items.length === 0 ? <PageState status="empty" title="该经销商暂无可订商品" /> : null}
      {items.map((item) => (
        <ProxyItem key={item.sku} item={item} qty={p.cart[item.sku] ?? 0} onQty={(q) => p.setQty(item.sku, q)} />
      ))}
      {p.state.next ? (
        <Button className="proxy-more" shape="round" loading={p.loadingMore} onClick={() => void p.more()}>
          加载更多商品
        </Button>
      ) : null}
      <ProxyQuote quote={p.quote} error={p.quoteError} />
      <View className="card proxy-address">
        <Text className="proxy-section">收货地址</Text>
        <AddressForm value={p.address} errors={{}} onChange={p.setField} />
      </View>
      <MyProxyOrders />
      <View className="proxy-bar">
        <Text className="muted">已选 {count} 种</Text>
        <Button className="proxy-submit" type="primary" shape="round" loading={p.busy} disabled={count === 0 || !p.quote?.ok} onClick={() => void p.submit()}>
          代客提交
        </Button>
      </View>
    </View>
  );
}
