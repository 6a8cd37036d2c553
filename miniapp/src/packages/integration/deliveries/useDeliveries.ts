import { useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { WebhookDeliveryStatus } from '@shared/integration/webhooks';
import { useCall } from '../../../services/useCall';
import { integrationCall } from '../api';

/**
 * The webhook deliveries page's data: the newest deliveries of one status (dead ones first, the
 * ones an admin acts on); `replay` sends a dead one again now and reads the list again.
 */
export function useDeliveries() {
  const [status, setStatus] = useState<WebhookDeliveryStatus | 'all'>('dead');
  const { state, reload } = useCall(() => integrationCall('deliveries', status === 'all' ? { limit: 100 } : { status, limit: 100 }));
  // useCall reads once on mount; a change of filter reads again.
  const mounted = useRef(false);
  useEffect(() => {
    if (mounted.current) void reload();
    mounted.current = true;
  }, [status, reload]);
  const [busy, setBusy] = useState<string | null>(null);
  const replay = async (id: string) => {
    setBusy(id);
    const answer = await integrationCall('replayDelivery', { id });
    setBusy(null);
    const title = !answer.ok ? answer.error.message : answer.data.delivered > 0 ? '已重发并送达' : '已重新排队，稍后自动重试';
    void Taro.showToast({ title, icon: 'none' });
    await reload(true);
  };
  return { status, setStatus, state, reload, busy, replay };
}
