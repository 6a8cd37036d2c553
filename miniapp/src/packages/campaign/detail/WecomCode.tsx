import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import type { ContactWayOutput } from '@shared/contracts';
import { call } from '../../../services/cloud';

/**
 * 企业微信二维码: the sharer's own 「联系我」 code for this campaign, made on request (once). A
 * customer who scans it adds the sharer on WeCom and is counted to this campaign.
 */
export function WecomCode({ campaignId }: { campaignId: string }) {
  const [way, setWay] = useState<{ status: 'idle' | 'making' } | { status: 'ready'; data: ContactWayOutput } | { status: 'failed'; message: string }>({
    status: 'idle',
  });
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
