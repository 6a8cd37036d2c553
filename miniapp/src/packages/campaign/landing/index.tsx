import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button, Checkbox } from '@nutui/nutui-react-taro';
import { CODE_PROBLEM_MESSAGES, groupCouponCode, leadInputSchema, parseCode } from '@shared/campaigns';
import type { CouponView, LandingView } from '@shared/contracts';
import { err } from '@shared/envelope';
import { formatShanghai } from '@shared/time';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import { QrGrid } from '../components/QrGrid';
import { couponValueText, decodeParam } from '../format';
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
    parsed.ok ? call('campaigns', 'landing', { scene: parsed.code }) : Promise.resolve(err('NOT_FOUND', CODE_PROBLEM_MESSAGES[parsed.problem], { details: { reason: parsed.problem } })),
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

function LeadForm({ scene, onDone }: { scene: string; onDone: (c: CouponView) => void }) {
  const [name, setName] = useState('');
  const [mobile, setMobile] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const input = { scene, name, mobile, consent };
    const checked = leadInputSchema.safeParse(input);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? '请检查填写的内容');
      return;
    }
    setBusy(true);
    setError('');
    const res = await call('campaigns', 'lead', { scene, name: checked.data.name, mobile: checked.data.mobile, consent: true });
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    onDone(res.data.coupon);
  };

  return (
    <View className="campaign-card landing-form">
      <Text className="campaign-section-title">留下联系方式，领取优惠券</Text>
      <Input className="campaign-input landing-name" placeholder="您的称呼，如 陈女士" maxlength={20} value={name} onInput={(e) => setName(e.detail.value)} />
      <Input className="campaign-input landing-mobile" type="number" placeholder="手机号" maxlength={11} value={mobile} onInput={(e) => setMobile(e.detail.value)} />
      <View className="landing-consent" onClick={() => setConsent(!consent)}>
        <Checkbox className="landing-consent-box" checked={consent} />
        <Text className="campaign-muted landing-consent-text">我同意品牌及推荐门店使用以上信息联系我，提供活动与售后服务</Text>
      </View>
      {error ? <Text className="campaign-error landing-error">{error}</Text> : null}
      <Button className="landing-submit" type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
        领取优惠券
      </Button>
    </View>
  );
}

const COUPON_STATUS: Record<CouponView['status'], string> = { issued: '待使用', redeemed: '已使用', expired: '已过期' };

function CouponCard({ coupon }: { coupon: CouponView }) {
  return (
    <View className={`campaign-card landing-coupon landing-coupon-${coupon.status}`}>
      <View className="campaign-row">
        <Text className="campaign-section-title">{coupon.title}</Text>
        <Text className="landing-coupon-status">{COUPON_STATUS[coupon.status]}</Text>
      </View>
      <Text className="campaign-muted">到 {coupon.dealerName} 出示此券，由店员扫码核销</Text>
      <View className="landing-coupon-qr">
        <QrGrid text={coupon.couponCode} />
      </View>
      <Text className="landing-coupon-code">{groupCouponCode(coupon.couponCode)}</Text>
      <Text className="campaign-muted">有效期至 {formatShanghai(coupon.expiresAt, 'date')}</Text>
    </View>
  );
}
