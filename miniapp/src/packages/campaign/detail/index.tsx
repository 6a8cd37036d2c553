import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CampaignDetail, ShareKit } from '@shared/contracts';
import type { Envelope } from '@shared/envelope';
import { err } from '@shared/envelope';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import { decodeParam, LANDING_PATH } from '../format';
import { PosterCard } from './PosterCard';
import { CampaignHead, ShareCode } from './ShareCode';
import { WecomCode } from './WecomCode';
import '../components/campaign.scss';
import './index.scss';

interface Kit {
  campaign: CampaignDetail;
  share: ShareKit;
}

async function load(id: string): Promise<Envelope<Kit>> {
  if (!id) return err('INVALID_INPUT', '没有指定活动，请从活动列表进入');
  const [campaign, share] = await Promise.all([call('campaigns', 'get', { campaignId: id }), call('campaigns', 'myCode', { campaignId: id })]);
  if (!campaign.ok) return campaign;
  if (!share.ok) return share;
  return { ok: true, data: { campaign: campaign.data, share: share.data } };
}

/** 活动分享 (?id=): the sharer's own mini-program code, a poster to save, copy texts and the share card. */
export default function CampaignDetailPage() {
  const id = decodeParam(useRouter().params['id']);
  const { state, reload } = useCall(() => load(id));
  const kit = state.status === 'ok' ? state.data : null;

  useShareAppMessage(() => ({
    title: kit?.campaign.share.title ?? '青禾活动',
    path: kit ? `${LANDING_PATH}?scene=${kit.share.code}` : LANDING_PATH,
    ...(kit?.campaign.share.imageUrl ? { imageUrl: kit.campaign.share.imageUrl } : {}),
  }));

  return (
    <View className="page campaign-page campaign-detail">
      {state.status === 'loading' ? <PageState status="loading" rows={6} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {kit ? <Detail kit={kit} /> : null}
    </View>
  );
}

function Detail({ kit: { campaign: c, share } }: { kit: Kit }) {
  return (
    <View>
      <CampaignHead campaign={c} />
      <ShareCode share={share} />
      <WecomCode campaignId={c.id} />
      <PosterCard campaign={c} share={share} />
      <View className="campaign-card">
        <Text className="campaign-section-title">推广文案（点击复制）</Text>
        {c.copyTexts.map((text, i) => (
          <View key={i} className={`campaign-copy campaign-copy-${i}`} onClick={() => void Taro.setClipboardData({ data: text })}>
            <Text className="campaign-copy-text">{text}</Text>
            <Text className="campaign-copy-action">复制</Text>
          </View>
        ))}
      </View>
      <View className="campaign-card campaign-row">
        <Button className="campaign-funnel-link" block onClick={() => void Taro.navigateTo({ url: `/packages/campaign/funnel/index?id=${c.id}` })}>
          我的推广数据
        </Button>
      </View>
    </View>
  );
}
