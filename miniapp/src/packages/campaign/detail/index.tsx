import { useEffect, useState } from 'react';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Canvas, Image, Text, View } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { layoutPoster } from '@shared/campaigns';
import type { CampaignDetail, ContactWayOutput, ShareKit } from '@shared/contracts';
import type { Envelope } from '@shared/envelope';
import { err } from '@shared/envelope';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import { couponValueText, decodeParam, LANDING_PATH } from '../format';
import { drawPoster, localImageOf, savePoster } from './poster';
import '../components/campaign.scss';
import './index.scss';

const CANVAS_ID = 'campaign-poster-canvas';

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

function Detail({ kit }: { kit: Kit }) {
  const { campaign: c, share } = kit;
  const [posterIndex, setPosterIndex] = useState(0);
  const [poster, setPoster] = useState<{ status: 'drawing' } | { status: 'ready'; image: string } | { status: 'failed'; message: string }>({ status: 'drawing' });
  const template = c.posters[posterIndex] ?? c.posters[0]!;
  const landingLink = process.env.TARO_ENV === 'h5' && typeof location !== 'undefined' ? `${location.origin}${location.pathname}#${LANDING_PATH}?scene=${share.code}` : `${LANDING_PATH}?scene=${share.code}`;

  useEffect(() => {
    let live = true;
    setPoster({ status: 'drawing' });
    // Let the canvas mount before drawing on it.
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const codeImage = await localImageOf(share.qrFileId, share.qrUrl);
          const layout = layoutPoster(template, { title: c.title, dealerName: share.dealerName, sharerName: share.sharerName, codeImage });
          const image = await drawPoster(CANVAS_ID, layout);
          if (live) setPoster({ status: 'ready', image });
        } catch (e) {
          if (live) setPoster({ status: 'failed', message: '海报生成失败，可长按保存上方的小程序码分享' });
          if (process.env.NODE_ENV !== 'production') console.warn('[poster]', e);
        }
      })();
    }, 50);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [template, c.title, share]);

  const copy = (text: string) => void Taro.setClipboardData({ data: text });

  return (
    <View>
      <View className="campaign-card">
        <View className="campaign-row">
          <Text className="campaign-title campaign-detail-title">{c.title}</Text>
          <Tag type={c.phase === 'running' ? 'success' : 'primary'}>{c.phaseLabel}</Tag>
        </View>
        <Text className="campaign-muted">{c.summary}</Text>
        <Text className="campaign-muted">
          {c.period.from} 至 {c.period.to} · {c.coupon.title}（{couponValueText(c.coupon)}）
        </Text>
      </View>

      <View className="campaign-card campaign-code-card">
        <Text className="campaign-section-title">我的活动码</Text>
        <View className="campaign-code-box">
          <Image className="campaign-code-image" src={share.qrUrl} mode="aspectFit" showMenuByLongpress />
          <View className="campaign-code-side">
            <Text className="campaign-code-text">{share.code}</Text>
            <Text className="campaign-muted">顾客扫码进入活动页，访问、留资和到店核销都会记在你名下</Text>
            <Text className="campaign-muted campaign-code-owner">
              {share.dealerName} · {share.sharerName}
            </Text>
          </View>
        </View>
        <View className="campaign-actions">
          <Button className="campaign-share" type="primary" openType="share" size="small">
            分享给好友
          </Button>
          <Button className="campaign-copy-link" size="small" onClick={() => copy(landingLink)}>
            复制活动链接
          </Button>
        </View>
        <Text className="campaign-muted campaign-landing-link">{landingLink}</Text>
      </View>

      <WecomCode campaignId={c.id} />

      <View className="campaign-card campaign-poster-card">
        <View className="campaign-row">
          <Text className="campaign-section-title">活动海报</Text>
          {c.posters.length > 1 ? (
            <View className="campaign-poster-tabs">
              {c.posters.map((p, i) => (
                <Text key={p.id} className={i === posterIndex ? 'campaign-poster-tab campaign-poster-tab-on' : 'campaign-poster-tab'} onClick={() => setPosterIndex(i)}>
                  {p.name}
                </Text>
              ))}
            </View>
          ) : null}
        </View>
        <Canvas type="2d" id={CANVAS_ID} className="campaign-poster-canvas" style={{ width: `${template.width}px`, height: `${template.height}px` }} />
        {poster.status === 'drawing' ? <Text className="campaign-muted campaign-poster-drawing">海报生成中…</Text> : null}
        {poster.status === 'failed' ? <Text className="campaign-error campaign-poster-failed">{poster.message}</Text> : null}
        {poster.status === 'ready' ? (
          <View className="campaign-poster-ready">
            <Image className="campaign-poster-image" src={poster.image} mode="widthFix" showMenuByLongpress />
            <Button
              className="campaign-poster-save"
              type="primary"
              block
              onClick={() =>
                void savePoster(poster.image, `${c.id}-${share.code}`).then(
                  () => Taro.showToast({ title: process.env.TARO_ENV === 'h5' ? '海报已下载' : '已保存到相册', icon: 'success' }),
                  () => Taro.showToast({ title: '保存失败，请允许保存到相册后重试', icon: 'none' }),
                )
              }
            >
              保存海报到相册
            </Button>
          </View>
        ) : null}
      </View>

      <View className="campaign-card">
        <Text className="campaign-section-title">推广文案（点击复制）</Text>
        {c.copyTexts.map((text, i) => (
          <View key={i} className={`campaign-copy campaign-copy-${i}`} onClick={() => copy(text)}>
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

/**
 * 企业微信二维码: the sharer's own 「联系我」 code for this campaign, made on request (once). A
 * customer who scans it adds the sharer on WeCom and is counted to this campaign.
 */
function WecomCode({ campaignId }: { campaignId: string }) {
  const [way, setWay] = useState<{ status: 'idle' | 'making' } | { status: 'ready'; data: ContactWayOutput } | { status: 'failed'; message: string }>({ status: 'idle' });
  const make = async () => {
    setWay({ status: 'making' });
    const res = await call('wecom', 'contactWay', { campaignId });
    setWay(res.ok ? { status: 'ready', data: res.data } : { status: 'failed', message: res.error.message });
  };
  return (
    <View className="campaign-card campaign-wecom-card">
      <Text className="campaign-section-title">企业微信二维码</Text>
      <Text className="campaign-muted">顾客扫码加你为企业微信好友，客户会记入本活动和你名下，并自动打上渠道、导购、活动标签</Text>
      {way.status === 'ready' ? (
        <View className="campaign-code-box">
          <Image className="campaign-code-image campaign-wecom-image" src={way.data.qrCode} mode="aspectFit" showMenuByLongpress />
          <View className="campaign-code-side">
            <Text className="campaign-muted">长按图片保存，或发给顾客扫码添加</Text>
            <Text className="campaign-muted campaign-wecom-state">活动码 {way.data.code}</Text>
          </View>
        </View>
      ) : (
        <View className="campaign-actions">
          <Button className="campaign-wecom-make" size="small" loading={way.status === 'making'} disabled={way.status === 'making'} onClick={() => void make()}>
            {way.status === 'making' ? '生成中…' : '生成我的企业微信二维码'}
          </Button>
        </View>
      )}
      {way.status === 'failed' ? <Text className="campaign-error campaign-wecom-failed">{way.message}</Text> : null}
    </View>
  );
}
