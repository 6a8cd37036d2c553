import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button, Cell } from '@nutui/nutui-react-taro';
import type { CampaignSummary, MeOutput } from '@shared/contracts';
import type { Envelope } from '@shared/envelope';
import { PageState } from '../../../components/PageState';
import { usePagedList } from '../../../hooks/usePagedList';
import { call } from '../../../services/cloud';
import { PhaseTag } from '../components/PhaseTag';
import '../components/campaign.scss';
import './index.scss';

/** campaigns.list as one page (it is not paged), with whether the caller shares riding along. */
interface ListData {
  items: CampaignSummary[];
  nextCursor: null;
  /** Dealers and clerks share; brand staff look at the figures. */
  sharer: boolean;
}

async function load(): Promise<Envelope<ListData>> {
  const [list, me] = await Promise.all([call('campaigns', 'list'), call('users', 'me')]);
  if (!list.ok) return list;
  const who: MeOutput | null = me.ok ? me.data : null;
  const sharer = !!who && who.registered && (who.role === 'clerk' || who.role === 'dealer');
  return { ok: true, data: { items: list.data.items, nextCursor: null, sharer } };
}

/** 活动推广: the campaigns the caller may share (dealers, clerks) or watch (managers, admins). */
export default function CampaignListPage() {
  const { state, reload } = usePagedList<ListData>({ fetch: load, keyOf: (c) => c.id });
  return (
    <View className="page campaign-page campaign-list">
      {state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' ? (
        <View>
          {state.first.sharer ? (
            <View className="campaign-card campaign-row">
              <Text className="campaign-muted">顾客到店出示优惠券时，在这里核销并登记消费金额</Text>
              <Button className="campaign-redeem-entry" type="primary" onClick={() => void Taro.navigateTo({ url: '/packages/campaign/redeem/index' })}>
                到店核销
              </Button>
            </View>
          ) : null}
          {state.items.length === 0 ? (
            <PageState status="empty" title="暂无可推广的活动" description="品牌方发布活动后会出现在这里" />
          ) : (
            <Cell.Group className="campaign-list-group">
              {state.items.map((c) => (
                <Cell
                  key={c.id}
                  className={`campaign-item campaign-item-${c.id}`}
                  title={
                    <View className="campaign-item-title">
                      <Text className="campaign-item-name">{c.title}</Text>
                      <PhaseTag phase={c.phase} label={c.phaseLabel} />
                    </View>
                  }
                  description={`${c.period.from} 至 ${c.period.to} · ${c.couponTitle}`}
                  extra={state.first.sharer && c.phase !== 'over' ? '去分享' : '看数据'}
                  onClick={() =>
                    void Taro.navigateTo({
                      url:
                        state.first.sharer && c.phase !== 'over' ? `/packages/campaign/detail/index?id=${c.id}` : `/packages/campaign/funnel/index?id=${c.id}`,
                    })
                  }
                />
              ))}
            </Cell.Group>
          )}
        </View>
      ) : null}
    </View>
  );
}
