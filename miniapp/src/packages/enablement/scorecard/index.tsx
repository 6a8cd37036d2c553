import { Text, View } from '@tarojs/components';
import type { ScorecardView } from '@shared/contracts/lifecycle';
import type { Metric } from '@shared/rating/types';
import { PageState } from '../../../components/PageState';
import { useScorecards } from './useScorecards';
import './index.scss';

const METRIC_LABELS: Record<Metric, string> = {
  attainment: '目标达成',
  growth: '增长',
  payment: '回款及时',
  regularity: '订货规律',
  campaigns: '活动参与',
  customers: '新增客户',
};

/**
 * 我的评级: the latest monthly scorecard — rating, score, each measure with its weight and the
 * reason — and the ratings of the months before it.
 */
export default function ScorecardPage() {
  const { state, reload } = useScorecards();
  if (state.status === 'loading') return <PageState status="loading" rows={4} />;
  if (state.status === 'error') return <PageState status="error" message={state.message} onRetry={() => void reload()} />;
  const [latest, ...history] = state.items;
  if (!latest) return <PageState status="empty" title="还没有评级" description="每月 1 日根据上月的订货、回款、活动和客户数据生成评分卡。" />;
  return (
    <View className="page page-scorecard">
      <Latest card={latest} />
      {history.length > 0 ? (
        <View className="card score-history">
          <Text className="score-history-title">历史评级</Text>
          {history.map((c) => (
            <View key={c.id} className="score-history-row">
              <Text>{c.month}</Text>
              <Text>
                {c.rating} · {c.score} 分
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

function Latest({ card }: { card: ScorecardView }) {
  return (
    <View className="card score-latest">
      <View className="score-head">
        <Text className={`score-rating score-rating-${card.rating}`}>{card.rating}</Text>
        <Text className="score-total">
          {card.month} 综合得分 {card.score}
        </Text>
      </View>
      {card.proposedLevel ? <Text className="score-proposal">评级建议调整等级为 {card.proposedLevel} 级，待渠道经理确认</Text> : null}
      {card.metrics.map((m) => (
        <View key={m.metric} className="score-metric">
          <Text className="score-metric-name">
            {METRIC_LABELS[m.metric]}（权重 {m.weightBp / 100}%）
          </Text>
          <Text className="score-metric-score">{m.score} 分</Text>
          <Text className="score-metric-reason">{m.reason}</Text>
        </View>
      ))}
      {card.reasons.slice(0, 2).map((r) => (
        <Text key={r} className="score-reason">
          {r}
        </Text>
      ))}
    </View>
  );
}
