import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import type { ScriptItem } from '@shared/contracts';
import { PageState } from '../../../components/PageState';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';
import './index.scss';

/**
 * 话术库: the brand's standard texts (and images) for the campaigns a clerk may share. 复制 puts the
 * text on the clipboard (wx.setClipboardData,
 * https://developers.weixin.qq.com/miniprogram/dev/api/device/clipboard/wx.setClipboardData.html)
 * to paste into a WeCom chat, and counts the use.
 */
export default function ScriptsPage() {
  const { state, reload } = useCall(() => call('wecom', 'scripts', {}));
  const [copied, setCopied] = useState<Record<string, number>>({});

  async function copy(s: ScriptItem) {
    await Taro.setClipboardData({ data: s.text });
    const res = await call('wecom', 'scriptUse', { scriptId: s.scriptId });
    if (res.ok) setCopied((c) => ({ ...c, [s.scriptId]: res.data.uses }));
  }

  if (state.status === 'loading') return <PageState status="loading" rows={3} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  if (state.data.items.length === 0) return <PageState status="empty" title="暂时没有话术" description="总部为进行中的活动准备的标准话术会出现在这里。" />;
  return (
    <View className="page page-scripts">
      {state.data.items.map((s) => (
        <View key={s.scriptId} className={`card script script-${s.scriptId}`}>
          <Text className="script-campaign muted">{s.campaignTitle}</Text>
          <Text className="script-title">{s.title}</Text>
          <Text className="script-text" userSelect>
            {s.text}
          </Text>
          {s.images.length > 0 ? (
            <View className="script-images">
              {s.images.map((src) => (
                <Image
                  key={src}
                  className="script-image"
                  src={src}
                  mode="aspectFill"
                  onClick={() => void Taro.previewImage({ urls: s.images, current: src })}
                />
              ))}
            </View>
          ) : null}
          <View className="script-foot">
            <Text className="script-uses muted">已使用 {copied[s.scriptId] ?? s.uses} 次</Text>
            <Button className="script-copy" size="small" type="primary" onClick={() => void copy(s)}>
              {copied[s.scriptId] ? '已复制' : '复制'}
            </Button>
          </View>
        </View>
      ))}
    </View>
  );
}
