import { useEffect, useRef, useState } from 'react';
import Taro, { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Cell } from '@nutui/nutui-react-taro';
import { PageState } from '../../../components/PageState';
import { useCall } from '../../../services/useCall';
import { insightsCall } from '../api';
import { Switch } from '../components/Switch';
import { dayText, kindLabel } from './labels';
import '../insights.scss';

/**
 * 预警: the alerts sent to the caller (insights.alerts: a manager's own, an admin's all), open ones
 * first, newest first; each says what happened where and how far from expected. Tap one to see
 * what to do and mark it handled. Back here, the list is asked again.
 */
export default function AlertsPage() {
  const [status, setStatus] = useState<'open' | 'handled'>('open');
  const { state, reload } = useCall(() => insightsCall('alerts', { status }));
  const asked = useRef(status);
  useEffect(() => {
    if (asked.current === status) return;
    asked.current = status;
    void reload();
  }, [status, reload]);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload(true);
    shown.current = true;
  });
  return (
    <View className="page page-insights-alerts">
      <Switch
        name="status"
        value={status}
        onChange={setStatus}
        options={[
          ['open', '待处理'],
          ['handled', '已处理'],
        ]}
      />
      {state.status === 'loading' ? <PageState status="loading" rows={4} /> : null}
      {state.status === 'error' ? <PageState status="error" message={state.error.message} onRetry={() => void reload()} /> : null}
      {state.status === 'ok' && state.data.items.length === 0 ? (
        <PageState
          status="empty"
          title={status === 'open' ? '没有待处理的预警' : '还没有处理过的预警'}
          description="夜间任务发现异常时，会在这里提醒你，并发送订阅消息。"
        />
      ) : null}
      {state.status === 'ok' && state.data.items.length > 0 ? (
        <Cell.Group className="insights-alert-list">
          {state.data.items.map((a) => (
            <Cell
              key={a.id}
              className={`insights-alert insights-alert-${a.kind}`}
              title={
                <View className="insights-line-main">
                  <Text>{a.title}</Text>
                  <Text className="insights-muted">
                    {kindLabel(a.kind)} · {dayText(a.at)}
                  </Text>
                </View>
              }
              description={a.message}
              clickable
              onClick={() => void Taro.navigateTo({ url: `/packages/insights/alerts/detail/index?id=${encodeURIComponent(a.id)}` })}
            />
          ))}
        </Cell.Group>
      ) : null}
    </View>
  );
}
