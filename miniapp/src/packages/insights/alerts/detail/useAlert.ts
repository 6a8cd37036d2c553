import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import type { InsightAlertView } from '@shared/contracts/insights';
import type { Envelope } from '@shared/envelope';
import { useCall } from '../../../../services/useCall';
import { insightsCall } from '../../api';

/**
 * One alert of the caller's inbox (?id=): looked up among the open ones, then the handled ones
 * (the inbox's own answers, so a manager sees exactly what the list showed). `handle` marks it
 * handled with the note (insights.handleAlert) and shows the answer.
 */
export function useAlert() {
  const id = decodeURIComponent(useRouter().params['id'] ?? '');
  const [busy, setBusy] = useState(false);
  const { state, reload } = useCall(async (): Promise<Envelope<InsightAlertView | null>> => {
    for (const status of ['open', 'handled'] as const) {
      const res = await insightsCall('alerts', { status });
      if (!res.ok) return res;
      const hit = res.data.items.find((a) => a.id === id);
      if (hit) return { ok: true, data: hit };
    }
    return { ok: true, data: null };
  });
  const handle = async (note: string) => {
    if (!note.trim()) {
      void Taro.showToast({ title: '请写下处理情况', icon: 'none' });
      return;
    }
    setBusy(true);
    const res = await insightsCall('handleAlert', { id, note: note.trim() });
    setBusy(false);
    void Taro.showToast({ title: res.ok ? '已标记为已处理' : res.error.message, icon: res.ok ? 'success' : 'none' });
    if (res.ok || res.error.code === 'CONFLICT') await reload(true);
  };
  return { state, reload, busy, handle };
}
