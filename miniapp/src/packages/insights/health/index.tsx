import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageState } from '../../../components/PageState';
import { useCall } from '../../../services/useCall';
import { insightsCall } from '../api';
import { HealthFlags } from '../components/HealthFlags';
import { Switch } from '../components/Switch';
import '../insights.scss';

type Flag = 'all' | 'churn' | 'growth';

/**
 * 经销商健康度: the dealers of the caller's regions scored 0–100, the weakest first, each with its
 * flags and the reasons furthest from healthy; 流失风险 and 增长空间 keep those flagged. Tap one for
 * its page.
 */
export default function HealthPage() {
  const [flag, setFlag] = useState<Flag>('all');
  const { state, reload } = useCall(() => insightsCall('health', flag === 'all' ? {} : { flag }));
  const asked = useRef(flag);
  useEffect(() => {
    if (asked.current === flag) return;
    asked.current = flag;
    void reload();
  }, [flag, reload]);
  return (
    <View className="page page-insights-health">
      <Switch
        name="flag"
        value={flag}
        onChange={setFlag}
        options={[
          ['all', '全部'],
          ['churn', '流失风险'],
          ['growth', '增长空间'],
        ]}
      />
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.data.items.length === 0 ? (
        <PageState status="empty" title={flag === 'all' ? '暂无经销商订货记录' : '没有符合条件的经销商'} description="有订货记录的经销商会在这里打分。" />
      ) : null}
      {state.status === 'ok' && state.data.items.length > 0 ? (
        <View className="insights-card insights-health-list">
          {state.data.items.map((h) => (
            <View
              key={h.dealerId}
              className="insights-line insights-health-item"
              onClick={() => void Taro.navigateTo({ url: `/packages/insights/dealer/index?dealerId=${h.dealerId}` })}
            >
              <View className="insights-line-main">
                <Text>{h.dealerName}</Text>
                <Text className="insights-muted">
                  {h.regionName} · {h.levelName}
                </Text>
                <HealthFlags churnRisk={h.churnRisk} growthRoom={h.growthRoom} />
                {h.reasons.slice(0, 2).map((r) => (
                  <Text key={r.factor} className="insights-muted insights-reason">
                    {r.reason}
                  </Text>
                ))}
              </View>
              <Text className="insights-score" aria-label={`健康分 ${h.score}`}>
                {h.score}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
