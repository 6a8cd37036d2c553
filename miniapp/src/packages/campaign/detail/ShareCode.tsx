import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CampaignDetail, ShareKit } from '@shared/contracts';
import { PhaseTag } from '../components/PhaseTag';
import { couponValueText, LANDING_PATH } from '../format';

/** The campaign in brief: title, phase, summary, dates and the coupon it gives. */
export function CampaignHead({ campaign: c }: { campaign: CampaignDetail }) {
  return (
    <View className="campaign-card">
      <View className="campaign-row">
        <Text className="campaign-title campaign-detail-title">{c.title}</Text>
        <PhaseTag phase={c.phase} label={c.phaseLabel} />
      </View>
      <Text className="campaign-muted">{c.summary}</Text>
      <Text className="campaign-muted">
        {c.period.from} 至 {c.period.to} · {c.coupon.title}（{couponValueText(c.coupon)}）
      </Text>
    </View>
  );
}

/** The link to the clipboard, and a toast saying so (Taro's own 内容已复制 toast is not shown on H5). */
async function copyLink(link: string, said: string): Promise<void> {
  await Taro.setClipboardData({ data: link });
  void Taro.showToast({ title: said, icon: 'none' });
}

/** 我的活动码: the sharer's own mini-program code, the share button and the landing link to copy. */
export function ShareCode({ share }: { share: ShareKit }) {
  const landingLink =
    process.env.TARO_ENV === 'h5' && typeof location !== 'undefined'
      ? `${location.origin}${location.pathname}#${LANDING_PATH}?scene=${share.code}`
      : `${LANDING_PATH}?scene=${share.code}`;
  return (
    <View className="campaign-card campaign-code-card">
      <Text className="campaign-section-title">我的活动码</Text>
      <View className="campaign-code-box">
        <Image className="campaign-code-image" src={share.qrUrl} mode="aspectFit" showMenuByLongpress nativeProps={{ alt: `我的活动码 ${share.code}` }} />
        <View className="campaign-code-side">
          <Text className="campaign-code-text">{share.code}</Text>
          <Text className="campaign-muted">顾客扫码进入活动页，访问、留资和到店核销都会记在你名下</Text>
          <Text className="campaign-muted campaign-code-owner">
            {share.dealerName} · {share.sharerName}
          </Text>
        </View>
      </View>
      <View className="campaign-actions">
        {process.env.TARO_ENV === 'h5' ? (
          // A browser has no WeChat share sheet: the link goes to the clipboard to paste into a chat.
          <Button className="campaign-share" type="primary" onClick={() => void copyLink(landingLink, '链接已复制，粘贴发给好友即可')}>
            分享给好友
          </Button>
        ) : (
          <Button className="campaign-share" type="primary" openType="share">
            分享给好友
          </Button>
        )}
        <Button className="campaign-copy-link" onClick={() => void copyLink(landingLink, '活动链接已复制')}>
          复制活动链接
        </Button>
      </View>
      <Text className="campaign-muted campaign-landing-link">{landingLink}</Text>
    </View>
  );
}
