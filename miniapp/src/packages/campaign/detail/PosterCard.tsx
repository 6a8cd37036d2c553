import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Canvas, Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { CampaignDetail, ShareKit } from '@shared/contracts';
import { savePoster } from './poster';
import { usePoster } from './usePoster';

const CANVAS_ID = 'campaign-poster-canvas';

/**
 * 活动海报: the poster of the chosen template with the sharer's code, to save to the album. The
 * template choice is a row of chips rather than NutUI's Tabs: it picks what one canvas draws, it
 * does not switch between panes of content.
 */
export function PosterCard({ campaign: c, share }: { campaign: CampaignDetail; share: ShareKit }) {
  const [posterIndex, setPosterIndex] = useState(0);
  const template = c.posters[posterIndex] ?? c.posters[0]!;
  const poster = usePoster(CANVAS_ID, template, c, share);
  const save = (image: string) =>
    void savePoster(image, `${c.id}-${share.code}`).then(
      () => Taro.showToast({ title: process.env.TARO_ENV === 'h5' ? '海报已下载' : '已保存到相册', icon: 'success' }),
      () => Taro.showToast({ title: '保存失败，请允许保存到相册后重试', icon: 'none' }),
    );
  return (
    <View className="campaign-card campaign-poster-card">
      <View className="campaign-row">
        <Text className="campaign-section-title">活动海报</Text>
        {c.posters.length > 1 ? (
          <View className="campaign-poster-tabs">
            {c.posters.map((p, i) => (
              <Text
                key={p.id}
                className={i === posterIndex ? 'campaign-poster-tab campaign-poster-tab-on' : 'campaign-poster-tab'}
                onClick={() => setPosterIndex(i)}
              >
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
          <Image className="campaign-poster-image" src={poster.image} mode="widthFix" showMenuByLongpress nativeProps={{ alt: `活动海报：${c.title}` }} />
          <Button className="campaign-poster-save" type="primary" block onClick={() => save(poster.image)}>
            保存海报到相册
          </Button>
        </View>
      ) : null}
    </View>
  );
}
