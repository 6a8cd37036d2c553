import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { formatFen } from '@shared/money';
import { formatShanghaiMinute } from '@shared/time';
import { PageState } from '../../components/PageState';
import { useMyProxyOrders } from './useMyProxyOrders';

/** 我的代客订单: what the manager placed for dealers and where each stands (待确认, 已取消 when refused or lapsed, …). */
export function MyProxyOrders() {
  const p = useMyProxyOrders();
  return (
    <View className="card proxy-mine">
      <Text className="proxy-section">我的代客订单</Text>
      {p.status === 'loading' ? <PageState status="loading" rows={2} /> : null}
      {p.status === 'error' ? <PageState status="error" message={p.message} onRetry={p.reload} /> : null}
      {p.status === 'ready' && p.items.length === 0 ? <Text className="muted">还没有代客下过单</Text> : null}
      {p.items.map((o) => (
        <View
          key={o.id}
          className={`proxy-mine-row proxy-mine-${o.id}`}
          onClick={() => void Taro.navigateTo({ url: `/packages/orders/detail/index?id=${o.id}` })}
        >
          <View className="proxy-quote-row">
            <Text>{o.dealerName}</Text>
            <Text className={`proxy-mine-status status-${o.status}`}>{o.statusLabel}</Text>
          </View>
          <Text className="muted">
            {o.orderNo} · {formatFen(o.payable)} · {formatShanghaiMinute(o.createdAt)}
          </Text>
        </View>
      ))}
      {p.hasMore ? (
        <Button className="proxy-mine-more" size="small" shape="round" loading={p.loadingMore} onClick={p.more}>
          加载更多
        </Button>
      ) : null}
    </View>
  );
}
