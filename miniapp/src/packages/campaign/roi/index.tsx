import Taro, { useRouter, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RoiView } from '@shared/contracts/campaign-roi';
import { err } from '@shared/envelope';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import { decodeParam } from '../format';
import { ClerkRow, DealerRow, Money } from './RoiParts';
import '../components/campaign.scss';
import './index.scss';

/**
 * 投入产出 (?id=, brand admins): the campaign's ROI per dealer and clerk, best first, with where to
 * move budget and the rules the figures follow (campaigns.roi). Sharers see their own numbers on
 * 推广数据 instead: never a cost.
 */
export default function RoiPage() {
  const id = decodeParam(useRouter().params['id']);
  const { state, reload } = useCall<RoiView>(() =>
    id ? call('campaigns', 'roi', { campaignId: id }) : Promise.resolve(err('INVALID_INPUT', '没有指定活动，请从活动列表进入')),
  );
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page campaign-page roi">
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.data.scope !== 'all' ? (
        <PageState status="empty" title="投入产出只对品牌开放" description="你的推广数据在「推广数据」里查看。" />
      ) : null}
      {state.status === 'ok' && state.data.scope === 'all' ? <Roi view={state.data} /> : null}
    </View>
  );
}

function Roi({ view }: { view: Extract<RoiView, { scope: 'all' }> }) {
  const { roi: r, campaign: c } = view;
  return (
    <View>
      <View className="campaign-card">
        <Text className="campaign-title roi-title">{c.title}</Text>
        <Text className="campaign-muted">
          {c.phaseLabel} · {c.period.from} 至 {c.period.to}
        </Text>
        <Money m={r.totals} />
      </View>
      <View className="campaign-card roi-suggestions">
        <Text className="campaign-section-title">预算调整建议</Text>
        {r.suggestions.length === 0 ? <Text className="campaign-muted">各经销商投入产出相近，暂无调整建议</Text> : null}
        {r.suggestions.map((s) => (
          <Text key={`${s.fromDealerId}:${s.toDealerId}`} className="roi-suggestion">
            {s.text}
          </Text>
        ))}
      </View>
      <View className="campaign-card">
        <Text className="campaign-section-title">经销商排名</Text>
        {r.dealers.length === 0 ? <Text className="campaign-muted">还没有经销商分享这个活动</Text> : null}
        {r.dealers.map((d) => (
          <DealerRow key={d.dealerId} d={d} />
        ))}
      </View>
      <View className="campaign-card">
        <Text className="campaign-section-title">导购排名</Text>
        {r.clerks.map((x) => (
          <ClerkRow key={x.code} c={x} />
        ))}
      </View>
      <View className="campaign-card roi-rules">
        <Text className="campaign-section-title">口径</Text>
        {view.rules.map((rule) => (
          <Text key={rule} className="campaign-muted roi-rule">
            {rule}
          </Text>
        ))}
      </View>
    </View>
  );
}
