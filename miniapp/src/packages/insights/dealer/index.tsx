import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageState } from '../../../components/PageState';
import { useCall } from '../../../services/useCall';
import { insightsCall } from '../api';
import { HealthFlags } from '../components/HealthFlags';
import { LinksSection, MonthsSection } from './DealerSections';
import '../insights.scss';

/**
 * One dealer for its manager (?dealerId=): health 0–100 with every reason, its open alerts, 12
 * months ordered, its main products and latest orders, and the way to its 对账单, 返利结算 and
 * master data.
 */
export default function DealerInsightPage() {
  const dealerId = useRouter().params['dealerId'] ?? '';
  const { state, reload } = useCall(() => insightsCall('dealerInsight', { dealerId }));
  if (state.status === 'loading') return <PageState status="loading" rows={5} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  const { dealer, health, alerts } = state.data;
  return (
    <View className="page page-insights-dealer">
      <View className="insights-card insights-dealer-head">
        <View className="insights-row">
          <View className="insights-line-main">
            <Text className="insights-title insights-dealer-name">{dealer.name}</Text>
            <Text className="insights-muted">
              {dealer.regionName} · {dealer.levelName}
            </Text>
          </View>
          {health ? (
            <Text className="insights-score insights-dealer-score" aria-label={`健康分 ${health.score}`}>
              {health.score}
            </Text>
          ) : null}
        </View>
        {health ? (
          <HealthFlags churnRisk={health.churnRisk} growthRoom={health.growthRoom} />
        ) : (
          <Text className="insights-muted">近一年没有订货，暂无健康分</Text>
        )}
        {health?.reasons.map((r) => (
          <Text key={r.factor} className="insights-muted insights-reason">
            {r.reason}
          </Text>
        ))}
      </View>
      {alerts.length ? (
        <View className="insights-card insights-dealer-alerts">
          <Text className="insights-title">待处理预警</Text>
          {alerts.map((a) => (
            <Text
              key={a.id}
              className="insights-link insights-dealer-alert"
              onClick={() => void Taro.navigateTo({ url: `/packages/insights/alerts/detail/index?id=${encodeURIComponent(a.id)}` })}
            >
              {a.title} ›
            </Text>
          ))}
        </View>
      ) : null}
      <MonthsSection view={state.data} />
      <LinksSection view={state.data} />
    </View>
  );
}
