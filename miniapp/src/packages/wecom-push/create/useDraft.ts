import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { PushChannel } from '@shared/contracts';
import { call } from '../../../services/cloud';
import { useCall } from '../../../services/useCall';

export interface Draft {
  title: string;
  text: string;
  channel: PushChannel;
  regions: string[];
  levels: string[];
  /** The campaign whose card each clerk's message carries (her own code), or '' for none. */
  campaignId: string;
  cardTitle: string;
}

const EMPTY: Draft = { title: '', text: '', channel: 'single', regions: [], levels: [], campaignId: '', cardTitle: '' };

/** The new task's fields, the campaigns a card may open, and 生成发送计划 (pushPlan → the task page). */
export function useDraft() {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [busy, setBusy] = useState(false);
  const campaigns = useCall(() => call('campaigns', 'list'));
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));
  const toggle = (key: 'regions' | 'levels', value: string) =>
    setDraft((d) => ({ ...d, [key]: d[key].includes(value) ? d[key].filter((v) => v !== value) : [...d[key], value] }));

  async function plan() {
    setBusy(true);
    const card = draft.campaignId && draft.channel !== 'moment' ? { campaignId: draft.campaignId, title: draft.cardTitle || draft.title } : null;
    const res = await call('wecom', 'pushPlan', {
      title: draft.title,
      text: draft.text,
      images: [],
      card,
      channel: draft.channel,
      audience: { regions: draft.regions as never, levels: draft.levels as never, tags: [] },
    });
    setBusy(false);
    if (!res.ok) return void Taro.showToast({ title: res.error.issues?.[0]?.message ?? res.error.message, icon: 'none', duration: 3000 });
    void Taro.redirectTo({ url: `/packages/wecom-push/task/index?id=${res.data.taskId}` });
  }

  return {
    draft,
    set,
    toggle,
    busy,
    plan,
    campaigns: campaigns.state.status === 'ok' ? campaigns.state.data.items.filter((c) => c.phase !== 'over' && c.status === 'published') : [],
  };
}
