import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, Textarea, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { regionName } from '@shared/dealer';
import { PageState } from '../../../../components/PageState';
import { dayText, kindLabel } from '../labels';
import { useAlert } from './useAlert';
import '../../insights.scss';

/**
 * One alert: what happened, where, how far from expected and what to do (the alert's own words,
 * with the numbers), the orders behind it, the dealer's page; and, while open, 标记已处理 with a
 * note of what was done. A handled alert shows who handled it, when, and the note.
 */
export default function AlertDetailPage() {
  const { state, reload, busy, handle } = useAlert();
  const [note, setNote] = useState('');
  if (state.status === 'loading') return <PageState status="loading" rows={4} />;
  if (state.status === 'error') return <PageState status="error" message={state.error.message} onRetry={() => void reload()} />;
  const a = state.data;
  if (!a) return <PageState status="empty" title="没有这条预警" description="它可能不在你负责的区域。" />;
  return (
    <View className="page page-insights-alert">
      <View className="insights-card insights-alert-detail">
        <Text className="insights-title insights-alert-title">{a.title}</Text>
        <Text className="insights-muted">
          {kindLabel(a.kind)} · {regionName(a.region)} · {dayText(a.at)}
        </Text>
        <Text className="insights-alert-message">{a.message}</Text>
        {a.orderNos.length ? <Text className="insights-muted">相关订单：{a.orderNos.join('、')}</Text> : null}
        {a.dealerId ? (
          <Text
            className="insights-link insights-alert-dealer"
            onClick={() => void Taro.navigateTo({ url: `/packages/insights/dealer/index?dealerId=${a.dealerId}` })}
          >
            查看经销商洞察 ›
          </Text>
        ) : null}
      </View>
      {a.status === 'handled' ? (
        <View className="insights-card insights-alert-handled">
          <Text className="insights-title">已处理</Text>
          <Text className="insights-muted">{a.handledAt ? dayText(a.handledAt) : ''}</Text>
          <Text className="insights-alert-note">{a.note}</Text>
        </View>
      ) : (
        <View className="insights-card insights-alert-handle">
          <Text className="insights-title">处理情况</Text>
          <Textarea
            className="insights-note insights-alert-note-input"
            value={note}
            maxlength={500}
            placeholder="例如：已电话核实，安排补货"
            aria-label="处理情况"
            onInput={(e) => setNote(e.detail.value)}
          />
          <Button className="insights-button insights-alert-submit" loading={busy} disabled={busy} onClick={() => void handle(note)}>
            标记已处理
          </Button>
        </View>
      )}
    </View>
  );
}
