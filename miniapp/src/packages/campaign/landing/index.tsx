import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CODE_PROBLEM_MESSAGES, parseCode } from '@shared/campaigns';
import type { CouponView, LandingView } from '@shared/contracts';
import { err } from '@shared/envelope';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import { couponValueText, decodeParam } from '../format';
import { CouponCard } from './CouponCard';
import { LeadForm } from './LeadForm';
import '../components/campaign.scss';
import './index.scss';

/**
 * The consumer's landing page, opened from a mini-program code (`scene`), a share card or a
 * link (`?scene=`): the campaign, who recommended it, a lead form and the coupon. A scene that
 * is not a code gets a kind page without asking the server.
 */
export default function LandingPage() {
  const scene = decodeParam(useRouter().params['scene']);
  const parsed = parseCode(scene);
  const { state, reload } = useCall<LandingView>(() =>
    parsed.ok
      ? call('campaigns', 'landing', { scene: parsed.code })
      : Promise.resolve(err('NOT_FOUND', CODE_PROBLEM_MESSAGES[parsed.problem], { details: { reason: parsed.problem } })),
  );
  return (
    <View className="page campaign-page landing">
      {state.status === 'loading' ? <PageState status="loading" rows={5} /> : null}
      {state.status === 'error' ? (
        state.error.code === 'NOT_FOUND' ? (
          <View className="landing-unknown">
            <PageState
              status="empty"
              title="活动码无法识别"
              description={state.error.message}
              action={
                <Button size="small" onClick={() => void Taro.switchTab({ url: '/pages/catalog/index' })}>
                  去逛逛
                </Button>
              }
            />
          </View>
        ) : (
          <PageState status="error" message={state.error.message} onRetry={() => void reload()} />
        )
      ) : null}
      {state.status === 'ok' ? <Landing view={state.data} onLead={() => void reload(true)} /> : null}
    </View>
  );
}

function Landing({ view, onLead }: { view: LandingView; onLead: () => void }) {
  const c = view.campaign;
  const [coupon, setCoupon] = useState<CouponView | null>(view.coupon);
  return (
    <View>
      <View className="campaign-card landing-hero">
        <Text className="campaign-title landing-title">{c.title}</Text>
        <Text className="campaign-muted">{c.summary}</Text>
        <Text className="campaign-muted">
          活动时间 {c.period.from} 至 {c.period.to}
        </Text>
        <Text className="campaign-muted landing-sharer">
          {view.dealerName} · 导购 {view.sharerName} 为您推荐
        </Text>
      </View>
      <View className="campaign-card landing-offer">
        <Text className="landing-offer-title">{c.coupon.title}</Text>
        <Text className="campaign-muted">
          {couponValueText(c.coupon)}，领取后 {c.coupon.validDays} 天内到店使用
        </Text>
      </View>
      {coupon ? (
        <CouponCard coupon={coupon} />
      ) : c.phase === 'running' ? (
        <LeadForm
          scene={view.code}
          onDone={(cp) => {
            setCoupon(cp);
            onLead();
          }}
        />
      ) : (
        <View className="campaign-card landing-closed">
          <Text className="campaign-section-title">{c.phase === 'scheduled' ? `活动将于 ${c.period.from} 开始` : '活动已结束，感谢关注'}</Text>
        </View>
      )}
    </View>
  );
}
