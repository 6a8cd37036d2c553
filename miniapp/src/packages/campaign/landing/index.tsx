import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { CODE_PROBLEM_MESSAGES, LEAD_PRIVACY, parseCode } from '@shared/campaigns';
import type { ConsentView, CouponView, LandingView } from '@shared/contracts';
import { err } from '@shared/envelope';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { knownMe, loadMe } from '../../../services/session';
import { audienceOf, homeTab, TAB_URLS } from '../../../services/tabs';
import { useCall } from '../../../services/useCall';
import { couponValueText, decodeParam } from '../format';
import { CouponCard } from './CouponCard';
import { LeadForm } from './LeadForm';
import { useLinkMe } from './useLinkMe';
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
  useLinkMe();
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
                <Button className="landing-home" onClick={() => void goHome()}>
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

/** 去逛逛: the caller's home tab (a consumer's is 我的; the catalog is for dealers and would only explain itself). */
async function goHome(): Promise<void> {
  const me = knownMe() ?? (await loadMe().then((r) => (r.ok ? r.data : null)));
  await Taro.switchTab({ url: TAB_URLS[homeTab(me ? audienceOf(me) : 'guest')] });
}

/** 撤回同意: asked once more, then the number is deleted by the function; the coupon stays. */
async function withdraw(campaignId: string): Promise<ConsentView | null> {
  const sure = await Taro.showModal({
    title: '撤回同意',
    content: '撤回后将立即删除您留下的手机号，门店不会再就本次活动联系您；优惠券仍可使用。',
    confirmText: '撤回',
  });
  if (!sure.confirm) return null;
  const res = await call('campaigns', 'withdrawConsent', { campaignId });
  void Taro.showToast({ title: res.ok ? '已撤回，手机号已删除' : res.error.message, icon: res.ok ? 'success' : 'none' });
  return res.ok ? res.data.consent : null;
}

function Landing({ view, onLead }: { view: LandingView; onLead: () => void }) {
  const c = view.campaign;
  const [coupon, setCoupon] = useState<CouponView | null>(view.coupon);
  const [consent, setConsent] = useState<ConsentView | null>(view.consent);
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
        <CouponCard coupon={coupon} store={view.store} consent={consent} onWithdraw={() => void withdraw(c.id).then((done) => done && setConsent(done))} />
      ) : c.phase === 'running' ? (
        <LeadForm
          scene={view.code}
          onDone={(cp) => {
            setCoupon(cp);
            // Consent is recorded with the lead, at the coupon's issue time.
            setConsent({ version: LEAD_PRIVACY.version, at: cp.issuedAt, withdrawnAt: null });
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
