import Taro, { useRouter, usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { FunnelLine } from '@shared/campaigns';
import { formatRate } from '@shared/campaigns';
import type { FunnelView } from '@shared/contracts';
import { err } from '@shared/envelope';
import { formatFen } from '@shared/money/format-fen';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import { decodeParam } from '../format';
import '../components/campaign.scss';
import './index.scss';

const SCOPE: Record<FunnelView['scope'], string> = { own: '我的推广', dealer: '本店导购', regions: '负责大区', all: '全部经销商' };

/** 推广数据 (?id=): the campaign's funnel as the caller may see it, by dealer and by sharer. */
export default function FunnelPage() {
  const id = decodeParam(useRouter().params['id']);
  const { state, reload } = useCall<FunnelView>(() =>
    id ? call('campaigns', 'funnel', { campaignId: id }) : Promise.resolve(err('INVALID_INPUT', '没有指定活动，请从活动列表进入')),
  );
  usePullDownRefresh(() => {
    void reload(true).finally(() => Taro.stopPullDownRefresh());
  });
  return (
    <View className="page campaign-page funnel">
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? <Funnel view={state.data} /> : null}
    </View>
  );
}

function Figures({ line, className }: { line: FunnelLine; className?: string }) {
  const cells: Array<[string, string, string]> = [
    ['visits', '访问', String(line.visits)],
    ['unique', '独立访客', String(line.uniqueVisitors)],
    ['leads', '留资', String(line.leads)],
    ['redemptions', '核销', String(line.redemptions)],
    ['sales', '销售额', formatFen(line.sales)],
    ['lead-rate', '留资率', formatRate(line.leadRate)],
    ['redemption-rate', '核销率', formatRate(line.redemptionRate)],
  ];
  return (
    <View className={`funnel-figures ${className ?? ''}`}>
      {cells.map(([key, label, value]) => (
        <View key={key} className={`funnel-figure funnel-${key}`}>
          <Text className="funnel-value">{value}</Text>
          <Text className="funnel-label">{label}</Text>
        </View>
      ))}
    </View>
  );
}

function Funnel({ view }: { view: FunnelView }) {
  const { funnel: f, campaign: c } = view;
  return (
    <View>
      <View className="campaign-card">
        <Text className="campaign-title funnel-title">{c.title}</Text>
        <Text className="campaign-muted">
          {SCOPE[view.scope]} · {c.phaseLabel} · {c.period.from} 至 {c.period.to}
        </Text>
        <Figures line={f.totals} className="funnel-totals" />
        {f.totals.roi !== null && f.totals.cost !== null ? (
          <Text className="campaign-muted funnel-roi">
            活动成本 {formatFen(f.totals.cost)} · 投资回报率 {formatRate(f.totals.roi)}
          </Text>
        ) : null}
        {view.scope === 'all' ? (
          <Text className="funnel-roi-link" onClick={() => void Taro.navigateTo({ url: `/packages/campaign/roi/index?id=${encodeURIComponent(c.id)}` })}>
            按经销商、导购看投入产出 ›
          </Text>
        ) : null}
      </View>
      {view.scope !== 'own' && f.byDealer.length > 0 ? (
        <View className="campaign-card">
          <Text className="campaign-section-title">按经销商</Text>
          {f.byDealer.map((d) => (
            <View key={d.dealerId} className={`funnel-row funnel-dealer funnel-dealer-${d.dealerId}`}>
              <Text className="funnel-row-name">
                {d.dealerName}（{d.sharers} 人）
              </Text>
              <Figures line={d} />
            </View>
          ))}
        </View>
      ) : null}
      <View className="campaign-card">
        <Text className="campaign-section-title">按导购</Text>
        {f.bySharer.length === 0 ? <Text className="campaign-muted funnel-empty">还没有数据：分享活动码后，顾客的访问、留资和核销会显示在这里</Text> : null}
        {f.bySharer.map((s) => (
          <View key={s.code} className={`funnel-row funnel-sharer funnel-sharer-${s.clerkId}`}>
            <Text className="funnel-row-name">
              {s.clerkName} · {s.dealerName}
            </Text>
            <Figures line={s} />
          </View>
        ))}
      </View>
    </View>
  );
}
