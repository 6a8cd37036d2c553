import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { LEAD_PRIVACY, leadInputSchema, leadNoticeText } from '@shared/campaigns';
import type { CouponView } from '@shared/contracts';
import { call } from '../../../services/cloud';
import { PRIVACY_PATH } from '../format';

interface Lead {
  name: string;
  mobile: string;
  consent: boolean;
  error: string;
  busy: boolean;
}

/** The lead form's state: what was typed, the consent, the error to show, and whether it is being sent. */
function useLeadForm(scene: string, onDone: (c: CouponView) => void) {
  const [lead, setLead] = useState<Lead>({ name: '', mobile: '', consent: false, error: '', busy: false });
  const set = (patch: Partial<Lead>) => setLead((l) => ({ ...l, ...patch }));
  const submit = async () => {
    const checked = leadInputSchema.safeParse({ scene, name: lead.name, mobile: lead.mobile, consent: lead.consent });
    if (!checked.success) return set({ error: checked.error.issues[0]?.message ?? '请检查填写的内容' });
    set({ busy: true, error: '' });
    const input = { scene, name: checked.data.name, mobile: checked.data.mobile, consent: true as const, consentVersion: LEAD_PRIVACY.version };
    const res = await call('campaigns', 'lead', input);
    set({ busy: false, error: res.ok ? '' : res.error.message });
    if (res.ok) onDone(res.data.coupon);
  };
  const toggleConsent = () => setLead((l) => ({ ...l, consent: !l.consent }));
  return { lead, set, toggleConsent, submit };
}

/**
 * 留资: name, mobile and consent, checked with the same schema the server applies
 * (leadInputSchema) before sending. Not NutUI's Form: its rules would restate that schema in
 * another format, and the first issue the schema reports is the message to show. The notice says
 * purpose, retention and withdrawal before the box, which starts unticked (个人信息保护法 arts. 14, 17).
 */
export function LeadForm({ scene, onDone }: { scene: string; onDone: (c: CouponView) => void }) {
  const { lead, set, toggleConsent, submit } = useLeadForm(scene, onDone);
  return (
    <View className="campaign-card landing-form">
      <Text className="campaign-section-title">留下联系方式，领取优惠券</Text>
      <Input
        className="campaign-input landing-name"
        placeholder="您的称呼，如 陈女士"
        ariaLabel="您的称呼"
        maxlength={20}
        value={lead.name}
        onInput={(e) => set({ name: e.detail.value })}
      />
      <Input
        className="campaign-input landing-mobile"
        type="number"
        placeholder="手机号"
        ariaLabel="手机号"
        maxlength={11}
        value={lead.mobile}
        onInput={(e) => set({ mobile: e.detail.value })}
      />
      <Text className="campaign-muted landing-notice">{leadNoticeText()}</Text>
      <Text className="campaign-link landing-privacy-link" onClick={() => void Taro.navigateTo({ url: PRIVACY_PATH })}>
        查看《个人信息保护说明》
      </Text>
      <View className="landing-consent" {...consentRole(lead.consent)} onClick={toggleConsent}>
        <View className={lead.consent ? 'landing-consent-box landing-consent-box-on' : 'landing-consent-box'}>{lead.consent ? '✓' : ''}</View>
        <Text className="landing-consent-text">我已阅读并同意上述说明，同意品牌及推荐门店使用我的称呼和手机号发放优惠券、就本次活动联系我</Text>
      </View>
      {lead.error ? <Text className="campaign-error landing-error">{lead.error}</Text> : null}
      <Button className="landing-submit" type="primary" block loading={lead.busy} disabled={lead.busy} onClick={() => void submit()}>
        领取优惠券
      </Button>
    </View>
  );
}

/** A checkbox to assistive technology (H5): role and state as DOM attributes, which Taro's View passes through. */
function consentRole(checked: boolean): Record<string, string> {
  return { role: 'checkbox', 'aria-checked': String(checked) };
}
