import { useState } from 'react';
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { UnreadReader } from '@shared/contracts/enablement';
import { useCall } from '../../../services/useCall';
import { enablementCall } from '../api';

/** Dealers drawn at a time: a must-read for every dealer can leave hundreds unread. */
const PAGE = 20;

export interface DealerGroup {
  key: string;
  /** The dealer's name, or 品牌方 for the brand's own people (managers). */
  name: string;
  people: UnreadReader[];
}

/** Readers by dealer, in the order the function answered them. */
function byDealer(readers: readonly UnreadReader[]): DealerGroup[] {
  const groups = new Map<string, DealerGroup>();
  for (const r of readers) {
    const key = r.dealerId ?? 'brand';
    const g = groups.get(key) ?? { key, name: r.dealerName ?? '品牌方', people: [] };
    g.people.push(r);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * Who has not read a must-read's current version (?id=, ?title=), by dealer, 20 dealers at a time;
 * 提醒 sends each of them the reminder they allowed (remindUnread) and says how many it reached.
 */
export function useUnread() {
  const params = useRouter().params;
  const resourceId = params['id'] ?? '';
  const title = params['title'] ? decodeURIComponent(params['title']) : '必读资料';
  const { state, reload } = useCall(() => enablementCall('unreadReaders', { resourceId }));
  const [shown, setShown] = useState(PAGE);
  const [busy, setBusy] = useState(false);
  usePullDownRefresh(() => void reload(true).finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => setShown((n) => n + PAGE));

  const groups = state.status === 'ok' ? byDealer(state.data.readers) : [];
  const remind = async () => {
    setBusy(true);
    const answer = await enablementCall('remindUnread', { resourceId });
    setBusy(false);
    if (!answer.ok) return void Taro.showToast({ title: answer.error.message, icon: 'none' });
    const { reminded, unread } = answer.data;
    const rest = unread - reminded;
    await Taro.showModal({
      title: '提醒已发送',
      content: `已通过订阅消息提醒 ${reminded} 人${rest > 0 ? `；${rest} 人未开启提醒或提醒次数已用完，请另行通知` : ''}。`,
      showCancel: false,
    });
  };
  return { title, state, reload, groups: groups.slice(0, shown), dealers: groups.length, more: groups.length > shown, busy, remind };
}
