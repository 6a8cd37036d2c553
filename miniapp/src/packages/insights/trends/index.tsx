import { Text, View } from '@tarojs/components';
import { formatFen } from '@shared/money';
import { PageState } from '../../../components/PageState';
import { changeText, monthLabel, wan } from '../api';
import { Chart } from '../components/Chart';
import { Switch } from '../components/Switch';
import { useTrends } from './useTrends';
import '../insights.scss';

const tone = (x: number | null) => (x === null ? '' : x >= 0 ? 'insights-up' : 'insights-down');

/**
 * 销售趋势: one month's sales by region, category or product against the month before (环比) and
 * the same month last year (同比), the 13 months as a chart, and every figure as text beside it.
 * A category opens its products.
 */
export default function TrendsPage() {
  const { by, category, state, reload, choose, openCategory, move } = useTrends();
  return (
    <View className="page page-insights-trends">
      <Switch
        name="by"
        value={by}
        onChange={choose}
        options={[
          ['region', '按区域'],
          ['category', '按品类'],
          ['sku', '按商品'],
        ]}
      />
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? (
        <View>
          <View className="insights-card">
            <View className="insights-row">
              <Text className="insights-link insights-prev" onClick={() => move(-1)}>
                ‹ 上月
              </Text>
              <Text className="insights-title insights-month">{state.data.month.replace('-', ' 年 ')} 月</Text>
              <Text className="insights-link insights-next" onClick={() => move(1)}>
                下月 ›
              </Text>
            </View>
            {category ? <Text className="insights-muted">品类：{category.name}</Text> : null}
            <Text className="insights-total">
              合计 {formatFen(state.data.total.amount)}（环比 {changeText(state.data.total.mom)}，同比 {changeText(state.data.total.yoy)}）
            </Text>
            <Chart
              id="trends-chart"
              type="line"
              label={`近 13 个月进货额（万元）：${state.data.total.amounts.map((a, i) => `${monthLabel(state.data.months[i]!, i)} ${wan(a)}`).join('，')}`}
              categories={state.data.months.map(monthLabel)}
              series={[{ name: '合计（万元）', data: state.data.total.amounts.map(wan) }]}
            />
          </View>
          {state.data.items.length === 0 ? <PageState status="empty" title="这个月还没有销售数据" description="夜间任务汇总订单后，这里会按月显示。" /> : null}
          {state.data.items.length > 0 ? (
            <View className="insights-card insights-trend-list">
              {state.data.items.map((line) => (
                <View
                  key={line.key}
                  className="insights-line insights-trend-line"
                  onClick={by === 'category' ? () => openCategory(line.key, line.label) : undefined}
                >
                  <View className="insights-line-main">
                    <Text>{line.label}</Text>
                    <Text className="insights-muted">
                      上月 {formatFen(line.previous)} · 去年同月 {formatFen(line.lastYear)}
                    </Text>
                  </View>
                  <View className="insights-line-figures">
                    <Text>{formatFen(line.amount)}</Text>
                    <Text className={`insights-muted ${tone(line.mom)}`}>环比 {changeText(line.mom)}</Text>
                    <Text className={`insights-muted ${tone(line.yoy)}`}>同比 {changeText(line.yoy)}</Text>
                  </View>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
