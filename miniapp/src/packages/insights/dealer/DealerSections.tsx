import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { DealerInsightView } from '@shared/contracts/insights';
import { formatFen } from '@shared/money';
import { monthLabel, wan } from '../api';
import { Chart } from '../components/Chart';
import { dayText } from '../alerts/labels';

const go = (url: string) => () => void Taro.navigateTo({ url });

/** 12 months ordered: a column chart and the same figures as text. */
export function MonthsSection({ view }: { view: DealerInsightView }) {
  const text = view.months.map((m, i) => `${monthLabel(m, i)} ${formatFen(view.amounts[i]!)}`).join('，');
  return (
    <View className="insights-card insights-dealer-months">
      <Text className="insights-title">近 12 个月进货额</Text>
      <Chart
        id="dealer-months-chart"
        type="column"
        legend={false}
        label={`近 12 个月进货额：${text}`}
        categories={view.months.map(monthLabel)}
        series={[{ name: '进货额（万元）', data: view.amounts.map(wan) }]}
      />
      <Text className="insights-muted insights-dealer-months-text">{text}</Text>
    </View>
  );
}

/** Its best-selling products, latest orders (each opens), and its statement, rebates and master data. */
export function LinksSection({ view }: { view: DealerInsightView }) {
  const id = view.dealer.id;
  return (
    <View>
      {view.topSkus.length ? (
        <View className="insights-card insights-dealer-skus">
          <Text className="insights-title">近 12 个月主力商品</Text>
          {view.topSkus.map((s) => (
            <View key={s.sku} className="insights-row">
              <Text>{s.name}</Text>
              <Text>
                {s.qty} 件 · {formatFen(s.amount)}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      <View className="insights-card insights-dealer-orders">
        <Text className="insights-title">最近订单</Text>
        {view.recentOrders.length === 0 ? <Text className="insights-muted">还没有订单</Text> : null}
        {view.recentOrders.map((o) => (
          <View key={o.id} className="insights-link insights-dealer-order" onClick={go(`/packages/orders/detail/index?id=${o.id}`)}>
            <Text>{o.orderNo}</Text>
            <Text className="insights-muted">
              {dayText(o.createdAt)} · {formatFen(o.payable)} ›
            </Text>
          </View>
        ))}
      </View>
      <View className="insights-card insights-dealer-links">
        <Text className="insights-link insights-dealer-statement" onClick={go(`/packages/orders/statement/index?dealerId=${id}`)}>
          对账单 ›
        </Text>
        <Text className="insights-link insights-dealer-rebates" onClick={go(`/packages/rebates/settlements/index?dealerId=${id}`)}>
          返利结算 ›
        </Text>
        <Text className="insights-link insights-dealer-profile" onClick={go(`/packages/dealers/detail/index?dealerId=${id}`)}>
          经销商资料（额度、账期、人员） ›
        </Text>
      </View>
    </View>
  );
}
