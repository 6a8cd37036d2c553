import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { useCall } from '../../../services/useCall';
import { insightsCall } from '../api';
import '../insights.scss';

/**
 * 洞察 (channel managers for their regions, brand admins for all): the way into sales trends,
 * demand forecasts, the alert inbox (with how many are open), 问渠道 and dealer health.
 */
export default function InsightsHomePage() {
  const { state } = useCall(() => insightsCall('alerts', { status: 'open' }));
  const open = (url: string) => () => void Taro.navigateTo({ url });
  const waiting = state.status === 'ok' ? `${state.data.items.length} 条待处理 ›` : '待处理的异常 ›';
  return (
    <View className="page page-insights">
      <Cell.Group>
        <Cell
          className="insights-entry-alerts"
          title="预警"
          description="销量异常、经销商流失、窜货"
          extra={waiting}
          clickable
          onClick={open('/packages/insights/alerts/index')}
        />
        <Cell
          className="insights-entry-trends"
          title="销售趋势"
          description="按区域、品类、商品看环比与同比"
          extra="›"
          clickable
          onClick={open('/packages/insights/trends/index')}
        />
        <Cell
          className="insights-entry-forecasts"
          title="需求预测"
          description="未来 3 个月，含 80% 与 95% 区间"
          extra="›"
          clickable
          onClick={open('/packages/insights/forecasts/index')}
        />
        <Cell
          className="insights-entry-ask"
          title="问渠道"
          description="用一句话提问，回答附数据来源；每周简报"
          extra="›"
          clickable
          onClick={open('/packages/insights/ask/index')}
        />
        <Cell
          className="insights-entry-health"
          title="经销商健康度"
          description="流失风险与增长空间，附原因"
          extra="›"
          clickable
          onClick={open('/packages/insights/health/index')}
        />
      </Cell.Group>
    </View>
  );
}
