import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { PageState } from '../../../components/PageState';
import { useCall } from '../../../services/useCall';
import { insightsCall, monthLabel } from '../api';
import { Switch } from '../components/Switch';
import { ForecastChart } from './ForecastChart';
import '../insights.scss';

const units = (x: number) => `${Math.round(x).toLocaleString('zh-CN')}`;

/**
 * 需求预测: demand for the next 3 months per region × category or region × product, with the
 * 80 % and 95 % intervals (a band on the chart; every number in the table below it). Tap a
 * series to chart it.
 */
export default function ForecastsPage() {
  const [level, setLevel] = useState<'category' | 'sku'>('category');
  const [picked, setPicked] = useState(0);
  const { state, reload } = useCall(() => insightsCall('forecasts', { level }));
  const asked = useRef(level);
  useEffect(() => {
    if (asked.current === level) return;
    asked.current = level;
    setPicked(0);
    void reload();
  }, [level, reload]);
  const f = state.status === 'ok' ? state.data.items[picked] : undefined;
  return (
    <View className="page page-insights-forecasts">
      <Switch
        name="level"
        value={level}
        onChange={setLevel}
        options={[
          ['category', '区域 × 品类'],
          ['sku', '区域 × 商品'],
        ]}
      />
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && !f ? (
        <PageState status="empty" title="还没有可预测的销售历史" description="夜间任务汇总出月度销量后，这里会显示未来 3 个月的预测。" />
      ) : null}
      {f ? (
        <View className="insights-card insights-forecast">
          <Text className="insights-title">
            {f.regionName} · {f.label}
          </Text>
          <Text className="insights-muted">
            依据截至 {monthLabel(state.status === 'ok' ? state.data.asOf : '', 0)} 的月销量 · 模型 {f.method}
            {f.mase === null ? '' : ` · 回测 MASE ${f.mase.toFixed(2)}`}
          </Text>
          <ForecastChart f={f} />
          <View className="insights-table insights-forecast-table">
            <View className="insights-table-row insights-muted">
              <Text className="insights-cell">月份</Text>
              <Text className="insights-cell">预测（件）</Text>
              <Text className="insights-cell">80% 区间</Text>
              <Text className="insights-cell">95% 区间</Text>
            </View>
            {f.ahead.map((m, i) => (
              <View key={m} className="insights-table-row insights-forecast-month">
                <Text className="insights-cell">{monthLabel(m, 0)}</Text>
                <Text className="insights-cell">{units(f.mean[i]!)}</Text>
                <Text className="insights-cell">
                  {units(f.lower80[i]!)}–{units(f.upper80[i]!)}
                </Text>
                <Text className="insights-cell">
                  {units(f.lower95[i]!)}–{units(f.upper95[i]!)}
                </Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {state.status === 'ok' && state.data.items.length > 0 ? (
        <View className="insights-card insights-forecast-list">
          {state.data.items.map((item, i) => (
            <View key={item.key} className={`insights-line insights-forecast-item${i === picked ? ' insights-switch-on' : ''}`} onClick={() => setPicked(i)}>
              <Text className="insights-line-main">
                {item.regionName} · {item.label}
              </Text>
              <Text>下月 {units(item.mean[0]!)} 件</Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
